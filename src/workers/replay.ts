// Series over a date range for the workbench's charts: the engine's incremental replay, run in slices of
// cases so the worker can report progress, answer other requests between slices, and notice that a newer
// request superseded this one.
import type { PlanIR } from '../engine/ir/types.js';
import type { CaseStore } from '../engine/data/store.js';
import type { ProgressReport, StaffingRecord } from '../engine/data/record.js';
import type { ReplayResult, Step } from '../engine/replay/types.js';
import { prepareReplay, windowJobPass, type ReplaySums } from '../engine/replay/replay.js';
import { compilerFor } from '../engine/eval/jobs.js';
import type { FunctionTable } from '../engine/eval/expr.js';
import type { Day } from '../engine/time/calendar.js';

export interface ReplayRun {
  ir: PlanIR;
  store: CaseStore;
  progress: readonly ProgressReport[];
  staffing: readonly StaffingRecord[];
  from: string;
  to: string;
  step: Step;
  addWorkdays?: (day: Day, n: number) => Day;
  functions?: FunctionTable;
}

/** A slice of work between two yields: short enough that an as-of move is answered without a wait. */
const SLICE_MS = 50;

/**
 * Replays window by window, each window in slices of cases sized to about SLICE_MS. `between` runs after
 * each slice: it reports progress (the fraction of case passes done) and returns false to stop (the
 * request was superseded), in which case the result is null.
 */
export async function replayCooperatively(
  run: ReplayRun,
  between: (done: number, total: number) => Promise<boolean>,
  now: () => number = () => performance.now(),
): Promise<(ReplayResult & { method: string }) | null> {
  const prepared = prepareReplay({ ...run, execute: false });
  // The cases as the plan sees them (court identity applied by prepareReplay).
  const store = prepared.store;
  const compiler = compilerFor(run.ir, store, run.addWorkdays, run.functions);
  const sums: ReplaySums = {};
  const jobs = prepared.windowJobs;
  const n = store.n,
    total = jobs.length * n;
  let slice = 2000;
  for (let k = 0; k < jobs.length; k++) {
    const pass = windowJobPass(run.ir, store, jobs[k]!, prepared.staffing, compiler);
    let lo = 0;
    do {
      const hi = Math.min(n, lo + slice);
      const t0 = now();
      pass.run(lo, hi);
      const ms = now() - t0;
      // Aim the next slice at SLICE_MS from this one's pace (within limits, so one odd slice cannot swing it far).
      if (hi > lo) slice = Math.max(200, Math.min(slice * 4, Math.round(((hi - lo) * SLICE_MS) / Math.max(ms, 1))));
      lo = hi;
      if (!(await between(k * n + hi, total))) return null;
    } while (lo < n);
    sums[jobs[k]!.key] = pass.sums();
  }
  return prepared.assemble(sums);
}
