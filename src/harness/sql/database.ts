// Database drivers for the SQL engine: DuckDB embedded (@duckdb/node-api, no server) and any
// PostgreSQL-family server (pg). Each is a connection that sends text and returns rows as arrays.
import type { SqlConnection } from '../../engine/sql/run.js';
import { DIALECTS, type Dialect } from '../../engine/sql/dialect.js';
import { schemaDDL } from '../../engine/sql/schema.js';

export interface SqlDatabase extends SqlConnection {
  dialect: Dialect;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** An in-memory DuckDB. */
export async function openDuckDB(): Promise<SqlDatabase> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  return {
    dialect: DIALECTS.duckdb,
    exec: async (sql) => { await con.run(sql); },
    query: async (sql) => (await con.runAndReadAll(sql)).getRowsJS() as unknown[][],
    close: async () => { con.closeSync(); instance.closeSync(); },
  };
}

/** A PostgreSQL-family database given how to send one statement and read its rows as arrays, and how to close. */
export function postgresDatabase(run: (sql: string) => Promise<unknown[][]>, close: () => Promise<void>): SqlDatabase {
  return { dialect: DIALECTS.postgres, exec: async (sql) => { await run(sql); }, query: run, close };
}

/** Creates the canonical tables. */
export async function createSchema(db: SqlDatabase): Promise<void> {
  for (const s of schemaDDL(db.dialect)) await db.exec(s);
}
