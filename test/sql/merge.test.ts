// The jobs' grouped queries over the same rows run as one statement (src/engine/sql/merge.ts): the 宁波
// plan's case queries of one as-of date share their frame; the merged statement's rows, split back, are
// each query's own rows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCases } from '../../src/engine/generate/index.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import { prepareEvaluation } from '../../src/engine/eval/evaluate.js';
import { SqlCompiler } from '../../src/engine/sql/compile.js';
import { SharedCaseEvents } from '../../src/engine/sql/case-events.js';
import { memberRows, mergeQueries } from '../../src/engine/sql/merge.js';
import { PACKAGE_ROOT } from '../../src/harness/host.js';
import { IN_PROCESS_ENGINES, irOf, loaded } from './engines.js';

const sorted = (rows: unknown[][]) =>
  rows.map((r) => JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? Number(v) : v))).sort();

describe('merged queries', () => {
  const ir = irOf(readFileSync(join(PACKAGE_ROOT, 'policies', 'ningbo-2018.plan'), 'utf8'), 'ningbo-2018.plan');
  const records = [...generateCases({ preset: 'ningbo', cases: 400, seed: 9 })];
  for (const [name, open] of IN_PROCESS_ENGINES) {
    it(`${name}: one statement per frame, each query's rows as when run alone`, async () => {
      const db = await loaded(open, records, []);
      const { jobs } = prepareEvaluation({ ir, store: storeFromRecords(records), asOf: '2018-12-31' });
      const shared = new SharedCaseEvents();
      const compiler = new SqlCompiler(ir, db.dialect, shared);
      const queries = jobs.aggregates.flatMap((j) => compiler.jobQueries(j));
      const merged = mergeQueries(queries);
      // Every query is in exactly one statement; the two case queries of 2018-12-31 (the year's window and
      // the plan's) are one.
      expect(merged.flatMap((m) => m.members.map((x) => x.query))).toEqual(expect.arrayContaining(queries));
      expect(merged.reduce((n, m) => n + m.members.length, 0)).toBe(queries.length);
      const together = merged.filter((m) => m.members.length > 1);
      expect(together.length).toBeGreaterThan(0);
      expect(together.every((m) => m.members.every((x) => x.query.domain === 'case'))).toBe(true);
      try {
        for (const s of shared.create()) await db.exec(s);
        for (const m of together) {
          const rows = await db.query(m.sql);
          for (const member of m.members)
            expect(sorted(memberRows(rows, member))).toEqual(sorted(await db.query(member.query.sql)));
        }
      } finally {
        await db.close();
      }
    }, 120_000);
  }
});
