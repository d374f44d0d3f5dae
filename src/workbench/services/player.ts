// Play: the as-of date walks through the plan's period by the chosen step, one evaluation per stop, at
// most about three stops a second; it stops at the period's end or when paused.
import type { Store } from '../state.js';
import { nextPlayDate } from '../play.js';
import { DisposableStore, timeout, type Disposable } from './lifecycle.js';

/** The shortest time between two stops, evaluation included. */
export const STOP_MS = 350;

export class Player implements Disposable {
  private timer: Disposable | null = null;
  private readonly disposables = new DisposableStore();

  constructor(
    private readonly store: Store,
    private readonly pipeline: { setAsOf(date: string, immediate?: boolean): void; runEvaluate(): Promise<void> },
  ) {}

  toggle(): void {
    if (this.store.s.playing) {
      this.stop();
      return;
    }
    const { range, asOf } = this.store.s;
    if (!range) return;
    if (!asOf || asOf >= range.to) this.pipeline.setAsOf(range.from, true);
    this.store.update({ playing: true });
    this.wait(100);
  }

  private wait(ms: number): void {
    this.timer?.dispose();
    this.timer = this.disposables.add(
      timeout(() => {
        void this.tick();
      }, ms),
    );
  }

  private async tick(): Promise<void> {
    if (!this.store.s.playing) return;
    const { range, asOf } = this.store.s;
    if (!range || !asOf) {
      this.stop();
      return;
    }
    // The next stop: a step date or a deadline in between (../play.ts).
    const next = nextPlayDate(this.store.s) ?? range.to;
    const t0 = performance.now();
    this.store.update({ asOf: next > range.to ? range.to : next });
    await this.pipeline.runEvaluate();
    if (next >= range.to) {
      this.stop();
      return;
    }
    this.wait(Math.max(0, STOP_MS - (performance.now() - t0)));
  }

  stop(): void {
    if (this.timer) {
      this.timer.dispose();
      this.disposables.delete(this.timer);
    }
    this.timer = null;
    this.store.update({ playing: false });
  }

  dispose(): void {
    this.timer = null;
    this.disposables.dispose();
  }
}
