// Stage timings (`--metrics`). The engine has no clock of its own (it runs in Node, a Web Worker and tests):
// the host injects one, e.g. `() => performance.now()`. Without a recorder nothing is timed.
import { STAGES, type StageName } from './stages.js';

/** Milliseconds from any fixed origin. */
export type Clock = () => number;

export interface StageTiming {
  stage: StageName;
  /** Total milliseconds, over every time the stage ran. */
  ms: number;
  /** How many times it ran (a stage runs once per file, per plan, per evaluation or per replay). */
  runs: number;
}

export class Metrics {
  private readonly totals = new Map<StageName, { ms: number; runs: number }>();

  constructor(private readonly clock: Clock) {}

  /** Runs `f`, adding its time to `stage`. */
  time<T>(stage: StageName, f: () => T): T {
    const start = this.clock();
    try {
      return f();
    } finally {
      this.add(stage, this.clock() - start);
    }
  }

  /** Runs `f` to its end, adding its time to `stage`. */
  async timeAsync<T>(stage: StageName, f: () => Promise<T>): Promise<T> {
    const start = this.clock();
    try {
      return await f();
    } finally {
      this.add(stage, this.clock() - start);
    }
  }

  add(stage: StageName, ms: number): void {
    const t = this.totals.get(stage) ?? { ms: 0, runs: 0 };
    t.ms += ms;
    t.runs += 1;
    this.totals.set(stage, t);
  }

  /** The stages that ran, in pipeline order. */
  timings(): StageTiming[] {
    return STAGES.filter((s) => this.totals.has(s.name)).map((s) => ({ stage: s.name, ...this.totals.get(s.name)! }));
  }
}

/** Times `f` when a recorder is given; else just runs it. */
export function timed<T>(metrics: Metrics | undefined, stage: StageName, f: () => T): T {
  return metrics ? metrics.time(stage, f) : f();
}
