// Notices, stacked in the page's bottom-right corner above the status bar: information goes by itself after
// a few seconds, errors stay until dismissed (or until what caused them goes away: the server back), and
// there is one notice per cause — a new one replaces the old, so a repeated failure never piles up. Texts
// given in both languages are drawn in the language of the moment, so switching never leaves a notice in
// the other one.
import type { Notice, Store, Words } from '../state.js';
import { h, clear } from '../dom.js';
import { words } from '../i18n.js';
import { DisposableStore, toDisposable, timeout, type Disposable } from './lifecycle.js';

/** How long information stays (errors stay until dismissed). */
export const INFO_MS = 5000;
/** At most this many notices at once: the oldest information goes first, then the oldest errors. */
export const MAX_NOTICES = 4;

export interface NotifyOptions {
  /** What the notice is about (default: its kind and words): a notice of the same cause replaces it. */
  cause?: string;
  /** Stays until dismissed (default: errors do, information does not). */
  sticky?: boolean;
  action?: Notice['action'];
}

/** Causes the workbench clears itself when the thing goes away. */
export const CAUSE = { server: 'server', engine: 'engine', language: 'language' } as const;

export class NotificationService implements Disposable {
  private nextId = 0;
  private readonly timers = new Map<number, Disposable>();
  private readonly disposables = new DisposableStore();

  constructor(
    private readonly store: Store,
    private readonly infoMs = INFO_MS,
  ) {
    this.disposables.add(
      toDisposable(() => {
        for (const t of this.timers.values()) t.dispose();
        this.timers.clear();
      }),
    );
  }

  notify(text: Words, kind: Notice['kind'], opts: NotifyOptions = {}): number {
    const cause = opts.cause ?? `${kind}:${words(text)}`;
    const n: Notice = {
      id: ++this.nextId,
      text,
      kind,
      cause,
      sticky: opts.sticky ?? kind === 'error',
      ...(opts.action ? { action: opts.action } : {}),
    };
    for (const x of this.store.s.notices) if (x.cause === cause) this.forget(x.id);
    const kept = this.store.s.notices.filter((x) => x.cause !== cause);
    kept.push(n);
    while (kept.length > MAX_NOTICES) {
      const i = kept.findIndex((x) => x.kind !== 'error');
      const [gone] = kept.splice(Math.max(i, 0), 1);
      if (gone) this.forget(gone.id);
    }
    this.store.update({ notices: kept });
    if (!n.sticky)
      this.timers.set(
        n.id,
        timeout(() => this.dismiss(n.id), this.infoMs),
      );
    return n.id;
  }

  dismiss(id: number | null): void {
    if (id === null) return;
    this.forget(id);
    if (this.store.s.notices.some((x) => x.id === id))
      this.store.update({ notices: this.store.s.notices.filter((x) => x.id !== id) });
  }

  /** Clears the notices of a cause (or of causes starting with `prefix:`). */
  clearCause(cause: string): void {
    const gone = this.store.s.notices.filter((x) => x.cause === cause || x.cause.startsWith(`${cause}:`));
    if (gone.length === 0) return;
    for (const x of gone) this.forget(x.id);
    this.store.update({ notices: this.store.s.notices.filter((x) => !gone.includes(x)) });
  }

  /** Draws the notices into `el` (the corner), again whenever they or the language change. */
  attach(el: HTMLElement): void {
    const draw = (): void => renderNotices(el, this.store.s.notices, (id) => this.dismiss(id));
    draw();
    this.disposables.add(
      toDisposable(
        this.store.subscribe((changed) => {
          if (changed.has('notices') || changed.has('lang')) draw();
        }),
      ),
    );
  }

  /** Timers still waiting to take information away (the tests count them). */
  get pendingTimers(): number {
    return this.timers.size;
  }

  private forget(id: number): void {
    this.timers.get(id)?.dispose();
    this.timers.delete(id);
  }

  dispose(): void {
    this.disposables.dispose();
  }
}

/** Draws the notices into their corner. */
export function renderNotices(el: HTMLElement, notices: readonly Notice[], dismiss: (id: number) => void): void {
  clear(el);
  for (const n of notices) {
    el.append(
      h(
        'div',
        { class: `notice ${n.kind}`, 'data-testid': `notice-${n.kind}`, role: n.kind === 'error' ? 'alert' : 'status' },
        h('span', words(n.text)),
        n.action
          ? h(
              'button.notice-action',
              { 'data-testid': 'notice-action', onclick: () => n.action?.run() },
              words(n.action.label),
            )
          : null,
        h(
          'button.notice-close',
          { 'aria-label': words({ zh: '关闭', en: 'Dismiss' }), onclick: () => dismiss(n.id) },
          '×',
        ),
      ),
    );
  }
}
