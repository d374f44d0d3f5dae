// The title bar: the brand, the as-of controls (play, the slider over the plan's period, the date, the
// step), the command palette and the language switch. The controls follow the date without being rebuilt
// (a slider being dragged must stay put).
import type { State, Store } from '../state.js';
import { t } from '../i18n.js';
import { h, clear } from '../dom.js';
import { addDaysIso, daysBetween } from '../dates.js';
import { DisposableStore, toDisposable, type Disposable } from './lifecycle.js';

export interface TitleBarActions {
  openPalette(): void;
  toggleLanguage(): void;
  setAsOf(date: string, immediate?: boolean): void;
  setStep(step: State['step']): void;
  togglePlay(): void;
}

export class TitleBar implements Disposable {
  private readonly disposables = new DisposableStore();

  constructor(
    private readonly el: { titlebar: HTMLElement; asof: HTMLElement },
    private readonly store: Store,
    private readonly actions: TitleBarActions,
  ) {
    this.disposables.add(
      toDisposable(
        store.subscribe((changed) => {
          if (changed.has('lang')) this.render();
          else if (['range', 'playing', 'step'].some((k) => changed.has(k as never))) this.renderAsOf();
          else if (changed.has('asOf')) this.syncAsOf();
        }),
      ),
    );
  }

  render(): void {
    const { titlebar, asof } = this.el;
    clear(titlebar);
    titlebar.append(
      h('div.brand', h('span.logo', '落实'), h('span.sub', t('appSubtitle'))),
      asof,
      h('div.spacer'),
      h(
        'button.title-btn',
        { 'data-testid': 'open-palette', title: 'Ctrl+Shift+P', onclick: () => this.actions.openPalette() },
        `⌘ ${t('commandPalette')}`,
      ),
      h(
        'button.title-btn',
        { 'data-testid': 'lang-switch', onclick: () => this.actions.toggleLanguage() },
        t('language'),
      ),
    );
    this.renderAsOf();
  }

  private renderAsOf(): void {
    const { range, asOf, playing, step } = this.store.s;
    const el = this.el.asof;
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.testid;
    clear(el);
    if (!range || !asOf) {
      el.append(h('span.muted', t('noPlan')));
      return;
    }
    const total = Math.max(1, daysBetween(range.from, range.to));
    const slider = h('input', {
      type: 'range',
      min: 0,
      max: total,
      step: 1,
      value: daysBetween(range.from, asOf),
      'data-testid': 'asof-slider',
      'aria-label': t('asOf'),
    }) as HTMLInputElement;
    slider.addEventListener('input', () => this.actions.setAsOf(addDaysIso(range.from, Number(slider.value))));
    const dateInput = h('input.asof-date', {
      type: 'date',
      min: range.from,
      max: range.to,
      value: asOf,
      'data-testid': 'asof-date',
    }) as HTMLInputElement;
    dateInput.addEventListener('change', () => {
      if (dateInput.value) this.actions.setAsOf(dateInput.value, true);
    });
    const stepSel = h(
      'select.asof-step',
      { 'aria-label': t('step') },
      ...(['day', 'week', 'month'] as const).map((k) => h('option', { value: k, selected: step === k }, t(k))),
    );
    stepSel.addEventListener('change', () => this.actions.setStep(stepSel.value as State['step']));
    el.append(
      h(
        'button.play',
        {
          'data-testid': 'play',
          title: `${playing ? t('pause') : t('play')} (Ctrl+Alt+P)`,
          onclick: () => this.actions.togglePlay(),
        },
        playing ? '❚❚' : '▶',
      ),
      h('span.asof-label', t('asOf')),
      h('span.range-end', range.from),
      slider,
      h('span.range-end', range.to),
      dateInput,
      stepSel,
    );
    if (focused === 'asof-slider') slider.focus();
    else if (focused === 'asof-date') dateInput.focus();
  }

  private syncAsOf(): void {
    const { range, asOf } = this.store.s;
    const slider = this.el.asof.querySelector<HTMLInputElement>('[data-testid=asof-slider]');
    const date = this.el.asof.querySelector<HTMLInputElement>('[data-testid=asof-date]');
    if (!range || !asOf || !slider || !date) {
      this.renderAsOf();
      return;
    }
    const v = String(daysBetween(range.from, asOf));
    if (slider.value !== v) slider.value = v;
    if (document.activeElement !== date && date.value !== asOf) date.value = asOf;
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
