// The resident pool of engine worker threads (./node-engine.ts): started once per process and kept, it holds
// case data sets in shards — loaded by the workers themselves from byte ranges of an NDJSON file
// (./loaders/ranges.ts), or split by court and sent once — and evaluates and replays plans over them, the
// partial sums merged exactly. No call starts a worker or moves a store: evaluation, replay, `check --watch`
// and the server reuse the shards for as long as the store they loaded is in use (a store no longer reachable
// is released in the workers too). Idle workers do not keep the process alive.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { PlanIR } from '../engine/ir/types.js';
import { RepeatedIds, splitByCourt, storeTransferables, type CaseStore } from '../engine/data/store.js';
import type { StaffingRow } from '../engine/eval/aggregate.js';
import { executeJobs, mergeJobResults, compilerFor, type JobResults } from '../engine/eval/jobs.js';
import { evaluatePlanWith, type EvaluateInput } from '../engine/eval/evaluate.js';
import { prepareReplay, replayPlan, type ReplayInput, type ReplaySums } from '../engine/replay/replay.js';
import type { PlanReport } from '../engine/report/model.js';
import type { ReplayResult } from '../engine/replay/types.js';
import { PackedSumsMerger } from '../engine/replay/packed-sums.js';
import type { EngineWorkerApi, ShardDictionaries, WorkerAnswer } from './node-engine.js';
import { mergeRanges, threadsOfRanges } from './loaders/ranges.js';
import { casesIn } from './loaders/sizes.js';
import type { LoadedCases, RangeLoad, RangeLoader, RangePlan } from './loaders/types.js';
import { BAR_FROM, type ProgressFactory } from './progress.js';

/** The machine's cores: the pool's size unless `--threads` says otherwise. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Where the pool pays for itself when no `--threads` is given (measured with bench/replay/parallel.bench.ts,
 * docs/performance.md): loading a file of at least this many bytes, evaluating a store of at least this many cases.
 */
export const POOL_MIN_BYTES = 64 * 2 ** 20;
export const POOL_MIN_CASES = 100_000;

/** Under tsx (tests, benchmarks) the worker runs from source; after the build, from dist. */
export function workerUrl(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './node-engine-source.mjs' : './node-engine.js', import.meta.url);
}

export function unwrap<T>(a: WorkerAnswer<T>): T {
  if (!a.ok) throw new Error(a.diagnostics.map((d) => `${d.code}: ${d.message}`).join('; '));
  return a.value;
}

/** A data set the workers hold: worker k holds shard k (k < shards). */
interface HeldSet {
  id: number;
  shards: number;
  /** Per plan prepared over it: each shard's dictionaries as the plan sees them. */
  plans: Map<string, ShardDictionaries[]>;
}

/** How a range load is read (LoadOptions, as the whole file's loader would use them). */
export interface PoolLoadOptions {
  cwd?: string;
  maxProblems?: number;
  eventTypes?: ReadonlySet<string>;
  progress?: ProgressFactory | null | undefined;
}

/** How many data sets the workers keep at most (the oldest is released for a new one). */
const MAX_SETS = 2;

export class EnginePool {
  private readonly workers: Worker[];
  private readonly apis: Array<Comlink.Remote<EngineWorkerApi>>;
  private busy = 0;
  private nextSet = 1;
  private nextPlan = 1;
  private readonly sets = new WeakMap<CaseStore, HeldSet>();
  private readonly order: Array<{ set: HeldSet; store: WeakRef<CaseStore> }> = [];
  private readonly planIds = new WeakMap<PlanIR, number>();
  private readonly gone = new FinalizationRegistry<number>((id) => void this.release(id).catch(() => {}));

  constructor(readonly size: number) {
    this.workers = Array.from({ length: size }, () => new Worker(workerUrl()));
    for (const w of this.workers) w.unref();
    this.apis = this.workers.map((w) => Comlink.wrap<EngineWorkerApi>(nodeEndpoint(w)));
  }

  /** Runs `f` with the workers keeping the process alive (they are unreferenced while idle). */
  private async busyWith<T>(f: () => Promise<T>): Promise<T> {
    if (this.busy++ === 0) for (const w of this.workers) w.ref();
    try {
      return await f();
    } finally {
      if (--this.busy === 0) for (const w of this.workers) w.unref();
    }
  }

  /** Whether the workers hold this store's shards. */
  holds(store: CaseStore): boolean {
    return this.sets.has(store);
  }

  /** Splits `store` by court into shards and sends each to its worker, once (later calls find it held). */
  async hold(store: CaseStore): Promise<void> {
    if (this.sets.has(store)) return;
    const shards = splitByCourt(store, this.size);
    const set = this.newSet(store, shards.length);
    await this.busyWith(() =>
      Promise.all(
        // Shards are fresh copies: their buffers move to the workers instead of being copied again.
        shards.map(async (s, k) =>
          unwrap(await this.apis[k]!.hold(set.id, Comlink.transfer(s, storeTransferables(s)))),
        ),
      ),
    );
  }

  /**
   * Loads `file` (as the user named it; NDJSON) in the workers, its ranges spread over them (threadsOfRanges),
   * and merges the ranges into exactly the single-threaded load; each worker keeps its ranges as its shard.
   */
  async loadRanges(file: string, size: number, plan: RangePlan, opts: PoolLoadOptions = {}): Promise<LoadedCases> {
    const id = this.nextSet++;
    const { ranges } = plan;
    const owners = threadsOfRanges(ranges.length, this.size);
    const bar =
      opts.progress && size >= BAR_FROM.readBytes ? opts.progress('读取案件 / reading cases', size, 'bytes') : null;
    const counter = bar ? new SharedArrayBuffer(4 * ranges.length) : null;
    const tick = counter
      ? setInterval(() => bar!.update(new Int32Array(counter).reduce((a, b) => a + b, 0) * 1024), 200)
      : null;
    const options = {
      encoding: plan.encoding,
      maxProblems: opts.maxProblems ?? 10_000,
      ...(opts.cwd !== undefined ? { cwd: opts.cwd } : {}),
      eventTypes: [...(opts.eventTypes ?? [])],
    };
    try {
      const loads = new Array<RangeLoad>(ranges.length);
      const loaded = await this.busyWith(async () => {
        // Each worker reads its ranges one after another (in file order), the workers side by side; each then
        // joins its ranges into its shard while this thread merges them all.
        const joined: Array<Promise<number>> = [];
        // The ranges' ids are checked for repeats in file order as they arrive, while later ranges load.
        const ids = new RepeatedIds(casesIn(size));
        await Promise.all(
          owners.map(async (parts, k) => {
            for (const j of parts) {
              loads[j] = unwrap(await this.apis[k]!.loadRange(id, j, file, ranges[j]!, options, counter));
              while (ids.stores < loads.length && loads[ids.stores]) ids.add(loads[ids.stores]!.store);
            }
            const join = this.apis[k]!.join(id, parts).then((a) => unwrap(a));
            join.catch(() => {}); // awaited below: this only keeps a failure before then from going unhandled
            joined[k] = join;
          }),
        );
        const { loaded, dropped } = mergeRanges(file, loads, opts.maxProblems, ids);
        await Promise.all(joined);
        // A shard holds its worker's ranges in their order: a dropped case's index there is shifted by the
        // cases of the ranges before it.
        await Promise.all(
          owners.map(async (parts, k) => {
            const drop: number[] = [];
            let at = 0;
            for (const j of parts) {
              for (const i of dropped[j]!) drop.push(at + i);
              at += loads[j]!.store.n;
            }
            unwrap(await this.apis[k]!.seal(id, drop));
          }),
        );
        return loaded;
      });
      this.remember({ id, shards: owners.length, plans: new Map() }, loaded.store);
      return loaded;
    } catch (e) {
      await this.release(id);
      throw e;
    } finally {
      if (tick) clearInterval(tick);
      bar?.update(size);
      bar?.stop();
    }
  }

  /** Evaluates a plan over a held store (hold() or loadRanges() first). */
  evaluate(input: EvaluateInput): Promise<PlanReport> {
    const set = this.heldSet(input.store);
    return evaluatePlanWith(input, async (jobs, staffing, store) => {
      if (store.n === 0)
        return executeJobs(
          input.ir,
          store,
          jobs,
          staffing,
          compilerFor(input.ir, store, input.addWorkdays, input.functions),
        );
      const { plan, dicts } = await this.prepare(set, input.ir, input.courts);
      const rows = staffingByShard(staffing, dicts);
      // Each worker tells its shard's cases done; the caller sees their sum, of the store's cases.
      const told = shardProgress(dicts.length, store.n, input.onProgress);
      const parts = await this.busyWith(() =>
        Promise.all(
          dicts.map(async (dict, k) => ({
            dict,
            results: unwrap(await this.apis[k]!.evaluate(set.id, plan, jobs, rows[k]!, told.proxy(k))) as JobResults,
          })),
        ),
      );
      told.end();
      return mergeJobResults(store, parts);
    });
  }

  /** Replays a plan over a held store. */
  async replay(input: ReplayInput): Promise<ReplayResult & { method: string }> {
    const set = this.heldSet(input.store);
    const prepared = prepareReplay({ ...input, execute: false });
    if (prepared.store.n === 0) return replayPlan(input);
    const windows = async (): Promise<ReplaySums> => {
      const { plan, dicts } = await this.prepare(set, input.ir, input.courts);
      const rows = staffingByShard(prepared.staffing, dicts);
      // Each worker tells its shard's passes; the caller sees their sum, of every window's pass of every case.
      const onProgress = input.onProgress;
      const told = shardProgress(dicts.length, prepared.windowJobs.length * prepared.store.n, onProgress);
      // Each worker's sums are merged as they arrive, while the other workers still run.
      const merger = new PackedSumsMerger(prepared.store, prepared.windowJobs);
      await this.busyWith(() =>
        Promise.all(
          dicts.map(async (dict, k) =>
            merger.add(
              dict,
              unwrap(await this.apis[k]!.replay(set.id, plan, prepared.windowJobs, rows[k]!, told.proxy(k))),
            ),
          ),
        ),
      );
      told.end();
      return merger.sums();
    };
    return prepared.assemble(await (input.metrics ? input.metrics.timeAsync('replay windows', windows) : windows()));
  }

  async close(): Promise<void> {
    for (const a of this.apis) a[Comlink.releaseProxy]();
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private heldSet(store: CaseStore): HeldSet {
    const set = this.sets.get(store);
    if (!set) throw new Error('the pool does not hold this store (hold it first)');
    return set;
  }

  private newSet(store: CaseStore, shards: number): HeldSet {
    const set: HeldSet = { id: this.nextSet++, shards, plans: new Map() };
    this.remember(set, store);
    return set;
  }

  private remember(set: HeldSet, store: CaseStore): void {
    this.sets.set(store, set);
    this.gone.register(store, set.id);
    this.order.push({ set, store: new WeakRef(store) });
    while (this.order.length > MAX_SETS) {
      const old = this.order.shift()!;
      const s = old.store.deref();
      if (s) {
        this.sets.delete(s);
        this.gone.unregister(s);
      }
      void this.release(old.set.id).catch(() => {});
    }
  }

  private async release(id: number): Promise<void> {
    const k = this.order.findIndex((o) => o.set.id === id);
    if (k >= 0) this.order.splice(k, 1);
    await this.busyWith(() => Promise.all(this.apis.map(async (a) => unwrap(await a.release(id)))));
  }

  /** The plan's court identity applied to each shard (once per plan and set); each shard's dictionaries. */
  private async prepare(
    set: HeldSet,
    ir: PlanIR,
    courts: EvaluateInput['courts'],
  ): Promise<{ plan: string; dicts: ShardDictionaries[] }> {
    let irId = this.planIds.get(ir);
    if (irId === undefined) this.planIds.set(ir, (irId = this.nextPlan++));
    const plan = `${irId}:${JSON.stringify(courts ?? {})}`;
    let dicts = set.plans.get(plan);
    if (!dicts) {
      const got = await this.busyWith(() =>
        Promise.all(
          Array.from({ length: set.shards }, async (_, k) =>
            unwrap(await this.apis[k]!.prepare(set.id, plan, ir, courts)),
          ),
        ),
      );
      set.plans.clear(); // the workers keep one plan a set
      set.plans.set(plan, got);
      dicts = got;
    }
    return { plan, dicts };
  }
}

/** Each staffing row goes to the first shard whose dictionary has its court (rows of other courts: the first), so it is counted once. */
function staffingByShard(staffing: readonly StaffingRow[], dicts: readonly ShardDictionaries[]): StaffingRow[][] {
  const home = new Map<string, number>();
  dicts.forEach((d, k) => {
    for (const c of d.courts) if (!home.has(c)) home.set(c, k);
  });
  const out = dicts.map((): StaffingRow[] => []);
  for (const r of staffing) out[home.get(r.court) ?? 0]!.push(r);
  return out;
}

let resident: EnginePool | null = null;

/** The process's pool of `threads` workers (started on first use; a different size replaces it). */
export function residentPool(threads = defaultThreads()): EnginePool {
  if (resident && resident.size !== threads) {
    void resident.close();
    resident = null;
  }
  resident ??= new EnginePool(threads);
  return resident;
}

/** Loading in the process's pool of `threads` workers (started only when a file is loaded in it). */
export function rangeLoader(threads: number): RangeLoader {
  return { threads, load: (file, size, plan, opts) => residentPool(threads).loadRanges(file, size, plan, opts) };
}

/** The pool if one was started and holds `store`. */
export function poolHolding(store: CaseStore): EnginePool | null {
  return resident?.holds(store) ? resident : null;
}

/** Stops the process's pool (tests; the CLI needs not: idle workers do not keep it alive). */
export async function closeResidentPool(): Promise<void> {
  const p = resident;
  resident = null;
  await p?.close();
}

/**
 * Progress summed over the shards: `proxy(k)` is the callback to send worker k (a comlink proxy of its
 * `(done, total)` over its shard, or undefined when nobody listens); `end()` tells the total once the workers
 * answered — their last messages travel on their own ports and may come after the answers, so later ones are
 * ignored.
 */
function shardProgress(
  shards: number,
  total: number,
  onProgress: ((done: number, total: number) => void) | undefined,
): { proxy(k: number): ((done: number) => void) | undefined; end(): void } {
  const done = new Array<number>(shards).fill(0);
  let ended = false;
  return {
    proxy(k: number) {
      if (!onProgress) return undefined;
      return Comlink.proxy((d: number) => {
        if (ended) return;
        done[k] = d;
        onProgress(
          done.reduce((a, b) => a + b, 0),
          total,
        );
      });
    },
    end() {
      ended = true;
      onProgress?.(total, total);
    },
  };
}
