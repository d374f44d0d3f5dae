// The plan compiled to SQL against the memory engine: every standard indicator and every seed plan's
// targets, overall, per court, per handler and per team, at several as-of dates (month ends, window edges,
// after the period, with events after the as-of date), on generated data: the report computed by DuckDB
// and by PostgreSQL (PGlite, in-process) is byte-identical to the memory engine's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { generateCases } from '../../src/engine/generate/index.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import type { CaseRecord, StaffingRecord } from '../../src/engine/data/record.js';
import { evaluatePlan, type EvaluateInput } from '../../src/engine/eval/evaluate.js';
import type { PlanIR } from '../../src/engine/ir/types.js';
import type { PlanReport } from '../../src/engine/report/model.js';
import { PACKAGE_ROOT } from '../../src/harness/host.js';
import { openDuckDB, openPostgres, postgresDatabase, type SqlDatabase } from '../../src/harness/sql/database.js';
import { evaluateOnDatabase } from '../../src/harness/sql/evaluate.js';
import { compileText } from '../eval/helpers.js';
import { FIXTURE_CASES, FIXTURE_SCENARIOS } from '../peer/fixture.js';

function irOf(text: string, file = 'test.plan'): PlanIR {
  const r = compileText(text, file);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => `${d.file}:${d.range.start.line + 1}: ${d.message}`).join('\n'));
  return r.ir;
}

async function openPglite(): Promise<SqlDatabase> {
  const pg = new PGlite();
  return postgresDatabase(
    async (sql) => (await pg.query<unknown[]>(sql, [], { rowMode: 'array' })).rows,
    () => pg.close(),
  );
}

// A real PostgreSQL server over the wire with pg as well, when one is given (LUOSHI_TEST_PG_URL): each run has its own session's temporary tables.
const PG_URL = process.env.LUOSHI_TEST_PG_URL;
const ENGINES: Array<[string, () => Promise<SqlDatabase>]> = [
  ['duckdb', openDuckDB],
  ['postgres (PGlite)', openPglite],
  ...(PG_URL ? [['postgres (server)', () => openPostgres(PG_URL)] as [string, () => Promise<SqlDatabase>]] : []),
];

/**
 * The SQL engines' report is byte-identical to the memory engine's. `inexact` names indicators that sum
 * fractional per-case values (money arithmetic): floating-point addition depends on its order, so those
 * agree to 1e-12 relative, and the rest of the report byte for byte.
 */
async function sameReport(input: EvaluateInput, inexact: readonly string[] = []): Promise<void> {
  const split = (r: PlanReport): { exact: string; loose: number[] } => {
    const loose: number[] = [];
    const indicators = r.indicators.filter((i) => {
      if (!inexact.includes(i.name)) return true;
      for (const f of [i.overall, ...Object.values(i.courts)])
        loose.push(f.value ?? NaN, f.numerator, f.denominator ?? NaN);
      return false;
    });
    return { exact: JSON.stringify({ ...r, indicators }, null, 2), loose };
  };
  const memory = split(evaluatePlan(input));
  for (const [name, open] of ENGINES) {
    const db = await open();
    try {
      const sql = split(await evaluateOnDatabase(input, db));
      expect({ engine: name, report: sql.exact }).toEqual({ engine: name, report: memory.exact });
      expect(sql.loose.length).toBe(memory.loose.length);
      sql.loose.forEach((x, k) => {
        const m = memory.loose[k]!;
        if (Number.isNaN(m)) expect(x).toBeNaN();
        else expect(Math.abs(x - m)).toBeLessThanOrEqual(Math.abs(m) * 1e-12);
      });
    } finally {
      await db.close();
    }
  }
}

function staffingOf(records: readonly CaseRecord[]): StaffingRecord[] {
  const courts = [...new Set(records.map((r) => r.court))].sort();
  const out: StaffingRecord[] = [];
  courts.forEach((court, k) => {
    out.push({ court, date: '2016-12-31', 执行人员: 20 + k, 政法编制: 100 + 3 * k });
    out.push({ court, date: '2017-12-31', 执行人员: 22 + k, 政法编制: 101 + 3 * k, 员额法官: 30 });
    out.push({ court, date: '2017-12-31', 执行人员: 23 + k, 政法编制: 102 + 3 * k }); // same day: the later row wins
  });
  return out;
}

// std's indicators with targets per handler, per team, per court, staged and stretched, so every group kind is reported.
const STD_PLAN = `方案 差分 { 期间 2017-01-01 至 2018-12-31  使用 std }
目标 a : 结案率 >= 60% 每个承办人
目标 b : 执行到位率 >= 30% 力争 40% 每个团队
目标 c : 终本合格率 >= 90% 每个法院
目标 d : 首执平均结案用时 <= 120日 每个承办人
目标 e : 信访办结率 >= 80% 每个法院 每年
目标 f : 案款发放及时率 >= 90% 每个团队
目标 g : 有财产案件法定期限内执结率 >= 70% 每个承办人 截至 2018-06-30
`;

describe('SQL = memory engine: std indicators on generated data', () => {
  const records = [...generateCases({ preset: 'ningbo', cases: 1500, seed: 13, from: '2016-01-01', to: '2019-03-31' })];
  const ir = irOf(STD_PLAN);
  const staffing = staffingOf(records);
  for (const asOf of ['2016-12-31', '2017-02-28', '2017-06-30', '2018-01-01', '2018-12-31', '2019-03-31']) {
    it(`as of ${asOf}`, async () => {
      await sameReport({ ir, store: storeFromRecords(records), asOf, staffing });
    }, 120_000);
  }
});

const SEEDS: Array<[string, string, string[]]> = [
  ['ningbo-2018.plan', 'ningbo', ['2018-06-30', '2018-12-31']],
  ['chengde-2018.plan', 'chengde', ['2018-03-31', '2018-11-30']],
  ['xuzhou-2017.plan', 'ningbo', ['2017-09-30']],
  ['chongqing2-2016.plan', 'chongqing2', ['2016-12-31']],
  ['fujin-2012.plan', 'fujin', ['2012-06-30']],
];

describe('SQL = memory engine: the seed plans', () => {
  for (const [file, preset, dates] of SEEDS) {
    it(file, async () => {
      const ir = irOf(readFileSync(join(PACKAGE_ROOT, 'policies', file), 'utf8'), `policies/${file}`);
      const records = [...generateCases({ preset, cases: 800, seed: 5 })];
      for (const asOf of dates)
        await sameReport({ ir, store: storeFromRecords(records), asOf, staffing: staffingOf(records) });
    }, 180_000);
  }
});

describe('SQL = memory engine: the hand-worked fixture (month ends, window edges, closures and events after the as-of date)', () => {
  for (const sc of FIXTURE_SCENARIOS.filter((s) => s.groupBy === null)) {
    it(sc.name, async () => {
      const ir = irOf(`方案 差分 { 期间 ${sc.from} 至 ${sc.to}  使用 std }\n目标 a : 结案率 >= 60% 每个承办人\n`);
      await sameReport({ ir, store: storeFromRecords(FIXTURE_CASES as unknown as CaseRecord[]), asOf: sc.asOf });
    }, 60_000);
  }
});

// Every construct the compiler handles beyond std: tags, first, not over nulls, lacks, event sums and means,
// followed-by within months, ranges, money arithmetic, the court's level, handler and team fields.
const CONSTRUCTS_PLAN = `方案 构造 { 期间 2017-01-01 至 2018-12-31  法院 宁波中院、海曙法院  使用 std }
法院 宁波中院 = "宁波市中级人民法院" 中院
法院 海曙法院 = "宁波市海曙区人民法院" 基层
指标 涉民生 (件) = 计数(案件 其中 标签 包含 涉民生)
指标 首次查控 (件) = 计数(案件 其中 首次(总对总查控) - 立案日期 <= 3日)
指标 非终本结案 (件) = 计数(结案 其中 非 (结案方式 = 终本))
指标 无约谈未结 (件) = 计数(受理 其中 无 约谈 且 结案日期 为空)
指标 案款到账金额 (元) = 求和(事件 案款到账 其中 日期 在 窗口, 金额)
指标 平均延期 (件) = 平均(受理, 事件数(延期))
指标 两月内发放率 (%) = 计数(事件 案款到账 其中 之后有 案款发放 在 2个月 内) / 计数(事件 案款到账)
指标 大额 (件) = 计数(受理 其中 申请标的 >= 100000 且 非 (有财产 = 假))
指标 范围 (件) = 计数(案件 其中 立案日期 在 2017-03-01 至 2017-08-31)
指标 平均差额 (元) = 平均(结案, 申请标的 - 到位金额)
指标 无团队 (件) = 计数(受理 其中 团队 为空)
指标 基层结案 (件) = 计数(结案 其中 法院 属于 ("宁波市海曙区人民法院"))
目标 a : 涉民生 >= 1件 每个承办人
目标 b : 平均延期 <= 1件 每个团队
目标 c : 两月内发放率 >= 50% 每个法院 其中 层级 = 基层
`;

describe('SQL = memory engine: every construct', () => {
  const records = [...generateCases({ preset: 'ningbo', cases: 1200, seed: 21, from: '2016-06-01', to: '2019-02-28' })];
  const ir = irOf(CONSTRUCTS_PLAN);
  for (const asOf of ['2017-05-31', '2018-02-28', '2019-01-31']) {
    it(`as of ${asOf}`, async () => {
      await sameReport({ ir, store: storeFromRecords(records), asOf, courts: { unmatched: 'include' } }, ['平均差额']);
    }, 120_000);
  }
});
