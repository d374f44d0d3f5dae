// The SQL engines every in-process SQL test runs on: embedded DuckDB, and PostgreSQL as PGlite (real
// PostgreSQL compiled to WebAssembly).
import { PGlite } from '@electric-sql/pglite';
import { openDuckDB, postgresDatabase, type SqlDatabase } from '../../src/harness/sql/database.js';

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
