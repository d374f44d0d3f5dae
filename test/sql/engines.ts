// The SQL engines every in-process SQL test runs on: embedded DuckDB, and PostgreSQL as PGlite (real
// PostgreSQL compiled to WebAssembly) — and a database holding given cases as `luoshi db load` writes them.
import { PGlite } from '@electric-sql/pglite';
import type { CaseRecord, StaffingRecord } from '../../src/engine/data/record.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import { identifyStaffing, planJobs } from '../../src/engine/eval/plan-jobs.js';
import { canonicalRows } from '../../src/engine/sql/load.js';
import { createSchema, openDuckDB, postgresDatabase, type SqlDatabase } from '../../src/harness/sql/database.js';
import { generateCases } from '../../src/engine/generate/index.js';
import type { PlanIR } from '../../src/engine/ir/types.js';
import { compileText } from '../eval/helpers.js';

/** PGlite's COPY reads a blob, not a stream: the chunks go as one `COPY … FROM '/dev/blob'` per ~4 M characters (twice as fast as INSERTs). */
export async function openPglite(): Promise<SqlDatabase> {
  const pg = new PGlite();
  return postgresDatabase(
    async (sql) => (await pg.query<unknown[]>(sql, [], { rowMode: 'array' })).rows,
    () => pg.close(),
    false,
    async (statement, chunks) => {
      const fromBlob = statement.replace(/FROM STDIN$/, "FROM '/dev/blob'");
      let parts: string[] = [];
      let size = 0;
      const send = async (): Promise<void> => {
        if (size) await pg.query(fromBlob, [], { blob: new Blob(parts) });
        parts = [];
        size = 0;
      };
      for (const c of chunks) {
        parts.push(c);
        size += c.length;
        if (size >= 1 << 22) await send();
      }
      await send();
    },
  );
}

export const IN_PROCESS_ENGINES: Array<[string, () => Promise<SqlDatabase>]> = [
  ['duckdb', () => openDuckDB()],
  ['postgres (PGlite)', openPglite],
];

/** A database holding the cases (as `luoshi db load` writes them: names as the data spells them) and staffing. */
export async function loaded(
  open: () => Promise<SqlDatabase>,
  records: CaseRecord[],
  staffing: StaffingRecord[],
): Promise<SqlDatabase> {
  const db = await open();
  await createSchema(db);
  // Rows as the data has them: an identity that keeps every court under its own name.
  const store = storeFromRecords(records);
  const plain = compileText('方案 原样 { 期间 2016-01-01 至 2016-12-31 }', 'plain.plan').ir;
  const rows = identifyStaffing(plain, staffing, planJobs({ ir: plain, store, asOf: '2016-12-31' }).identity);
  for (const t of canonicalRows(store, rows)) await db.load(t);
  return db;
}

/** A plan's IR; its errors, if any, thrown with their lines. */
export function irOf(text: string, file = 'test.plan'): PlanIR {
  const r = compileText(text, file);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => `${d.file}:${d.range.start.line + 1}: ${d.message}`).join('\n'));
  return r.ir;
}

/** Court identity's fixture: some cases under the plan's short name, some under a court the plan does not cover. */
export function courtIdentityCases(cases: number): CaseRecord[] {
  const records = [...generateCases({ preset: 'ningbo', cases, seed: 3, from: '2017-01-01', to: '2018-12-31' })];
  records.forEach((r, k) => {
    if (k % 7 === 0 && r.court === '宁波市海曙区人民法院') r.court = '海曙法院';
    if (k % 11 === 0) r.court = '宁波市某某区人民法院';
  });
  return records;
}

/** The plan of that fixture: two courts, one named short, targets per handler and per court. */
export const COURT_IDENTITY_PLAN = `方案 两院 { 期间 2017-01-01 至 2018-12-31  法院 宁波中院、海曙法院  使用 std }
法院 宁波中院 = "宁波市中级人民法院" 中院
法院 海曙法院 = "宁波市海曙区人民法院" 基层
目标 a : 结案率 >= 60% 每个承办人
目标 b : 执行到位率 >= 30% 每个法院
`;
