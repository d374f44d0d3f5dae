// `explain` as SQL (src/engine/sql/explain.ts) against the memory engine's (src/engine/eval/explain.ts): the
// same cases, in the same order, the same totals and per-case event counts — for case and event indicators,
// every part, overall and for a court, a handler and a team, over the plan's window and a calendar year —
// on DuckDB and on PostgreSQL (PGlite).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCases } from '../../src/engine/generate/index.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import { identifyCourts } from '../../src/engine/data/identity.js';
import { explainIndicator, type ExplainPart, type ExplainQuery } from '../../src/engine/eval/explain.js';
import { explainOnSql } from '../../src/engine/sql/explain.js';
import { canonicalRows } from '../../src/engine/sql/load.js';
import { PACKAGE_ROOT } from '../../src/harness/host.js';
import { createSchema, type SqlDatabase } from '../../src/harness/sql/database.js';
import { IN_PROCESS_ENGINES } from './engines.js';
import { compileText } from '../eval/helpers.js';

const ENGINES = IN_PROCESS_ENGINES;

const INDICATORS = [
  '结案率',
  '终本合格率',
  '信访办结率',
  '案款发放及时率',
  '3日内总对总查控率',
  '拒执移送率',
  '执行到位率',
];
const PARTS: ExplainPart[] = ['numerator', 'denominator', 'missing'];

describe('explain in SQL = memory engine', () => {
  const ir = compileText(
    readFileSync(join(PACKAGE_ROOT, 'policies', 'ningbo-2018.plan'), 'utf8'),
    'policies/ningbo-2018.plan',
  ).ir;
  const records = [...generateCases({ preset: 'ningbo', cases: 1500, seed: 9 })];
  const { store } = identifyCourts(ir, storeFromRecords(records));
  const groups: Array<ExplainQuery['group'] | undefined> = [
    undefined,
    { kind: 'court', value: store.courts[1]! },
    { kind: 'handler', value: store.handlers[3]! },
    { kind: 'team', value: store.teams[0]! },
  ];
  for (const [name, open] of ENGINES) {
    it(name, async () => {
      const db = await open();
      try {
        await createSchema(db);
        for (const t of canonicalRows(store, [])) await db.load(t);
        let listed = 0;
        for (const indicator of INDICATORS)
          for (const part of PARTS)
            for (const group of groups)
              for (const [asOf, yearly] of [
                ['2018-06-30', false],
                ['2018-12-31', true],
              ] as const) {
                if (part !== 'numerator' && indicator.endsWith('数')) continue;
                const q: ExplainQuery = {
                  indicator,
                  asOf,
                  part,
                  limit: 40,
                  window: yearly ? { kind: 'yearly', from: null, to: null } : null,
                  ...(group ? { group } : {}),
                };
                const memory = explainIndicator(ir, store, q);
                expect({ q, res: await explainOnSql(db, ir, db.dialect, q) }).toEqual({ q, res: memory });
                listed += memory.ids.length;
              }
        expect(listed).toBeGreaterThan(1000); // the comparisons list cases, not empty sets
      } finally {
        await db.close();
      }
    }, 300_000);
  }
});
