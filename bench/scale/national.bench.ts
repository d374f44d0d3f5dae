// National benchmark: every standard indicator of examples/national-2016-2018.plan, as of 2018-12-31 over
// 2016-01-01..2018-12-31, computed by DuckDB's SQL (the plan's own compiled queries: engine/sql/compile.ts)
// over the national data set in a DuckDB file (`luoshi gen --preset national --out duckdb:FILE`, made here
// when missing), partial sums per court added up per province and for the nation. Prints the time, CPU and
// peak memory, and the three totals next to the published ones.
// Usage: tsx bench/scale/national.bench.ts [--scale F] (default 0.01: 204,350 cases; 1 = the nation)
//        [--db FILE] (default bench/out/national-F.duckdb) [--memory-limit 4GB]
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { compile } from '../../src/engine/check/compile.js';
import { collectAggregates, type AggregateNode } from '../../src/engine/eval/aggregate.js';
import { prepareEvaluation } from '../../src/engine/eval/evaluate.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import { NATIONAL_TOTALS, nationalCourts, nationalTotals } from '../../src/engine/generate/index.js';
import { SqlCompiler } from '../../src/engine/sql/compile.js';
import { DIALECTS } from '../../src/engine/sql/dialect.js';
import { parseIsoDay } from '../../src/engine/time/calendar.js';
import { nodeHost, PACKAGE_ROOT } from '../../src/harness/host.js';
import { openDuckDB } from '../../src/harness/sql/database.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.01' },
    db: { type: 'string' },
    'memory-limit': { type: 'string', default: '4GB' },
    cases: { type: 'string' }, // npm run bench passes it to every benchmark; the national size is --scale
  },
});
const scale = Number(values.scale);
const file = values.db ?? join(PACKAGE_ROOT, 'bench', 'out', `national-${scale}.duckdb`);
if (!existsSync(file)) {
  mkdirSync(join(PACKAGE_ROOT, 'bench', 'out'), { recursive: true });
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      join(PACKAGE_ROOT, 'bin/luoshi.js'),
      'gen',
      '--preset',
      'national',
      '--scale',
      String(scale),
      '--out',
      `duckdb:${file}`,
    ],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error('gen failed');
  console.log(`generated the national data set (scale ${scale}) in ${((performance.now() - t) / 1000).toFixed(0)} s`);
}

const plan = compile('examples/national-2016-2018.plan', nodeHost(PACKAGE_ROOT));
const asOf = '2018-12-31';
const prepared = prepareEvaluation({ ir: plan.ir, store: storeFromRecords([]), asOf });
const compiler = new SqlCompiler(plan.ir, DIALECTS.duckdb);
const db = await openDuckDB(file);
await db.exec(`SET memory_limit = '${values['memory-limit']}'`);

const cpu0 = process.cpuUsage();
const t0 = performance.now();
/** Per aggregate node: Σ per court (the query's partial sums per court, handler, team added up). */
const perCourt = new Map<string, Map<string, number>>();
let queries = 0;
for (const job of prepared.jobs.aggregates) {
  for (const q of compiler.jobQueries(job)) {
    queries++;
    for (const row of await db.query(q.sql)) {
      q.nodes.forEach((node: AggregateNode, i) => {
        const v = Number(row[3 + 2 * i] ?? 0);
        const m = perCourt.get(`${job.key}|${node.key}`) ?? new Map<string, number>();
        m.set(String(row[0]), (m.get(String(row[0])) ?? 0) + v);
        perCourt.set(`${job.key}|${node.key}`, m);
      });
    }
  }
}
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const [counts] = await db.query('SELECT (SELECT COUNT(*) FROM cases), (SELECT COUNT(*) FROM events)');
await db.close();

// The three totals: the aggregates of 受理数, 结案数 and 执行到位金额 in the job of the plan's window.
const period = (d: string) => parseIsoDay(d)!;
const main = prepared.jobs.aggregates.find((j) => j.from === period('2016-01-01') && j.asOf === period(asOf))!;
const nodeOf = (name: string): AggregateNode => {
  const m = new Map<string, AggregateNode>();
  collectAggregates(plan.ir.indicators.find((i) => i.name === name)!.expr, m);
  return [...m.values()][0]!;
};
const total = (name: string) => perCourt.get(`${main.key}|${nodeOf(name).key}`)!;
const province = new Map(nationalCourts().map((c) => [c.name, c.province]));
const byProvince = (m: Map<string, number>) => {
  const out = new Map<string, number>();
  for (const [court, v] of m) out.set(province.get(court)!, (out.get(province.get(court)!) ?? 0) + v);
  return out;
};
const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
const filed = total('受理数'),
  closed = total('结案数'),
  fen = total('执行到位金额');
const want = nationalTotals(scale);
const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
console.log(
  `national (scale ${scale}): ${counts![0]} cases, ${counts![1]} events, ${province.size} courts, DuckDB file ${file}`,
);
console.log(
  `all ${plan.ir.indicators.length} indicators per court (and province): ${queries} queries, ${(ms / 1000).toFixed(1)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU, peak RSS ${mb(process.resourceUsage().maxRSS)} (DuckDB memory_limit ${values['memory-limit']})`,
);
const line = (what: string, got: number, published: string, expected: number) =>
  console.log(
    `  ${what.padEnd(8)} ${got.toLocaleString('en').padStart(22)}   published ${published} × ${scale} = ${expected.toLocaleString('en')}  ${got === expected ? 'ok' : 'DIFFERS'}`,
  );
line('受理', sum(filed), `${NATIONAL_TOTALS.filed / 1e4}万`, want.filed);
line('执结', sum(closed), `${NATIONAL_TOTALS.closed / 1e4}万`, want.closed);
line('到位金额', sum(fen) / 100, '4.4万亿元', want.recoveredFen / 100);
console.log('  largest provinces (受理 / 执结 / 到位金额 元):');
const pf = byProvince(filed),
  pc = byProvince(closed),
  pm = byProvince(fen);
for (const [p, v] of [...pf].sort((a, b) => b[1] - a[1]).slice(0, 5))
  console.log(`    ${p.padEnd(10)} ${v} / ${pc.get(p)} / ${((pm.get(p) ?? 0) / 100).toLocaleString('en')}`);
if (sum(filed) !== want.filed || sum(closed) !== want.closed || sum(fen) !== want.recoveredFen) process.exitCode = 1;
