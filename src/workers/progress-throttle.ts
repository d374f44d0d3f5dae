// Progress from the engine worker to the page, at most ten messages a second per operation, so a long load,
// evaluation or replay does not flood the page's thread with redraws. The end of an operation (fraction 1)
// always goes, so the page never stops short of it.
import type { ProgressMessage } from './protocol.js';

/** The least time between two messages of one operation. */
export const PROGRESS_INTERVAL_MS = 100;

export class ProgressThrottle {
  private readonly last = new Map<ProgressMessage['op'], number>();

  constructor(
    private readonly now: () => number,
    private readonly interval = PROGRESS_INTERVAL_MS,
  ) {}

  /** Whether `m` is sent now (and counts as the operation's last message sent). */
  admit(m: ProgressMessage): boolean {
    const t = this.now();
    const prev = this.last.get(m.op);
    if (prev !== undefined && t - prev < this.interval && m.fraction !== 1) return false;
    this.last.set(m.op, t);
    return true;
  }
}
