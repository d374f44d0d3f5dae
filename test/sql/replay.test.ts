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
import { prepareReplay, replayPlan, type ReplayInput } from '../../src/engine/replay/replay.js';
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

  // The event conditions a replay pre-aggregates (engine/sql/case-events.ts): counts (事件数, plain and read
  // against the closing date), 之后有 with and without a limit, on hand-made cases whose events fall on step
  // dates, between them, on the filing and closing days, several on one day, and after the replay's end;
  // windows that start and end between steps (a mid-week deadline, a stage, the year).
  it('事件数 and 之后有 at the edges: events on step dates, several a day, after the end; windows between steps', async () => {
    const base = {
      court: '宁波市海曙区人民法院',
      type: '首执' as const,
      claimed: 10_000,
      recovered: 0,
      handler: '张三',
    };
    const ev = (type: string, date: string, amount?: number) => ({ type, date, ...(amount ? { amount } : {}) });
    const cases: CaseRecord[] = [
      {
        ...base,
        id: 'A',
        filed: '2017-11-01',
        closed: '2018-02-20',
        closure: '执行完毕',
        recovered: 10_000,
        property: true,
        events: [
          ev('总对总查控', '2017-11-02'),
          ev('传统查控', '2017-12-01'),
          ev('延期', '2018-01-14'),
          ev('延期', '2018-01-14'),
          ev('延期', '2018-02-03'),
          ev('点对点查控', '2018-02-20'),
          ev('点对点查控', '2018-03-01'),
          ev('延期', '2018-04-10'),
        ],
      },
      {
        ...base,
        id: 'B',
        handler: '李四',
        filed: '2018-01-07',
        closed: '2018-03-10',
        closure: '终结本次执行程序',
        property: false,
        events: [
          ev('执行通知', '2018-01-07'),
          ev('总对总查控', '2018-01-07'),
          ev('报告财产令', '2018-01-08'),
          ev('限制消费', '2018-01-09'),
          ev('案款到账', '2018-01-10', 1000),
          ev('信访', '2018-01-14'),
          ev('信访办结', '2018-01-14'),
          ev('纳入失信', '2018-01-14'),
          ev('案款发放', '2018-01-20', 1000),
          ev('点对点查控', '2018-01-21'),
          ev('传统查控', '2018-02-01'),
          ev('约谈', '2018-02-05'),
          ev('案款到账', '2018-02-25', 500),
          ev('案款发放', '2018-03-08', 500),
          ev('信访', '2018-03-30'),
          ev('信访办结', '2018-04-02'),
        ],
      },
      {
        ...base,
        id: 'C',
        filed: '2016-05-01',
        closed: null,
        closure: null,
        property: true,
        events: [
          ev('延期', '2016-10-01'),
          ev('延期', '2017-02-01'),
          ev('延期', '2017-05-01'),
          ev('案款到账', '2018-03-25', 200),
          ev('案款到账', '2018-03-25', 300),
          ev('案款发放', '2018-03-25', 500),
          ev('信访', '2018-03-25'),
          ev('信访', '2018-03-26'),
          ev('信访办结', '2018-03-31'),
        ],
      },
      {
        ...base,
        id: 'D',
        handler: '李四',
        filed: '2017-09-15',
        closed: '2018-05-01',
        closure: '执行完毕',
        property: true,
        events: [ev('延期', '2018-03-14'), ev('案款到账', '2018-03-21', 50), ev('案款发放', '2018-04-01', 50)],
      },
      {
        ...base,
        id: 'E',
        filed: '2017-08-20',
        closed: '2018-02-19',
        closure: '执行完毕',
        property: true,
        events: [ev('延期', '2018-02-19'), ev('延期', '2018-02-19'), ev('案款到账', '2018-02-18', 70)],
      },
    ];
    const generated = generateCases({ preset: 'ningbo', cases: 200, seed: 23, from: '2017-06-01', to: '2018-05-31' });
    const plan = `方案 边界 { 期间 2018-01-01 至 2018-03-31  使用 std }
指标 延期次数 (件) = 求和(受理, 事件数(延期))
指标 多次延期 (件) = 计数(受理 其中 事件数(延期) >= 2)
指标 结案前查控 (件) = 计数(受理 其中 事件数(总对总查控、点对点查控 其中 日期 <= 结案日期) >= 2)
指标 十日内发放 (%) = 计数(事件 案款到账 其中 之后有 案款发放 在 10日 内) / 计数(事件 案款到账)
指标 有发放 (%) = 计数(事件 案款到账 其中 之后有 案款发放) / 计数(事件 案款到账)
目标 a : 延期次数 <= 20件 截至 2018-02-20, <= 15件 截至 2018-03-31 每个承办人
目标 b : 多次延期 <= 3件 每个法院 每年
目标 c : 结案前查控 >= 1件 截至 2018-03-14
目标 d : 十日内发放 >= 50% 力争 80% 每个承办人
目标 e : 有发放 >= 60% 截至 2018-03-21
目标 f : 信访办结率 >= 80% 每个法院
目标 g : 有财产案件法定期限内执结率 >= 70% 截至 2018-02-28
目标 h : 案款发放及时率 >= 90% 每个承办人
`;
    await sameReplay({
      ir: irOf(plan),
      store: storeFromRecords([...cases, ...generated]),
      from: '2018-01-01',
      to: '2018-03-31',
      step: 'week',
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
  it("reads the 宁波 plan's event conditions from pre-aggregations: no correlated subquery per date and case", () => {
    const ir = irOf(
      readFileSync(join(PACKAGE_ROOT, 'policies', 'ningbo-2018.plan'), 'utf8'),
      'policies/ningbo-2018.plan',
    );
    const { windowJobs } = prepareReplay({
      ir,
      store: storeFromRecords([]),
      from: '2018-04-08',
      to: '2018-12-31',
      step: 'week',
      execute: false,
    });
    const sql = windowJobs.flatMap((j) => new SqlCompiler(ir, DIALECTS.postgres).seriesQueries(j).map((q) => q.sql));
    expect(sql.length).toBeGreaterThan(0);
    for (const q of sql) {
      expect(q).not.toMatch(/\(SELECT (COUNT\(\*\)|1|MIN\([^)]*\)) FROM events/);
    }
    const all = sql.join('\n');
    expect(all).toContain('LEFT JOIN cn0 ON cn0.cid = c.cid AND cn0.since <= p.day AND cn0.until > p.day');
    expect(all).toContain('LEFT JOIN fb ON fb.eid = e.eid');
  });
});
