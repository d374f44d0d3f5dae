// Replay on SQL (src/engine/sql/series.ts, src/harness/sql/replay.ts): each window's points in one query
// per domain; the result — every step's indicators, target statuses and thresholds, milestones — equals the
// memory engine's replay byte for byte, on DuckDB and PostgreSQL (PGlite; a server too with LUOSHI_TEST_PG_URL).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { generateCases } from '../../src/engine/generate/index.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import type { CaseRecord, StaffingRecord } from '../../src/engine/data/record.js';
import { replayPlan, type ReplayInput } from '../../src/engine/replay/replay.js';
import { collectAggregates, type AggregateNode } from '../../src/engine/eval/aggregate.js';
import { SqlCompiler } from '../../src/engine/sql/compile.js';
import { DIALECTS } from '../../src/engine/sql/dialect.js';
import type { PlanIR } from '../../src/engine/ir/types.js';
import { PACKAGE_ROOT } from '../../src/harness/host.js';
import { openDuckDB, openPostgres, postgresDatabase, type SqlDatabase } from '../../src/harness/sql/database.js';
import { replayOnDatabase } from '../../src/harness/sql/replay.js';
import { compileText } from '../eval/helpers.js';

function irOf(text: string, file = 'test.plan'): PlanIR {
  const r = compileText(text, file);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => `${d.file}:${d.range.start.line + 1}: ${d.message}`).join('\n'));
  return r.ir;
}

const PG_URL = process.env.LUOSHI_TEST_PG_URL;
const ENGINES: Array<[string, () => Promise<SqlDatabase>]> = [
  ['duckdb', openDuckDB],
  [
    'postgres (PGlite)',
    async () => {
      const pg = new PGlite();
      return postgresDatabase(
        async (sql) => (await pg.query<unknown[]>(sql, [], { rowMode: 'array' })).rows,
        () => pg.close(),
      );
    },
  ],
  ...(PG_URL ? [['postgres (server)', () => openPostgres(PG_URL)] as [string, () => Promise<SqlDatabase>]] : []),
];

async function sameReplay(input: ReplayInput): Promise<void> {
  const memory = JSON.stringify(replayPlan(input), null, 1);
  for (const [name, open] of ENGINES) {
    const db = await open();
    try {
      expect({ engine: name, replay: JSON.stringify(await replayOnDatabase(input, db), null, 1) }).toEqual({
        engine: name,
        replay: memory,
      });
    } finally {
      await db.close();
    }
  }
}

function staffingOf(records: readonly CaseRecord[]): StaffingRecord[] {
  const courts = [...new Set(records.map((r) => r.court))].sort();
  return courts.flatMap((court, k) => [
    { court, date: '2017-06-30', 执行人员: 20 + k, 政法编制: 100 + 3 * k },
    { court, date: '2018-03-31', 执行人员: 24 + k, 政法编制: 101 + 3 * k },
  ]);
}

// Staged (each stage its own deadline), stretched, yearly and per-group targets: windows of every kind.
const PLAN = `方案 回放 { 期间 2017-01-01 至 2018-12-31  使用 std }
目标 a : 结案率 >= 50% 截至 2017-12-31, >= 60% 截至 2018-12-31 每个承办人
目标 b : 执行到位率 >= 30% 力争 40% 每个团队
目标 c : 终本合格率 >= 90% 每个法院
目标 e : 信访办结率 >= 80% 每个法院 每年
目标 g : 有财产案件法定期限内执结率 >= 70% 截至 2018-06-30
`;

describe("replay on SQL = the memory engine's replay", () => {
  const records = [...generateCases({ preset: 'ningbo', cases: 500, seed: 17, from: '2016-06-01', to: '2019-02-28' })];
  it('std targets of every kind, monthly over two years and past the period (month ends, deadlines, trend days; windows clamped at their end)', async () => {
    await sameReplay({
      ir: irOf(PLAN),
      store: storeFromRecords(records),
      from: '2017-01-31',
      to: '2019-03-31',
      step: 'month',
      staffing: staffingOf(records),
    });
  }, 240_000);

  it('the 宁波 plan, weekly through its year, with staffing', async () => {
    const ir = irOf(
      readFileSync(join(PACKAGE_ROOT, 'policies', 'ningbo-2018.plan'), 'utf8'),
      'policies/ningbo-2018.plan',
    );
    await sameReplay({
      ir,
      store: storeFromRecords(records),
      from: '2018-04-08',
      to: '2018-12-31',
      step: 'week',
      staffing: staffingOf(records),
    });
  }, 240_000);

  it('asks one query per window and domain, however many points', () => {
    const ir = irOf(PLAN);
    const c = new SqlCompiler(ir, DIALECTS.duckdb);
    const nodes = [
      ...new Map(ir.indicators.flatMap((i) => (i.name === '结案率' ? [i] : [])).map((i) => [i.name, i])).values(),
    ];
    expect(nodes).toHaveLength(1);
    const points = Array.from({ length: 365 }, (_, k) => 17532 + k); // every day of 2018
    const m = new Map<string, AggregateNode>();
    collectAggregates(nodes[0]!.expr, m);
    const qs = c.seriesQueries({ from: 17532, to: 17896, points, nodes: [...m.values()] });
    expect(qs.map((q) => q.domain)).toEqual(['case']);
    expect(qs[0]!.sql).toContain("(364, DATE '2018-12-31')");
    expect(qs[0]!.sql).toContain('GROUP BY p.k, c.court, c.handler, c.team');
  });
});
