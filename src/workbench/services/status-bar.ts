// The status bar: problems, the server's state, the plan in view, the data behind the figures (the files
// with their counts on hover), what the engine is doing (with its progress) or when it last evaluated, the
// language. Drawn again only when what it says changes; progress (at most ten messages a second:
// workers/progress-throttle.ts) only updates the busy item in place.
import type { State, Store } from '../state.js';
import { sourceText } from '../../engine/report/render.js';
import { dataBanner } from '../data-pick.js';
import { currentLang, pick, t } from '../i18n.js';
import { h, clear, append } from '../dom.js';
import { DisposableStore, toDisposable, type Disposable } from './lifecycle.js';

type BusyOp = keyof State['busy'];
const SHOWN_FIRST: readonly BusyOp[] = ['load', 'evaluate', 'replay', 'check', 'cases'];

export class StatusBar implements Disposable {
  private key = '';
  private busyEl: { op: BusyOp; el: HTMLElement; label: HTMLElement; bar: HTMLProgressElement } | null = null;
  private readonly disposables = new DisposableStore();
  /** How many times it was drawn (the tests count them). */
  draws = 0;

  constructor(
    private readonly el: HTMLElement,
    private readonly store: Store,
    private readonly actions: { toggleLanguage(): void; cancelReplay(): void },
  ) {
    this.disposables.add(toDisposable(store.subscribe(() => this.render())));
  }

  /** What runs and is shown: data being loaded first (what follows waits for it), then evaluation, replay, the rest. */
  private busyOp(): BusyOp | null {
    const busy = this.store.s.busy;
    return SHOWN_FIRST.find((op) => busy[op] !== undefined) ?? null;
  }

  /** The busy text: the progress of what runs, or what runs. */
  private busyText(op: BusyOp): string {
    const busy = this.store.s.busy[op]!;
    if (busy === true)
      return op === 'evaluate'
        ? t('evaluating')
        : op === 'replay'
          ? t('replaying')
          : op === 'check'
            ? t('checking')
            : '…';
    return pick(busy.text, busy.textEn) + (busy.fraction !== null ? ` ${Math.round(busy.fraction * 100)}%` : '');
  }

  /**
   * The busy item: what runs, its bar (percent done; moving without a value while the fraction is unknown) and,
   * for a replay, a button that stops it. One element per operation, updated in place as progress comes, so the
   * button stays under the pointer while the bar moves.
   */
  private busyItem(op: BusyOp): HTMLElement {
    if (this.busyEl?.op !== op) {
      const label = h('span.busy-text');
      const bar = h('progress.busy-bar', { 'data-testid': 'busy-progress', max: 100 });
      const el = h(
        'span.status-item.busy',
        { 'data-testid': 'busy', 'data-op': op },
        label,
        bar,
        op === 'replay'
          ? h(
              'button.busy-cancel',
              { 'data-testid': 'busy-cancel', title: t('cancel'), onclick: () => this.actions.cancelReplay() },
              '✕',
            )
          : null,
      );
      this.busyEl = { op, el, label, bar };
    }
    const busy = this.store.s.busy[op];
    const fraction = busy === true || busy === undefined ? null : busy.fraction;
    this.busyEl.label.textContent = `⟳ ${this.busyText(op)}`;
    if (fraction === null) this.busyEl.bar.removeAttribute('value');
    else this.busyEl.bar.value = Math.round(fraction * 100);
    return this.busyEl.el;
  }

  render(): void {
    const s = this.store.s;
    const errors = s.check?.errorCount ?? 0,
      warnings = s.check?.warningCount ?? 0;
    const op = this.busyOp();
    if (op === null) this.busyEl = null;
    // Progress alone changes the busy item in place, not the whole bar.
    else if (this.busyEl?.op === op) this.busyItem(op);
    const data = s.data
      ? `${s.data.cases.toLocaleString('en-US')} ${pick('件案件', 'cases')}${s.data.rejected ? ` · ${s.data.rejected} ${t('rejected')}` : ''}`
      : s.dataError
        ? `⚠ ${s.dataError}`
        : t('noData');
    const key = JSON.stringify([
      errors,
      warnings,
      op,
      data,
      s.data?.sources ?? null,
      s.dataOrigin,
      s.server,
      s.entry,
      s.report?.asOf ?? null,
      s.reportStale,
      currentLang(),
    ]);
    if (key === this.key) return;
    this.key = key;
    this.draws++;
    clear(this.el);
    const banner = dataBanner(s.dataOrigin);
    const show = (panelView: string) => () => this.store.update({ panelView });
    this.el.className = `statusbar${s.server === 'down' || s.server === 'signed-out' ? ' down' : ''}`;
    append(this.el, [
      h(
        'button.status-item',
        { 'data-testid': 'status-problems', onclick: show('problems') },
        `⊗ ${errors}  ⚠ ${warnings}`,
      ),
      s.server === 'down'
        ? h('span.status-item.alert', { 'data-testid': 'server-down' }, `⚡ ${t('serverDown')}`)
        : null,
      s.server === 'signed-out'
        ? h('span.status-item.alert', { 'data-testid': 'signed-out' }, `⚠ ${t('signedOut')}`)
        : null,
      h('span.status-item', s.entry ? `▣ ${s.entry}` : t('noPlan')),
      // The files behind the figures, with their counts, on hover.
      h(
        'button.status-item',
        {
          'data-testid': 'status-data',
          title: (s.data?.sources ?? []).map((x) => sourceText(x, currentLang())).join('\n'),
          onclick: show('data'),
        },
        `⛁ ${data}`,
      ),
      banner
        ? h(
            'button.status-item.alert',
            { 'data-testid': 'data-banner', title: pick(banner.zh, banner.en), onclick: show('data') },
            `⚠ ${pick(banner.shortZh, banner.shortEn)}`,
          )
        : null,
      h('div.spacer'),
      op
        ? this.busyItem(op)
        : s.report
          ? h(
              'span.status-item',
              { 'data-testid': 'evaluated' },
              `✓ ${t('evaluated')} · ${t('asOf')} ${s.report.asOf}${s.reportStale ? ' *' : ''}`,
            )
          : null,
      h(
        'button.status-item',
        { title: t('toggleLang'), onclick: () => this.actions.toggleLanguage() },
        pick('中文', 'English'),
      ),
    ]);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
