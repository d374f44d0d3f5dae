// The invented court database of examples/court-db in the tests of `luoshi db map` (mapping.test.ts,
// mapping-textkey.test.ts): the CLI, a DuckDB file or PGlite holding the court's tables, and the checks both use.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { openDatabaseUrl, postgresDatabase, type SqlDatabase } from '../../src/harness/sql/database.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const COURT = join(ROOT, 'examples', 'court-db');
export const PLAN = 'policies/ningbo-2018.plan';
/** The progress reports and staffing beside the court's cases, as `check --data` takes them. */
export const RECORD_FILES = [
  '--progress',
  'examples/data/progress-ningbo-2018.ndjson',
  '--staffing',
  'examples/data/staffing-2018.ndjson',
];
/** The court's cases as a file (the rows of data.sql) and the records beside them. */
export const FILES = ['examples/court-db/cases-300.ndjson', ...RECORD_FILES];

export const luoshi = (...args: string[]) =>
  spawnSync('node', [join(ROOT, 'bin/luoshi.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, LUOSHI_DB_PASSWORD: '' },
  });

/** A new DuckDB file at `file` holding `sql` (the court's tables and their rows). */
export async function courtDuckDB(file: string, sql: string): Promise<string> {
  const url = `duckdb:${file}`;
  const db = await openDatabaseUrl(url, { create: true });
  try {
    await db.exec(sql);
  } finally {
    await db.close();
  }
  return url;
}

/** PGlite (real PostgreSQL in-process) holding `sql`. */
export async function courtPglite(sql: string): Promise<SqlDatabase> {
  const pg = new PGlite();
  await pg.exec(sql);
  return postgresDatabase(
    async (q) => (await pg.query<unknown[]>(q, [], { rowMode: 'array' })).rows,
    () => pg.close(),
  );
}

export async function withDb<T>(url: string, f: (db: SqlDatabase) => Promise<T>): Promise<T> {
  const db = await openDatabaseUrl(url);
  try {
    return await f(db);
  } finally {
    await db.close();
  }
}

/** How many views the schema luoshi holds (none after a map that made nothing). */
export const viewCount = (db: SqlDatabase): Promise<number> =>
  db
    .query("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'luoshi'")
    .then((r) => Number(r[0]![0]));

/** A report without its data sources (they name the files or the tables). */
export function figures(json: string): unknown {
  const r = JSON.parse(json) as { data?: { sources?: unknown } };
  delete r.data?.sources;
  return r;
}
