// The plan computed in place (src/harness/sql/inplace.ts): the canonical tables of a database are the
// source, the figures and rule verdicts SQL over them through the session's views, and Node holds only
// the suspect rows and one case per group. The report equals the memory engine's over the same cases —
// figures, rules with their listed failures, court identity with its counts — on DuckDB and on PostgreSQL
// (PGlite in-process; a server too when LUOSHI_TEST_PG_URL names one).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCases } from '../../src/engine/generate/index.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import type { CaseRecord, StaffingRecord } from '../../src/engine/data/record.js';
import type { CourtOptions } from '../../src/engine/data/identity.js';
import { evaluatePlan } from '../../src/engine/eval/evaluate.js';
import type { PlanIR } from '../../src/engine/ir/types.js';
import { PACKAGE_ROOT } from '../../src/harness/host.js';
import { COURT_IDENTITY_PLAN, courtIdentityCases, IN_PROCESS_ENGINES, irOf, loaded } from './engines.js';
import { evaluateInPlace, sourceSchema, validateInPlace } from '../../src/harness/sql/inplace.js';
import { suspectCases, UNIQUE_IDS } from '../../src/engine/sql/inplace.js';

const ENGINES = IN_PROCESS_ENGINES;

async function sameInPlace(
  ir: PlanIR,
  records: CaseRecord[],
  staffing: StaffingRecord[],
  dates: string[],
  courts: CourtOptions = {},
): Promise<void> {
  for (const [name, open] of ENGINES) {
    const db = await loaded(open, records, staffing);
    try {
      const src = await sourceSchema(db);
      const { loaded: cases, perCourt } = await validateInPlace(db, src, 'db#cases');
      expect([cases.stats.read, cases.stats.accepted, cases.stats.rejected, cases.problems]).toEqual([
        records.length,
        records.length,
        0,
        [],
      ]);
      for (const asOf of dates) {
        const memory = evaluatePlan({ ir, store: storeFromRecords(records), asOf, staffing, courts });
        const inPlace = await evaluateInPlace(db, src, { ir, store: cases.store, asOf, staffing, courts }, perCourt);
        // The data section counts the skeleton when none is given: the whole table's counts are the loaders' (db.test.ts).
        inPlace.data = memory.data;
        expect({ engine: name, asOf, report: JSON.stringify(inPlace, null, 1) }).toEqual({
          engine: name,
          asOf,
          report: JSON.stringify(memory, null, 1),
        });
      }
    } finally {
      await db.close();
    }
  }
}

function staffingOf(records: readonly CaseRecord[]): StaffingRecord[] {
  const courts = [...new Set(records.map((r) => r.court))].sort();
  return courts.flatMap((court, k) => [
    { court, date: '2016-12-31', 执行人员: 20 + k, 政法编制: 100 + 3 * k },
    { court, date: '2017-12-31', 执行人员: 22 + k, 政法编制: 101 + 3 * k, 员额法官: 30 },
  ]);
}

describe('in place = memory engine: the seed plans (targets, milestones, rules with their failures)', () => {
  for (const [file, preset, dates] of [
    ['ningbo-2018.plan', 'ningbo', ['2018-06-30', '2018-12-31']],
    ['chongqing2-2016.plan', 'chongqing2', ['2016-12-31']],
  ] as const) {
    it(file, async () => {
      const ir = irOf(readFileSync(join(PACKAGE_ROOT, 'policies', file), 'utf8'), `policies/${file}`);
      const records = [...generateCases({ preset, cases: 900, seed: 7 })];
      await sameInPlace(ir, records, staffingOf(records), [...dates]);
    }, 240_000);
  }
});

describe('in place = memory engine: court identity (a short name, a court the plan does not name)', () => {
  const records = courtIdentityCases(700);
  const plan = COURT_IDENTITY_PLAN;
  for (const unmatched of ['exclude', 'include'] as const) {
    it(`unmatched: ${unmatched}`, async () => {
      await sameInPlace(irOf(plan), records, staffingOf(records), ['2018-06-30'], { unmatched });
    }, 120_000);
  }
});

describe('validation in place reads only what the loaders could speak of', () => {
  // 案款发放, 终本巡查, 信访 … may follow the closing (validate.ts accepts them without a word): were they
  // suspect, half of a court's cases would be read into Node and judged again (1 M cases: 511,457 of them).
  const records = [...generateCases({ preset: 'ningbo', cases: 2000, seed: 11, from: '2016-01-01', to: '2018-12-31' })];
  for (const [name, open] of ENGINES) {
    it(`${name}: clean generated data, events after closing among it, has no suspect case`, async () => {
      const db = await loaded(open, records, []);
      try {
        const src = await sourceSchema(db);
        const [after] = await db.query(
          `SELECT COUNT(*) FROM ${src}events e JOIN ${src}cases c ON c.cid = e.cid WHERE e.day > c.closed`,
        );
        expect(Number(after![0])).toBeGreaterThan(100);
        const [suspects] = await db.query(`SELECT COUNT(*) FROM (${suspectCases(db.dialect, src)}) s`);
        expect(Number(suspects![0])).toBe(0);
        const { loaded: cases } = await validateInPlace(db, src, 'db#cases');
        expect([cases.stats.accepted, cases.problems]).toEqual([records.length, []]);
      } finally {
        await db.close();
      }
    });
  }
});

describe('validation in place looks for repeated ids only where the database does not refuse them', () => {
  const records = [...generateCases({ preset: 'ningbo', cases: 300, seed: 5, from: '2017-01-01', to: '2018-12-31' })];
  for (const [name, open] of ENGINES) {
    it(`${name}: the canonical cases table's UNIQUE id is seen; without it, a repeated id is the store's rejection`, async () => {
      const db = await loaded(open, records, []);
      try {
        const src = await sourceSchema(db);
        expect(await db.query(UNIQUE_IDS)).toHaveLength(1);
        // The same rows in a table without the constraint (a copy keeps none), and the first case again.
        await db.exec(`CREATE TABLE cases_copy AS SELECT * FROM ${src}cases`);
        await db.exec(`DROP TABLE ${src}cases`);
        await db.exec('ALTER TABLE cases_copy RENAME TO cases');
        expect(await db.query(UNIQUE_IDS)).toHaveLength(0);
        await db.exec(
          `INSERT INTO cases SELECT cid + 100000, id, court, type, filed, closed, closure, claimed_fen, recovered_fen, property, handler, team FROM cases WHERE cid = (SELECT MIN(cid) FROM cases)`,
        );
        const { loaded: cases } = await validateInPlace(db, src, 'db#cases');
        expect([cases.stats.read, cases.stats.accepted, cases.stats.rejected]).toEqual([
          records.length + 1,
          records.length,
          1,
        ]);
        expect(cases.problems.map((p) => [p.line, p.message])).toEqual([
          [records.length + 1, expect.stringContaining(`案号重复：${records[0]!.id}`)],
        ]);
      } finally {
        await db.close();
      }
    });
  }
});
