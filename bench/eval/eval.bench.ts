// Evaluation benchmark: load and evaluate the 宁波 plan (all std indicators, targets, the 终本 rule) over
// generated cases, against DuckDB on the same file in the same run: its query of the indicators (equal work
// to the engine's one pass of them) and its queries of the whole plan (bench/peer/duckdb-plan.ts: the
// indicators, the yearly targets, the milestone condition at its date, the 终本 rule on every case).
// Loading is timed in this thread and in the resident pool's threads (byte ranges, src/harness/loaders/ranges.ts;
// the pool's workers from dist/ when built, as the CLI runs them), both against DuckDB's read_json.
// Usage: tsx bench/eval/eval.bench.ts [--cases N] (default 1,000,000) [--threads T] (default: the cores)
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { compile } from '../../src/engine/check/compile.js';
import { ensureBenchData } from '../data.js';
import { evaluatePlan } from '../../src/engine/eval/evaluate.js';
import { executeJobs } from '../../src/engine/eval/jobs.js';
import { collectAggregates, type AggregateNode } from '../../src/engine/eval/aggregate.js';
import { parseIsoDay } from '../../src/engine/time/calendar.js';
import { loadCases } from '../../src/harness/loaders/index.js';
import { nodeHost, PACKAGE_ROOT } from '../../src/harness/host.js';
import { openPeer, loadCases as duckLoad, queryIndicators } from '../peer/duckdb-indicators.js';
import { queryNingboPlan } from '../peer/duckdb-plan.js';
import { cpuBetween, threadCpu } from '../thread-cpu.js';

/** The critical path's CPU since `t0`: this thread plus the busiest other thread (../thread-cpu.ts). */
const pathSince = (t0: ReturnType<typeof threadCpu>): number | null => {
  const d = cpuBetween(t0, threadCpu());
  return d ? d.main + d.busiest : null;
};
const secs = (ms: number | null): string => (ms === null ? '' : `, critical path ${(ms / 1000).toFixed(2)} s`);

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '1000000' }, threads: { type: 'string' } },
});
const n = Number(values.cases);
const builtPool = join(PACKAGE_ROOT, 'dist', 'harness', 'pool.js');
const poolModule: typeof import('../../src/harness/pool.js') = await import(
  existsSync(builtPool) ? pathToFileURL(builtPool).href : '../../src/harness/pool.js'
);
const builtLoaders = join(PACKAGE_ROOT, 'dist', 'harness', 'loaders', 'index.js');
const poolLoaders: typeof import('../../src/harness/loaders/index.js') = await import(
  existsSync(builtLoaders) ? pathToFileURL(builtLoaders).href : '../../src/harness/loaders/index.js'
);
const threads = values.threads ? Number(values.threads) : poolModule.defaultThreads();
const file = await ensureBenchData(n);
let events = 0;

const plan = compile('policies/ningbo-2018.plan', nodeHost(PACKAGE_ROOT));
const tLoad = performance.now();
let cpu0 = threadCpu();
const loaded = await loadCases([file]);
const loadMs = performance.now() - tLoad;
const loadPath = pathSince(cpu0);
// The same file in the pool's threads, one byte range each (starting the workers included).
const tPar = performance.now();
cpu0 = threadCpu();
const inPool = await poolLoaders.loadCases([file], { ranges: poolModule.rangeLoader(threads) });
const parMs = performance.now() - tPar;
const parPath = pathSince(cpu0);
if (inPool.store.n !== loaded.store.n || inPool.stats.rejected !== loaded.stats.rejected)
  throw new Error('the parallel load differs');
// The same sources again through a snapshot (src/harness/loaders/snapshot.ts): written once, then read.
const snapDir = mkdtempSync(join(tmpdir(), 'luoshi-bench-snap-'));
const tWrite = performance.now();
const written = await loadCases([file], { snapshot: { dir: snapDir } });
const snapWriteMs = performance.now() - tWrite;
const tSnap = performance.now();
const fromSnap = await loadCases([file], { snapshot: { dir: snapDir } });
const snapMs = performance.now() - tSnap;
if (written.snapshot !== 'written' || fromSnap.snapshot !== 'hit' || fromSnap.store.n !== loaded.store.n)
  throw new Error(`snapshot not used: ${written.snapshot}, ${fromSnap.snapshot}`);
rmSync(snapDir, { recursive: true, force: true });
events = loaded.store.evStart[loaded.store.n]!;
const asOf = '2018-12-31';
const runs: number[] = [];
let report: ReturnType<typeof evaluatePlan> | null = null;
for (let k = 0; k < 3; k++) {
  const t = performance.now();
  report = evaluatePlan({ ir: plan.ir, store: loaded.store, asOf });
  runs.push(performance.now() - t);
}
const evalMs = Math.min(...runs);
// The same plan in the pool that loaded the file (its workers hold the shards), as `luoshi check` runs it
// on this much data: DuckDB's query uses every core too.
const pool = poolModule.residentPool(threads);
const poolRuns: number[] = [];
for (let k = 0; k < 3; k++) {
  const t = performance.now();
  const r = await pool.evaluate({ ir: plan.ir, store: inPool.store, asOf });
  poolRuns.push(performance.now() - t);
  if (JSON.stringify(r) !== JSON.stringify(report)) throw new Error('the pool evaluated the plan differently');
}
const poolEvalMs = Math.min(...poolRuns);
await poolModule.closeResidentPool();
// Equal work to the DuckDB query: the plan's indicators (std + plan-specific) at T over the plan window, one pass.
const nodes = new Map<string, AggregateNode>();
for (const ind of plan.ir.indicators) collectAggregates(ind.expr, nodes);
const period = plan.ir.plan.period!;
const job = {
  key: 'k',
  asOf: parseIsoDay(asOf)!,
  from: parseIsoDay(period.from)!,
  to: parseIsoDay(period.to)!,
  nodes: [...nodes.values()],
};
const onePass: number[] = [];
for (let k = 0; k < 3; k++) {
  const t = performance.now();
  executeJobs(plan.ir, loaded.store, { aggregates: [job], rules: [] });
  onePass.push(performance.now() - t);
}
const passMs = Math.min(...onePass);
const rss = process.memoryUsage().rss;

const { con } = await openPeer();
const tdl = performance.now();
cpu0 = threadCpu();
await duckLoad(con, [file]);
const duckLoadMs = performance.now() - tdl;
const duckPath = pathSince(cpu0);
const druns: number[] = [];
for (let k = 0; k < 3; k++) {
  const t = performance.now();
  await queryIndicators(con, { asOf, from: '2018-04-08', to: '2018-12-31', groupBy: 'court' });
  druns.push(performance.now() - t);
}
const duckMs = Math.min(...druns);
const pruns: number[] = [];
let peerPlan: Awaited<ReturnType<typeof queryNingboPlan>> | null = null;
for (let k = 0; k < 3; k++) {
  const t = performance.now();
  peerPlan = await queryNingboPlan(con, asOf);
  pruns.push(performance.now() - t);
}
const duckPlanMs = Math.min(...pruns);
// The two computed the same rule check: a whole-plan peer that did other work would not be a peer.
const engineRule = report!.rules.find((r) => r.rule === '终本条件')!;
const peerRule = peerPlan!.rule;
if (
  engineRule.checked !== peerRule.checked ||
  engineRule.failed !== peerRule.failed ||
  engineRule.warned !== peerRule.warned ||
  JSON.stringify(engineRule.failures.map((f) => f.id)) !== JSON.stringify(peerRule.listed)
)
  throw new Error(
    `the 终本条件 check differs: engine ${engineRule.checked}/${engineRule.failed}/${engineRule.warned}, DuckDB ${peerRule.checked}/${peerRule.failed}/${peerRule.warned}`,
  );
const row = (a: string, b: string) => console.log(`${a.padEnd(52)}${b}`);
row('cases / events', `${loaded.store.n} / ${events}`);
row('engine: load (NDJSON → columnar store)', `${(loadMs / 1000).toFixed(2)} s${secs(loadPath)}`);
row(
  `engine: load in ${threads} threads (byte ranges)`,
  `${(parMs / 1000).toFixed(2)} s  (starting the workers included${secs(parPath)})`,
);
row('engine: load again (snapshot written)', `${(snapWriteMs / 1000).toFixed(2)} s`);
row('engine: load from the snapshot', `${(snapMs / 1000).toFixed(2)} s`);
row(
  'engine: evaluate plan (best of 3)',
  `${evalMs.toFixed(0)} ms  (${(((events / evalMs) * 1000) / 1e6).toFixed(1)} M events/s; one pass: every target's window and date, milestone conditions, the 终本 rule)`,
);
row(`engine: evaluate plan, pool of ${threads} (best of 3)`, `${poolEvalMs.toFixed(0)} ms  (the same report)`);
row(
  'engine: the indicators, one pass (best of 3)',
  `${passMs.toFixed(0)} ms  (${(((events / passMs) * 1000) / 1e6).toFixed(1)} M events/s)`,
);
row('DuckDB: load (read_json)', `${(duckLoadMs / 1000).toFixed(2)} s${secs(duckPath)}`);
row('DuckDB: indicators by court (best of 3)', `${duckMs.toFixed(0)} ms`);
row(
  'DuckDB: the whole plan (best of 3)',
  `${duckPlanMs.toFixed(0)} ms  (indicators, yearly targets, milestone condition, 终本 rule: ${peerRule.checked} cases checked)`,
);
row('ratio load / DuckDB read_json', `${(loadMs / duckLoadMs).toFixed(2)}`);
row(
  `ratio load in ${threads} threads / DuckDB read_json`,
  `${(parMs / duckLoadMs).toFixed(2)}${parPath && duckPath ? `; critical paths ${(parPath / duckPath).toFixed(2)}` : ''}  (aim ≤ 1.0)`,
);
row('ratio snapshot load / DuckDB read_json', `${(snapMs / duckLoadMs).toFixed(2)}`);
row(
  'ratio one pass / DuckDB query (equal work)',
  `${(passMs / duckMs).toFixed(2)}  (≤ 1.0 means the engine is faster)`,
);
row('ratio whole plan / DuckDB indicator query', `${(evalMs / duckMs).toFixed(2)}`);
row('ratio whole plan / DuckDB whole plan', `${(evalMs / duckPlanMs).toFixed(2)}  (≤ 1.0 means the engine is faster)`);
row(
  `ratio whole plan in ${threads} threads / DuckDB whole plan`,
  `${(poolEvalMs / duckPlanMs).toFixed(2)}  (both on every core; aim ≤ 1.0)`,
);
row('peak RSS (engine + DuckDB in one process)', `${(rss / 2 ** 20).toFixed(0)} MB at engine end`);
writeFileSync(
  join(PACKAGE_ROOT, 'bench', 'out', 'eval.json'),
  JSON.stringify(
    {
      cases: loaded.store.n,
      events,
      loadMs,
      parMs,
      threads,
      snapWriteMs,
      snapMs,
      evalMs,
      poolEvalMs,
      passMs,
      duckLoadMs,
      duckMs,
      duckPlanMs,
      rss,
    },
    null,
    2,
  ),
);
