// The plan compiled to SQL against the memory engine: every standard indicator and every seed plan's
// targets, overall, per court, per handler and per team, at several as-of dates (month ends, window edges,
// after the period, with events after the as-of date), on generated data: the report computed by DuckDB
// and by PostgreSQL (PGlite, in-process) is byte-identical to the memory engine's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { generateCases } from '../../src/engine/data/generate.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import type { CaseRecord, StaffingRecord } from '../../src/engine/data/record.js';
import { evaluatePlan, type EvaluateInput } from '../../src/engine/eval/evaluate.js';
import type { PlanIR } from '../../src/engine/ir/types.js';
import { PACKAGE_ROOT } from '../../src/harness/host.js';
import { openDuckDB, postgresDatabase, type SqlDatabase } from '../../src/harness/sql/database.js';
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
  return postgresDatabase(async (sql) => (await pg.query<unknown[]>(sql, [], { rowMode: 'array' })).rows, () => pg.close());
}

const ENGINES: Array<[string, () => Promise<SqlDatabase>]> = [['duckdb', openDuckDB], ['postgres (PGlite)', openPglite]];

async function sameReport(input: EvaluateInput): Promise<void> {
  const memory = JSON.stringify(evaluatePlan(input), null, 2);
  for (const [name, open] of ENGINES) {
    const db = await open();
    try {
      const sql = JSON.stringify(await evaluateOnDatabase(input, db), null, 2);
      expect({ engine: name, report: sql }).toEqual({ engine: name, report: memory });
    } finally { await db.close(); }
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
      for (const asOf of dates) await sameReport({ ir, store: storeFromRecords(records), asOf, staffing: staffingOf(records) });
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
