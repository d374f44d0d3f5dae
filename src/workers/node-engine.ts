// The engine in a worker thread (Node), behind comlink: it holds one shard of the case data and runs the
// jobs it is sent. Only plain data crosses; every answer is {ok, value} or {ok: false, diagnostics}.
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { PlanIR } from '../engine/ir/types.js';
import type { CaseStore } from '../engine/data/store.js';
import type { StaffingRow } from '../engine/eval/aggregate.js';
import { compilerFor, executeJobs, type AggregateJob, type JobResults, type RuleJob } from '../engine/eval/jobs.js';
import { executeReplayWindows, type ReplaySums, type ReplayWindowJob } from '../engine/replay/replay.js';
import type { ExprCompiler } from '../engine/eval/expr.js';

export type WorkerAnswer<T> = { ok: true; value: T } | { ok: false; diagnostics: Array<{ code: string; message: string }> };

let shard: { ir: PlanIR; store: CaseStore; staffing: StaffingRow[]; compiler: ExprCompiler } | null = null;

function answer<T>(f: () => T): WorkerAnswer<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, diagnostics: [{ code: 'W9001', message: (e as Error).message }] };
  }
}

const api = {
  load(ir: PlanIR, store: CaseStore, staffing: StaffingRow[]): WorkerAnswer<number> {
    return answer(() => {
      shard = { ir, store, staffing, compiler: compilerFor(ir, store) };
      return store.n;
    });
  },
  evaluate(jobs: { aggregates: AggregateJob[]; rules: RuleJob[] }): WorkerAnswer<JobResults> {
    return answer(() => {
      if (!shard) throw new Error('no data loaded in this worker');
      return executeJobs(shard.ir, shard.store, jobs, shard.staffing, shard.compiler);
    });
  },
  replay(jobs: ReplayWindowJob[]): WorkerAnswer<ReplaySums> {
    return answer(() => {
      if (!shard) throw new Error('no data loaded in this worker');
      return executeReplayWindows(shard.ir, shard.store, jobs, shard.staffing, shard.compiler);
    });
  },
};

export type EngineWorkerApi = typeof api;

if (parentPort) Comlink.expose(api, nodeEndpoint(parentPort));
