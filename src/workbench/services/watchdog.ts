// The engine watchdog: a request the engine worker keeps waiting too long without a word (answer or
// progress) means it is stuck — a configured plugin's function that never returns runs there, and
// synchronous code cannot be interrupted. Says so in a notice naming the plugin functions the plan calls,
// with a button that restarts the engine; the notice goes when the engine answers again.
import type { Store } from '../state.js';
import { DisposableStore, interval, type Disposable } from './lifecycle.js';
import { CAUSE, type NotificationService } from './notifications.js';

/** How often the watchdog looks. */
export const WATCH_MS = 2000;

/**
 * A request the engine keeps waiting this long without a word means it is stuck (default 30 s;
 * `localStorage['luoshi.engineSilentMs']` changes it).
 */
export function engineSilentMs(): number {
  return Number(localStorage.getItem('luoshi.engineSilentMs')) || 30_000;
}

export class EngineWatchdog implements Disposable {
  private notice: number | null = null;
  private readonly disposables = new DisposableStore();

  constructor(
    private readonly store: Store,
    private readonly client: { silentFor(): number },
    private readonly notifications: Pick<NotificationService, 'notify' | 'dismiss'>,
    private readonly restart: () => void,
    private readonly silentMs = engineSilentMs(),
  ) {
    this.disposables.add(interval(() => this.look(), WATCH_MS));
  }

  /** Whether the stuck notice is up. */
  get warning(): boolean {
    return this.notice !== null;
  }

  look(): void {
    const silent = this.client.silentFor();
    if (silent < this.silentMs) {
      if (silent === 0) this.clear();
      return;
    }
    if (this.notice !== null) return;
    const calls = this.store.s.check?.calls ?? [];
    const fns = calls.map((c) => `${c.fn}（${c.plugin}）`).join('、');
    const fnsEn = calls.map((c) => `${c.fn} (${c.plugin})`).join(', ');
    const secs = Math.round(silent / 1000);
    this.notice = this.notifications.notify(
      {
        zh: `引擎 ${secs} 秒无响应${calls.length ? `：计划调用的插件函数可能陷入死循环——${fns}` : ''}。页面仍可使用；重启引擎后暂停计算，修改计划或插件后继续。`,
        en: `the engine has not answered for ${secs} s${calls.length ? `: a plugin function the plan calls may never return — ${fnsEn}` : ''}. The page still works; restarting the engine pauses evaluation until the plan or its plugins change.`,
      },
      'error',
      {
        cause: CAUSE.engine,
        sticky: true,
        action: {
          label: { zh: '重启引擎', en: 'Restart the engine' },
          run: () => {
            this.clear();
            this.restart();
          },
        },
      },
    );
  }

  /** Takes the notice away (the engine answered, or is being restarted). */
  clear(): void {
    this.notifications.dismiss(this.notice);
    this.notice = null;
  }

  dispose(): void {
    this.disposables.dispose();
  }
}
