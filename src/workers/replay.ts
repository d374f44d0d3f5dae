// Series over a date range for the workbench's charts: the engine's incremental replay, run one window
// at a time so the worker can report progress and notice that a newer request superseded this one.
import type { PlanIR } from '../engine/ir/types.js';
import type { CaseStore } from '../engine/data/store.js';
import type { ProgressReport, StaffingRecord } from '../engine/data/record.js';
import type { ReplayResult, Step } from '../engine/replay/types.js';
import { executeReplayWindows, prepareReplay, type ReplaySums } from '../engine/replay/replay.js';
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

/**
 * Replays window by window. `between` runs after each window: it reports progress and returns false to
 * stop (the request was superseded), in which case the result is null.
 */
export async function replayCooperatively(run: ReplayRun, between: (done: number, total: number) => Promise<boolean>): Promise<(ReplayResult & { method: string }) | null> {
  const prepared = prepareReplay({ ...run, execute: false });
  const compiler = compilerFor(run.ir, run.store, run.addWorkdays, run.functions);
  const sums: ReplaySums = {};
  const jobs = prepared.windowJobs;
  for (let k = 0; k < jobs.length; k++) {
    Object.assign(sums, executeReplayWindows(run.ir, run.store, [jobs[k]!], prepared.staffing, compiler));
    if (!(await between(k + 1, jobs.length))) return null;
  }
  return prepared.assemble(sums);
}
