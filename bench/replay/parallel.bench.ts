// Parallel benchmark: evaluation and replay in this thread vs the resident worker pool (src/harness/pool.ts)
// holding the data (aims: ≥ 1.5× for one evaluation, ≥ 1.7× for replay, once the data is loaded). Starting the
// pool and loading the file into its shards are timed apart, once; each figure is the best of --runs runs, with
// its CPU time and critical path (this thread + the busiest worker: the wall time on idle cores).
// Usage: tsx bench/replay/parallel.bench.ts [--cases N] (default 1,000,000) [--threads T] (default 2) [--runs R]
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { compile } from '../../src/engine/check/compile.js';
import { evaluatePlan } from '../../src/engine/eval/evaluate.js';
import { replayPlan } from '../../src/engine/replay/replay.js';
import { nodeHost, PACKAGE_ROOT } from '../../src/harness/host.js';
import { ensureBenchData } from '../data.js';
import { cpuBetween, newThreads, threadCpu } from '../thread-cpu.js';

// The pool and its workers come from the built code when it exists (as the CLI runs them), not through tsx.
const built = (m: string) => join(PACKAGE_ROOT, 'dist', 'harness', m);
const fromDist = existsSync(built('pool.js'));
const at = (m: string, src: string) => (fromDist ? pathToFileURL(built(m)).href : src);
const { residentPool, closeResidentPool }: typeof import('../../src/harness/pool.js') = await import(
  at('pool.js', '../../src/harness/pool.js')
);
const { loadCases }: typeof import('../../src/harness/loaders/index.js') = await import(
  at('loaders/index.js', '../../src/harness/loaders/index.js')
);
const { planRanges, RANGES_PER_THREAD }: typeof import('../../src/harness/loaders/ranges.js') = await import(
  at('loaders/ranges.js', '../../src/harness/loaders/ranges.js')
);
console.log(`engine from ${fromDist ? 'dist/ (npm run build)' : 'src/ via tsx'}`);

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    threads: { type: 'string', default: '2' },
    runs: { type: 'string', default: '3' },
  },
});
const threads = Number(values.threads);
const runs = Number(values.runs);
const file = await ensureBenchData(Number(values.cases));
const plan = compile('policies/ningbo-2018.plan', nodeHost(PACKAGE_ROOT));
const row = (a: string, b: string) => console.log(`${a.padEnd(46)}${b}`);
const cpu = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};
let workers: number[] = [];
/**
 * Best wall time of `runs` runs; per run, the CPU time of the process (all threads) and of its critical path:
 * this thread plus the busiest worker (../thread-cpu.ts) — about the wall time on idle cores.
 */
const best = async (f: () => unknown): Promise<{ wall: number; cpu: number; path: number | null; first: number }> => {
  const walls: number[] = [];
  const c0 = cpu();
  const t0 = threadCpu();
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    await f();
    walls.push(performance.now() - t);
  }
  const per = cpuBetween(t0, threadCpu(), workers);
  return {
    wall: Math.min(...walls),
    cpu: (cpu() - c0) / runs,
    path: per ? (per.main + per.busiest) / runs : null,
    first: walls[0]!,
  };
};
const shown = (r: { wall: number; cpu: number; path: number | null }) =>
  `${r.wall.toFixed(0)} ms  (CPU ${r.cpu.toFixed(0)} ms${r.path === null ? '' : `, critical path ${r.path.toFixed(0)} ms`})`;

let t = performance.now();
const before = threadCpu();
const pool = residentPool(threads);
const size = statSync(file).size;
const ranges = await planRanges(file, size, threads * RANGES_PER_THREAD, undefined);
if (!ranges) throw new Error('the file cannot be loaded in ranges');
const { store } = await pool.loadRanges(file, size, ranges);
const loadMs = performance.now() - t;
workers = newThreads(before, threadCpu());
const { store: here } = await loadCases([file]);
row('cases / events', `${store.n} / ${store.evStart[store.n]}`);
row(
  `pool: start ${threads} workers + load in ranges`,
  `${(loadMs / 1000).toFixed(2)} s (once; not in the figures below)`,
);
const input = { ir: plan.ir, asOf: '2018-12-31' };
const replay = { ir: plan.ir, from: '2018-01-01', to: '2018-12-31', step: 'day' as const };
for (const what of ['evaluate', 'replay 365 days'] as const) {
  const one = await best(() =>
    what === 'evaluate' ? evaluatePlan({ ...input, store: here }) : replayPlan({ ...replay, store: here }),
  );
  const two = await best(() =>
    what === 'evaluate' ? pool.evaluate({ ...input, store }) : pool.replay({ ...replay, store }),
  );
  const aim = what === 'evaluate' ? 1.5 : 1.7;
  row(`${what}: this thread`, shown(one));
  row(`${what}: pool of ${threads}`, `${shown(two)}; first call ${two.first.toFixed(0)} ms`);
  row(
    `${what}: speed-up`,
    `${(one.wall / two.wall).toFixed(2)}× wall${one.path && two.path ? `, ${(one.path / two.path).toFixed(2)}× critical path` : ''} (aim ≥ ${aim})`,
  );
}
await closeResidentPool();
