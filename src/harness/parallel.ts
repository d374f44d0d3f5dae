// Parallel evaluation: the data split by court into shards, one worker thread per shard (comlink), the
// partial sums merged exactly — so the answer is the same for any number of workers.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { PlanIR } from '../engine/ir/types.js';
import { splitByCourt, storeTransferables, type CaseStore } from '../engine/data/store.js';
import type { StaffingRow } from '../engine/eval/aggregate.js';
import { compilerFor, executeJobs, mergeJobResults, type JobResults } from '../engine/eval/jobs.js';
import { evaluatePlan, evaluatePlanWith, type EvaluateInput } from '../engine/eval/evaluate.js';
import { prepareReplay, replayPlan, type ReplayInput, type ReplaySums } from '../engine/replay/replay.js';
import type { PlanReport } from '../engine/report/model.js';
import type { ReplayProgress, ReplayResult } from '../engine/replay/types.js';
import type { EngineWorkerApi, WorkerAnswer } from './node-engine.js';

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** Under tsx (tests, benchmarks) the worker runs from source; after the build, from dist. */
export function workerUrl(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './node-engine-source.mjs' : './node-engine.js', import.meta.url);
}

export function unwrap<T>(a: WorkerAnswer<T>): T {
  if (!a.ok) throw new Error(a.diagnostics.map((d) => `${d.code}: ${d.message}`).join('; '));
  return a.value;
}

interface Pool {
  shards: Dictionaries[];
  apis: Array<Comlink.Remote<EngineWorkerApi>>;
  workers: Worker[];
}

async function startPool(ir: PlanIR, store: CaseStore, staffing: StaffingRow[], workers: number): Promise<Pool> {
  const shards = splitByCourt(store, workers);
  const url = workerUrl();
  const ws = shards.map(() => new Worker(url));
  const apis = ws.map((w) => Comlink.wrap<EngineWorkerApi>(nodeEndpoint(w)));
  // Staffing rows go with their court's shard (rows of courts with no cases: the first shard), so each
  // row is counted once.
  const home = new Map<string, number>();
  shards.forEach((s, k) => {
    for (const c of s.courts) if (!home.has(c)) home.set(c, k);
  });
  // Shards are fresh copies: their buffers move to the workers instead of being copied again. The dictionaries
  // stay here (plain arrays are cloned), which is all the merge needs.
  const dictsHere = shards.map(dicts);
  await Promise.all(
    apis.map(async (api, k) => {
      const shard = shards[k]!;
      unwrap(
        await api.load(
          ir,
          Comlink.transfer(shard, storeTransferables(shard)),
          staffing.filter((r) => (home.get(r.court) ?? 0) === k),
        ),
      );
    }),
  );
  return { shards: dictsHere, apis, workers: ws };
}

async function stopPool(p: Pool): Promise<void> {
  for (const a of p.apis) a[Comlink.releaseProxy]();
  await Promise.all(p.workers.map((w) => w.terminate()));
}

interface Dictionaries {
  courts: string[];
  handlers: string[];
  teams: string[];
}
function dicts(s: CaseStore | Dictionaries): Dictionaries {
  return { courts: s.courts, handlers: s.handlers, teams: s.teams };
}

export async function evaluatePlanParallel(input: EvaluateInput, workers = defaultWorkers()): Promise<PlanReport> {
  if (workers <= 1 || input.store.n === 0) return evaluatePlan(input);
  let pool: Pool | null = null;
  try {
    return await evaluatePlanWith(input, async (jobs, staffing, store) => {
      if (store.n === 0)
        return executeJobs(
          input.ir,
          store,
          jobs,
          staffing,
          compilerFor(input.ir, store, input.addWorkdays, input.functions),
          input.onProgress,
        );
      pool = await startPool(input.ir, store, staffing, workers);
      const p = pool;
      let done = 0;
      const parts = await Promise.all(
        p.apis.map(async (api, k) => {
          const results = unwrap(await api.evaluate(jobs)) as JobResults;
          input.onProgress?.(++done, p.apis.length);
          return { dict: dicts(p.shards[k]!), results };
        }),
      );
      return mergeJobResults(dicts(store), parts);
    });
  } finally {
    if (pool) await stopPool(pool);
  }
}

export async function replayPlanParallel(
  input: ReplayInput,
  workers = defaultWorkers(),
): Promise<ReplayResult & { method: string }> {
  if (workers <= 1 || input.store.n === 0) return replayPlan(input);
  const prepared = prepareReplay({ ...input, execute: false });
  if (prepared.store.n === 0) return replayPlan(input);
  let pool: Pool | null = null;
  const windows = async (): Promise<ReplaySums> => {
    pool = await startPool(input.ir, prepared.store, prepared.staffing, workers);
    const p = pool;
    // Each worker reports its shard's passes; the caller sees their sum, of every window's pass of every case.
    const onProgress = input.onProgress;
    const total = prepared.windowJobs.length * prepared.store.n;
    const done = p.apis.map(() => 0);
    const report = (k: number) => (q: ReplayProgress) => {
      done[k] = q.done;
      onProgress?.({ done: done.reduce((a, b) => a + b, 0), total });
    };
    const parts = await Promise.all(
      p.apis.map(async (api, k) =>
        unwrap(await api.replay(prepared.windowJobs, onProgress ? Comlink.proxy(report(k)) : undefined)),
      ),
    );
    return mergeReplaySums(prepared.store, p.shards, parts);
  };
  try {
    return prepared.assemble(await (input.metrics ? input.metrics.timeAsync('replay windows', windows) : windows()));
  } finally {
    if (pool) await stopPool(pool);
  }
}

/** Adds shards' per-point sums (court groups in each shard's dictionary) into the whole store's: each
 *  window's points become aggregate lists of one JobResults, merged in one call. */
function mergeReplaySums(whole: CaseStore, shards: Dictionaries[], parts: ReplaySums[]): ReplaySums {
  const asJobs = (p: ReplaySums): JobResults => {
    const aggregates: JobResults['aggregates'] = {};
    for (const [key, w] of Object.entries(p))
      w.perPoint.forEach((row, k) => {
        aggregates[`${key}\u0000${k}`] = row;
      });
    return { aggregates, rules: {} };
  };
  const merged = mergeJobResults(
    dicts(whole),
    parts.map((p, s) => ({ dict: shards[s]!, results: asJobs(p) })),
  );
  const out: ReplaySums = {};
  for (const [key, w] of Object.entries(parts[0] ?? {})) {
    out[key] = {
      perPoint: w.perPoint.map((_, k) => merged.aggregates[`${key}\u0000${k}`]!),
      exhaustive: parts.every((p) => p[key]!.exhaustive),
    };
  }
  return out;
}
