// Replay benchmark: the 宁波 plan replayed over 2018 daily (365 steps), against one as-of evaluation of the
// same data and plan, and against its DuckDB peer computing daily series of standard indicators per court
// in one query (./duckdb-series.ts) over the same NDJSON, all in the same run. Checks that DuckDB's daily
// figures equal the replay's. Times are wall clock and this thread's CPU time (the machine is shared:
// compare CPU times when it is busy); DuckDB runs on its own threads, so only its wall clock is shown.
// Usage: tsx bench/replay/replay.bench.ts [--cases N] [--repeat N] (default 1,000,000 cases, 1 repetition;
// data generated once into bench/out/).
import { parseArgs } from 'node:util';
import { compile } from '../../src/engine/check/compile.js';
import { evaluatePlan } from '../../src/engine/eval/evaluate.js';
import { replayPlan } from '../../src/engine/replay/replay.js';
import type { ReplayResult } from '../../src/engine/replay/types.js';
import { loadCases } from '../../src/harness/loaders/index.js';
import { nodeHost, PACKAGE_ROOT } from '../../src/harness/host.js';
import { ensureBenchData } from '../data.js';
import { loadCases as duckdbLoad, openPeer } from '../peer/duckdb-indicators.js';
import { dailySeries, SERIES, type DailySeries } from './duckdb-series.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000000' },
    step: { type: 'string', default: 'day' },
    repeat: { type: 'string', default: '1' },
  },
});
const FROM = '2018-01-01',
  TO = '2018-12-31';
const file = await ensureBenchData(Number(values.cases));
const plan = compile('policies/ningbo-2018.plan', nodeHost(PACKAGE_ROOT));
const period = plan.ir.plan.period!;
const { store } = await loadCases([file]);
const { instance, con } = await openPeer();
const tLoad = performance.now();
await duckdbLoad(con, [file]);
const duckLoad = performance.now() - tLoad;

/** Wall clock and this thread's CPU time of f, in ms. */
async function timed<T>(f: () => T | Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const c = process.cpuUsage(),
    t = performance.now();
  const value = await f();
  const wall = performance.now() - t,
    u = process.cpuUsage(c);
  return { value, wall, cpu: (u.user + u.system) / 1000 };
}
const ms = (x: number) => `${x.toFixed(0)} ms`;
const row = (a: string, b: string) => console.log(`${a.padEnd(40)}${b}`);

console.log(`cases ${store.n}, events ${store.evStart[store.n]}`);
row('DuckDB read_json (not in the ratios)', ms(duckLoad));
let rep: (ReplayResult & { method: string }) | null = null,
  peer: DailySeries | null = null;
for (let r = 0; r < Number(values.repeat); r++) {
  const single = await timed(() => evaluatePlan({ ir: plan.ir, store, asOf: TO }));
  const replay = await timed(() => replayPlan({ ir: plan.ir, store, from: FROM, to: TO, step: values.step as 'day' }));
  const duck = await timed(() => dailySeries(con, { from: period.from, to: period.to, first: FROM, last: TO }));
  rep = replay.value;
  peer = duck.value;
  row('single as-of evaluation', `${ms(single.wall)}  (CPU ${ms(single.cpu)})`);
  row(
    `replay ${rep.dates.length} steps (${values.step})`,
    `${ms(replay.wall)}  (CPU ${ms(replay.cpu)}; ${rep.method})`,
  );
  row(`DuckDB ${SERIES.length} daily series by court`, ms(duck.wall));
  row(
    'ratio replay / single',
    `${(replay.wall / single.wall).toFixed(2)}  (CPU ${(replay.cpu / single.cpu).toFixed(2)}; aim ≤ 3)`,
  );
  row('ratio replay / DuckDB', (replay.wall / duck.wall).toFixed(2));
}
con.closeSync();
instance.closeSync();

// DuckDB's daily figures must equal the replay's: every series, every court, on a few days.
const days = ['2018-01-01', '2018-04-07', '2018-04-08', '2018-06-30', '2018-09-15', '2018-12-31'];
const replayFigure = (s: (typeof SERIES)[number], court: string, day: string): number => {
  const [name, part] = s.split('/');
  const ind = rep!.indicators.find((i) => i.name === name)!;
  const series = ind.courts[court];
  const k = rep!.dates.indexOf(day);
  if (!series) return 0;
  return (part === 'den' ? series.denominators[k] : series.numerators[k]) ?? 0;
};
let compared = 0;
const wrong: string[] = [];
for (const s of SERIES)
  for (const [court, byDay] of peer!.get(s) ?? new Map<string, Map<string, number>>())
    for (const d of days) {
      const a = byDay.get(d) ?? 0,
        b = replayFigure(s, court, d);
      compared++;
      if (a !== b) wrong.push(`${s} ${court} ${d}: DuckDB ${a}, replay ${b}`);
    }
if (compared === 0 || wrong.length) {
  console.log(
    `DuckDB and replay differ (${wrong.length} of ${compared} figures):\n  ${wrong.slice(0, 20).join('\n  ')}`,
  );
  process.exitCode = 1;
} else console.log(`DuckDB = replay on ${compared} figures (${SERIES.length} series × courts × ${days.length} days)`);
