// Parallel evaluation and replay: over the process's resident worker pool (./pool.ts), which holds the data
// in shards — loaded there from byte ranges, or split by court and sent the first time a store is used — and
// merges the partial sums exactly, so the answer is the same for any number of threads.
import type { CaseStore } from '../engine/data/store.js';
import { evaluatePlan, type EvaluateInput } from '../engine/eval/evaluate.js';
import { replayPlan, type ReplayInput } from '../engine/replay/replay.js';
import type { PlanReport } from '../engine/report/model.js';
import type { ReplayResult } from '../engine/replay/types.js';
import { defaultThreads, poolHolding, residentPool, type EnginePool } from './pool.js';

/**
 * The pool to run over `store` with `threads` threads, or null for this thread: one thread, no cases, or fewer
 * than `minCases` cases in a store the pool does not hold yet (sending it would cost more than it saves).
 */
async function poolFor(store: CaseStore, threads: number, minCases: number): Promise<EnginePool | null> {
  if (threads <= 1 || store.n === 0) return null;
  const held = poolHolding(store);
  if (held && held.size === threads) return held;
  if (store.n < minCases) return null;
  const pool = residentPool(threads);
  await pool.hold(store);
  return pool;
}

export async function evaluatePlanParallel(
  input: EvaluateInput,
  workers = defaultThreads(),
  minCases = 0,
): Promise<PlanReport> {
  const pool = await poolFor(input.store, workers, minCases);
  return pool ? pool.evaluate(input) : evaluatePlan(input);
}

export async function replayPlanParallel(
  input: ReplayInput,
  workers = defaultThreads(),
  minCases = 0,
): Promise<ReplayResult & { method: string }> {
  const pool = await poolFor(input.store, workers, minCases);
  return pool ? pool.replay(input) : replayPlan(input);
}
