// The engine in a worker thread (Node), behind comlink: it holds one shard of the case data and runs the
// jobs it is sent — or evaluates or replays a whole plan that calls plugin code, opening the same plugin
// configuration here, so the main thread can stop it if that code never returns (plugin-beat.ts). Only
// plain data crosses; every answer is {ok, value} or {ok: false, diagnostics}.
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { PlanIR } from '../engine/ir/types.js';
import type { CaseStore } from '../engine/data/store.js';
import type { StaffingRow } from '../engine/eval/aggregate.js';
import { compilerFor, executeJobs, type AggregateJob, type JobResults, type RuleJob } from '../engine/eval/jobs.js';
import { executeReplayWindows, type ReplaySums, type ReplayWindowJob } from '../engine/replay/replay.js';
import type { ExprCompiler } from '../engine/eval/expr.js';
import { evaluatePlan, type EvaluateInput } from '../engine/eval/evaluate.js';
import { ReplayError, replayPlan, type ReplayInput } from '../engine/replay/replay.js';
import type { PlanReport } from '../engine/report/model.js';
import type { ReplayProgress, ReplayResult } from '../engine/replay/types.js';
import type { Diagnostic } from '../engine/diagnostics/diagnostic.js';
import { openPluginSession, type PluginSession, type PluginSessionOptions } from './plugins/session.js';
import { UsageError } from './io.js';
import { beatWatcher, watched } from './plugin-beat.js';

export type WorkerAnswer<T> =
  | { ok: true; value: T }
  | { ok: false; diagnostics: Array<{ code: string; message: string }> };

/** A plan's input without the plugin code (opened again in the worker). */
export type PluginFreeEvaluateInput = Omit<EvaluateInput, 'functions' | 'addWorkdays' | 'onProgress'>;
export type PluginFreeReplayInput = Omit<ReplayInput, 'functions' | 'addWorkdays' | 'onProgress'>;

/** Opens the plugin session, runs `f` with the plan's watched hooks; what the plugins reported while it ran comes back too. */
async function withPlugins<T>(
  opts: PluginSessionOptions,
  plugins: string[],
  ir: PlanIR,
  beat: SharedArrayBuffer,
  f: (hooks: ReturnType<typeof watched>) => T,
): Promise<WorkerAnswer<{ value: T; diagnostics: Diagnostic[] }>> {
  let session: PluginSession | null = null;
  try {
    // Loading and activating the plugins again here is watched too (the heartbeat names the plugin).
    session = await openPluginSession(opts, { watch: beatWatcher(new Int32Array(beat), plugins) });
    const hooks = await session.evalHooks(ir);
    // Loading and activation were reported by the main thread's own session: only what happens while running is new.
    session.takeDiagnostics();
    const value = f(watched(new Int32Array(beat), ir, hooks.functions, hooks.addWorkdays));
    return { ok: true, value: { value, diagnostics: session.takeDiagnostics() } };
  } catch (e) {
    return {
      ok: false,
      diagnostics: [
        {
          code: e instanceof UsageError || e instanceof ReplayError ? 'USAGE' : 'W9001',
          message: (e as Error).message,
        },
      ],
    };
  } finally {
    await session?.dispose();
  }
}

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
  evaluateWithPlugins(
    input: PluginFreeEvaluateInput,
    opts: PluginSessionOptions,
    plugins: string[],
    beat: SharedArrayBuffer,
  ): Promise<WorkerAnswer<{ value: PlanReport; diagnostics: Diagnostic[] }>> {
    return withPlugins(opts, plugins, input.ir, beat, (hooks) => evaluatePlan({ ...input, ...hooks }));
  },
  replayWithPlugins(
    input: PluginFreeReplayInput,
    opts: PluginSessionOptions,
    plugins: string[],
    beat: SharedArrayBuffer,
  ): Promise<WorkerAnswer<{ value: ReplayResult & { method: string }; diagnostics: Diagnostic[] }>> {
    return withPlugins(opts, plugins, input.ir, beat, (hooks) => replayPlan({ ...input, ...hooks }));
  },
  /** `onProgress`: a comlink proxy of the caller's (its calls return at once; nobody waits on them). */
  replay(jobs: ReplayWindowJob[], onProgress?: (p: ReplayProgress) => unknown): WorkerAnswer<ReplaySums> {
    return answer(() => {
      if (!shard) throw new Error('no data loaded in this worker');
      return executeReplayWindows(
        shard.ir,
        shard.store,
        jobs,
        shard.staffing,
        shard.compiler,
        onProgress && ((p) => void onProgress(p)),
      );
    });
  },
};

export type EngineWorkerApi = typeof api;

if (parentPort) Comlink.expose(api, nodeEndpoint(parentPort));
