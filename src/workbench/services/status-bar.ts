// The status bar: problems, the server's state, the plan in view, the data behind the figures (the files
// with their counts on hover), what the engine is doing or when it last evaluated, the language. Drawn
// again only when what it says changes (progress arrives at most ten times a second: workers/progress-throttle.ts).
import type { Store } from '../state.js';
import { sourceText } from '../../engine/report/render.js';
import { dataBanner } from '../data-pick.js';
import { currentLang, pick, t } from '../i18n.js';
import { h, clear, append } from '../dom.js';
import { DisposableStore, toDisposable, type Disposable } from './lifecycle.js';

export class StatusBar implements Disposable {
  private key = '';
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

  /** The busy text: the progress of what runs, or what runs. */
  private busyText(): string | null {
    const s = this.store.s;
    const busy = Object.values(s.busy)[0];
    if (busy === undefined) return null;
    if (busy === true)
      return s.busy.evaluate ? t('evaluating') : s.busy.replay ? t('replaying') : s.busy.check ? t('checking') : '…';
    return pick(busy.text, busy.textEn) + (busy.fraction !== null ? ` ${Math.round(busy.fraction * 100)}%` : '');
  }

  /** What runs, its bar (percent done; moving without a value while the fraction is unknown) and, for a replay, a way to stop it. */
  private busyItem(text: string): HTMLElement {
    const s = this.store.s;
    const op = Object.keys(s.busy)[0]!;
    const busy = Object.values(s.busy)[0];
    const fraction = busy === true || busy === undefined ? null : busy.fraction;
    return h(
      'span.status-item.busy',
      { 'data-testid': 'busy', 'data-op': op },
      `⟳ ${text}`,
      h('progress.busy-bar', {
        'data-testid': 'busy-progress',
        max: 100,
        value: fraction === null ? null : Math.round(fraction * 100),
      }),
      op === 'replay'
        ? h(
            'button.busy-cancel',
            { 'data-testid': 'busy-cancel', title: t('cancel'), onclick: () => this.actions.cancelReplay() },
            '✕',
          )
        : null,
    );
  }

  render(): void {
    const s = this.store.s;
    const errors = s.check?.errorCount ?? 0,
      warnings = s.check?.warningCount ?? 0;
    const busyText = this.busyText();
    const data = s.data
      ? `${s.data.cases.toLocaleString('en-US')} ${pick('件案件', 'cases')}${s.data.rejected ? ` · ${s.data.rejected} ${t('rejected')}` : ''}`
      : s.dataError
        ? `⚠ ${s.dataError}`
        : t('noData');
    const key = JSON.stringify([
      errors,
      warnings,
      busyText,
      Object.keys(s.busy)[0] ?? null,
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
      busyText
        ? this.busyItem(busyText)
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
