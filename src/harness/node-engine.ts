// The engine in a worker thread (Node), behind comlink: it holds shards of case data sets (loaded here
// from a byte range of a file, or sent once) and runs the jobs it is sent over them — or evaluates or replays a whole plan that calls plugin code, opening the same plugin
// configuration here, so the main thread can stop it if that code never returns (plugin-beat.ts). Only
// plain data crosses; every answer is {ok, value} or {ok: false, diagnostics}.
import { parentPort } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { PlanIR } from '../engine/ir/types.js';
import { concatStores, subsetStore, type CaseStore } from '../engine/data/store.js';
import { identifyCourts, type CourtOptions } from '../engine/data/identity.js';
import type { ByteRange } from './loaders/decode.js';
import { loadCaseRange, type RangeLoad } from './loaders/index.js';
import type { StaffingRow } from '../engine/eval/aggregate.js';
import { compilerFor, executeJobs, type AggregateJob, type JobResults, type RuleJob } from '../engine/eval/jobs.js';
import { executeReplayWindows, type ReplayWindowJob } from '../engine/replay/replay.js';
import { packedBuffers, packReplaySums, type PackedReplaySums } from '../engine/replay/packed-sums.js';
import type { ExprCompiler } from '../engine/eval/expr.js';
import { evaluatePlan, type EvaluateInput } from '../engine/eval/evaluate.js';
import { ReplayError, replayPlan, type ReplayInput } from '../engine/replay/replay.js';
import type { PlanReport } from '../engine/report/model.js';
import type { ReplayResult } from '../engine/replay/types.js';
import type { Diagnostic } from '../engine/diagnostics/diagnostic.js';
import { openPluginSession, type PluginSession, type PluginSessionOptions } from './plugins/session.js';
import { UsageError } from './io.js';
import { beatWatcher, watched } from './plugin-beat.js';

/** How a worker reads its range: as the whole file's loader would (the encoding decided from the file's start). */
export interface RangeOptions {
  encoding: string;
  maxProblems: number;
  cwd?: string;
  /** Event types plugins add (not warned about). */
  eventTypes: string[];
}

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

/** The case data this worker holds, by the pool's number for each data set (../pool.ts). */
const held = new Map<number, CaseStore>();
/** Parts of data sets being loaded (by part number), until joined. */
const loading = new Map<number, Map<number, CaseStore>>();
/** Shards joined from their parts, until sealed. */
const joined = new Map<number, CaseStore>();
/** Each held set as a plan sees it (court identity applied), with the plan's compiled expressions. */
const planned = new Map<string, { store: CaseStore; compiler: ExprCompiler; ir: PlanIR }>();

function answer<T>(f: () => T): WorkerAnswer<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, diagnostics: [{ code: 'W9001', message: (e as Error).message }] };
  }
}

function heldSet(set: number): CaseStore {
  const store = held.get(set);
  if (!store) throw new Error(`no data set ${set} in this worker`);
  return store;
}

function plannedSet(set: number, plan: string) {
  const p = planned.get(`${set}\u0000${plan}`);
  if (!p) throw new Error(`plan ${plan} was not prepared for data set ${set}`);
  return p;
}

/** A set's dictionaries, which are all merging the workers' sums needs (../../engine/eval/jobs.ts). */
export interface ShardDictionaries {
  courts: string[];
  handlers: string[];
  teams: string[];
}

const api = {
  /**
   * Loads bytes `range` of an NDJSON file as part `part` of data set `set` (a worker loads several parts, spread
   * over the file: ../pool.ts); the load comes back too, its columns in shared memory (the main thread reads
   * them without a copy). join() then seal() make the parts the set.
   */
  async loadRange(
    set: number,
    part: number,
    file: string,
    range: ByteRange,
    opts: RangeOptions,
    progress: SharedArrayBuffer | null,
  ): Promise<WorkerAnswer<RangeLoad>> {
    try {
      const counter = progress ? new Int32Array(progress) : null;
      const loaded = await loadCaseRange(
        file,
        range,
        {
          encoding: opts.encoding,
          maxProblems: opts.maxProblems,
          ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
          importers: { match: () => null, eventTypes: new Set(opts.eventTypes), patterns: () => [] },
          // The bytes read so far, in KiB, for the main thread's bar.
          ...(counter
            ? { progress: () => ({ update: (b: number) => Atomics.store(counter, part, b >>> 10), stop: () => {} }) }
            : {}),
        },
        true,
      );
      const parts = loading.get(set) ?? new Map<number, CaseStore>();
      loading.set(set, parts.set(part, loaded.store));
      return { ok: true, value: loaded };
    } catch (e) {
      return { ok: false, diagnostics: [{ code: 'W9001', message: (e as Error).message }] };
    } finally {
      if (progress) Atomics.store(new Int32Array(progress), part, Math.ceil((range.end - range.start) / 1024));
    }
  },
  /**
   * Joins the loaded parts of data set `set`, in the order given, into the worker's shard (while the main
   * thread merges the same parts); its number of cases comes back. seal() then keeps it.
   */
  join(set: number, parts: number[]): WorkerAnswer<number> {
    return answer(() => {
      const loaded = loading.get(set);
      if (!loaded) throw new Error(`no parts of data set ${set} in this worker`);
      loading.delete(set);
      const stores = parts.map((part) => {
        const store = loaded.get(part);
        if (!store) throw new Error(`no part ${part} of data set ${set} in this worker`);
        return store;
      });
      const store = stores.length === 1 ? stores[0]! : concatStores(stores);
      joined.set(set, store);
      return store.n;
    });
  },
  /**
   * Makes the joined shard data set `set`, without the cases `drop` lists (its indices of ids an earlier part
   * of the file already had). Its number of cases comes back.
   */
  seal(set: number, drop: number[]): WorkerAnswer<number> {
    return answer(() => {
      const store = joined.get(set);
      if (!store) throw new Error(`data set ${set} was not joined in this worker`);
      joined.delete(set);
      let shard = store;
      if (drop.length > 0) {
        const out = new Set(drop);
        const keep: number[] = [];
        for (let i = 0; i < store.n; i++) if (!out.has(i)) keep.push(i);
        shard = subsetStore(store, keep);
      }
      held.set(set, shard);
      return shard.n;
    });
  },
  /** Keeps `store` as data set `set`. */
  hold(set: number, store: CaseStore): WorkerAnswer<number> {
    return answer(() => {
      held.set(set, store);
      return store.n;
    });
  },
  /** Forgets a data set and what was prepared over it. */
  release(set: number): WorkerAnswer<number> {
    return answer(() => {
      held.delete(set);
      loading.delete(set);
      joined.delete(set);
      for (const k of [...planned.keys()]) if (k.startsWith(`${set}\u0000`)) planned.delete(k);
      return held.size;
    });
  },
  /** Applies a plan's court identity to a held set (kept under `plan`); its dictionaries come back. */
  prepare(set: number, plan: string, ir: PlanIR, courts: CourtOptions | undefined): WorkerAnswer<ShardDictionaries> {
    return answer(() => {
      const key = `${set}\u0000${plan}`;
      let p = planned.get(key);
      if (!p) {
        const { store } = identifyCourts(ir, heldSet(set), courts);
        p = { store, compiler: compilerFor(ir, store), ir };
        for (const k of [...planned.keys()]) if (k.startsWith(`${set}\u0000`)) planned.delete(k); // one plan a set at a time
        planned.set(key, p);
      }
      return { courts: p.store.courts, handlers: p.store.handlers, teams: p.store.teams };
    });
  },
  evaluate(
    set: number,
    plan: string,
    jobs: { aggregates: AggregateJob[]; rules: RuleJob[] },
    staffing: StaffingRow[],
    onProgress?: (done: number, total: number) => unknown,
  ): WorkerAnswer<JobResults> {
    return answer(() => {
      const p = plannedSet(set, plan);
      return executeJobs(p.ir, p.store, jobs, staffing, p.compiler, onProgress && ((d, t) => void onProgress(d, t)));
    });
  },
  /**
   * Replays the windows over a held set; the sums come back packed, their buffers transferred.
   * `onProgress` (here and above): a comlink proxy of the caller's (its calls return at once; nobody waits on them).
   */
  replay(
    set: number,
    plan: string,
    jobs: ReplayWindowJob[],
    staffing: StaffingRow[],
    onProgress?: (done: number, total: number) => unknown,
  ): WorkerAnswer<PackedReplaySums> {
    const got = answer(() => {
      const p = plannedSet(set, plan);
      const sums = executeReplayWindows(
        p.ir,
        p.store,
        jobs,
        staffing,
        p.compiler,
        onProgress && ((d, t) => void onProgress(d, t)),
      );
      return packReplaySums(sums, p.store);
    });
    return got.ok ? Comlink.transfer(got, packedBuffers(got.value)) : got;
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
};

export type EngineWorkerApi = typeof api;

if (parentPort) Comlink.expose(api, nodeEndpoint(parentPort));
