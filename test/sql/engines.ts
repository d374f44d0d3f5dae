// The SQL engines every in-process SQL test runs on: embedded DuckDB, and PostgreSQL as PGlite (real
// PostgreSQL compiled to WebAssembly) — and a database holding given cases as `luoshi db load` writes them.
import { PGlite } from '@electric-sql/pglite';
import type { CaseRecord, StaffingRecord } from '../../src/engine/data/record.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import { identifyStaffing, planJobs } from '../../src/engine/eval/plan-jobs.js';
import { canonicalRows } from '../../src/engine/sql/load.js';
import { createSchema, openDuckDB, postgresDatabase, type SqlDatabase } from '../../src/harness/sql/database.js';
import { compileText } from '../eval/helpers.js';

export async function openPglite(): Promise<SqlDatabase> {
  const pg = new PGlite();
  return postgresDatabase(
    async (sql) => (await pg.query<unknown[]>(sql, [], { rowMode: 'array' })).rows,
    () => pg.close(),
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
