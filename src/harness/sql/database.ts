// Database drivers for the SQL engine: DuckDB embedded (@duckdb/node-api, no server) and any
// PostgreSQL-family server (pg). Each is a connection that sends text and returns rows as arrays.
import type { SqlConnection } from '../../engine/sql/run.js';
import { DIALECTS, type Dialect } from '../../engine/sql/dialect.js';
import { schemaDDL } from '../../engine/sql/schema.js';
import { insertStatements, type TableRows } from '../../engine/sql/load.js';
import { copyChunks, copyStatement } from '../../engine/sql/copy-text.js';
import { existsSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { UsageError } from '../io.js';

export interface SqlDatabase extends SqlConnection {
  dialect: Dialect;
  /** Whether the canonical tables are made temporary (a server's session) rather than plain (a private in-memory database). */
  temporary: boolean;
  exec(sql: string): Promise<void>;
  /** Loads a table's rows (natively where the driver can, else as INSERT statements). */
  load(t: TableRows): Promise<void>;
  close(): Promise<void>;
}

/** A DuckDB: in memory (default), or a database file (its tables plain, not temporary). */
export async function openDuckDB(path = ':memory:', readOnly = false): Promise<SqlDatabase> {
  let duck: typeof import('@duckdb/node-api');
  try {
    duck = await import('@duckdb/node-api');
  } catch (e) {
    throw new UsageError(
      `DuckDB 在此安装中不可用 / DuckDB is not available in this installation: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  const { DuckDBInstance, DuckDBDateValue } = duck;
  let instance: Awaited<ReturnType<typeof DuckDBInstance.create>>;
  try {
    instance = await DuckDBInstance.create(path, readOnly ? { access_mode: 'READ_ONLY' } : undefined);
  } catch (e) {
    throw new UsageError(
      `无法打开 DuckDB 数据库 ${path} / cannot open the DuckDB database ${path}: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  const con = await instance.connect();
  return {
    dialect: DIALECTS.duckdb,
    temporary: false,
    exec: async (sql) => {
      await con.run(sql);
    },
    // DuckDB's appender: rows straight into the table's columns, no SQL text to parse.
    load: async (t) => {
      const a = await con.createAppender(t.table);
      for (let k = 0; k < t.count; k++) {
        const row = t.row(k);
        row.forEach((v, c) => {
          if (v === null) {
            a.appendNull();
            return;
          }
          switch (t.types[c]) {
            case 'int':
              a.appendInteger(v as number);
              break;
            case 'bigint':
              a.appendBigInt(BigInt(v as number));
              break;
            case 'double':
              a.appendDouble(v as number);
              break;
            case 'date':
              a.appendDate(new DuckDBDateValue(v as number));
              break;
            case 'bool':
              a.appendBoolean(v as boolean);
              break;
            default:
              a.appendVarchar(v as string);
          }
        });
        a.endRow();
      }
      a.flushSync();
      a.closeSync();
    },
    query: async (sql) => (await con.runAndReadAll(sql)).getRowsJS() as unknown[][],
    close: async () => {
      con.closeSync();
      instance.closeSync();
    },
  };
}

/** How a driver takes rows in COPY's text format: the COPY … FROM STDIN statement and the rows' text in chunks. */
export type CopyIn = (statement: string, chunks: Iterable<string>) => Promise<void>;

/**
 * A PostgreSQL-family database given how to send one statement and read its rows as arrays, and how to close;
 * `copyIn`: how to stream rows with COPY (without it, rows go as batched INSERT statements).
 */
export function postgresDatabase(
  run: (sql: string) => Promise<unknown[][]>,
  close: () => Promise<void>,
  temporary = false,
  copyIn?: CopyIn,
): SqlDatabase {
  return {
    dialect: DIALECTS.postgres,
    temporary,
    exec: async (sql) => {
      await run(sql);
    },
    query: run,
    close,
    load: async (t) => {
      if (copyIn) await copyIn(copyStatement(t), copyChunks(t));
      else for (const s of insertStatements(t)) await run(s);
    },
  };
}

/** A URL with its password hidden, for messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(不是有效的 URL / not a valid URL)';
  }
}

/** A PostgreSQL-family server through pg; the canonical tables are the session's temporary tables. */
export async function openPostgres(url: string, temporary = true): Promise<SqlDatabase> {
  const { default: pg } = await import('pg');
  const { from: copyFrom } = await import('pg-copy-streams');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw new UsageError(
      `无法连接数据库 ${safeUrl(url)} / cannot connect to the database ${safeUrl(url)}: ${(e as Error).message || String((e as { code?: string }).code ?? e)}`,
    );
  }
  // Errors on a dropped connection arrive as events: without a listener they would end the process.
  client.on('error', () => undefined);
  return postgresDatabase(
    async (sql) => (await client.query({ text: sql, rowMode: 'array' })).rows as unknown[][],
    () => client.end(),
    temporary,
    // COPY FROM STDIN (pg-copy-streams): the chunks are made as the socket takes them (the pipeline's
    // back-pressure), so a table is never one string; a server error ends the pipeline with its words.
    async (statement, chunks) => {
      await pipeline(Readable.from(chunks), client.query(copyFrom(statement)));
    },
  );
}

/**
 * A database a court keeps its data in: `postgres://…` (a PostgreSQL-family server) or `duckdb:PATH` (a DuckDB
 * file). `schema`: where the canonical tables are read — the views `luoshi db map` made (docs/sql.md) — set as
 * the session's search path, the one place every reader of `cases`, `events`, … learns it.
 */
export async function openDatabaseUrl(
  url: string,
  opts: { create?: boolean; schema?: string | undefined; readOnly?: boolean } = {},
): Promise<SqlDatabase> {
  const db = await openDatabaseUrlAsIs(url, opts);
  if (opts.readOnly && db.dialect.name === 'postgres') {
    // Every transaction of this session read-only: the server refuses any write, whatever is sent.
    try {
      await db.exec('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
    } catch (e) {
      await db.close().catch(() => undefined);
      throw new UsageError(`${safeUrl(url)}：无法设为只读 / cannot be made read-only: ${(e as Error).message}`);
    }
  }
  if (opts.schema !== undefined) {
    try {
      // DuckDB resolves a view's tables at query time: its own main schema stays on the path.
      await db.exec(
        db.dialect.name === 'duckdb' ? `SET search_path = '${opts.schema},main'` : `SET search_path TO ${opts.schema}`,
      );
    } catch (e) {
      await db.close().catch(() => undefined);
      throw new UsageError(
        `${safeUrl(url)}：无法使用模式 ${opts.schema} / cannot use the schema ${opts.schema}: ${(e as Error).message}`,
      );
    }
  }
  return db;
}

function openDatabaseUrlAsIs(url: string, opts: { create?: boolean; readOnly?: boolean }): Promise<SqlDatabase> {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, false);
  if (url.startsWith('duckdb:')) {
    const path = url.slice('duckdb:'.length);
    // Only `db init` makes a new file: elsewhere a mistyped path is said, not created empty.
    if (!opts.create) {
      try {
        existingDuckDBFile(path);
      } catch (e) {
        return Promise.reject(e);
      }
    }
    return openDuckDB(path, opts.readOnly);
  }
  throw new UsageError(
    `--db 应为 postgres://… 或 duckdb:文件 / --db must be a postgres:// URL or duckdb:FILE, not "${safeUrl(url)}"`,
  );
}

/** Says (a UsageError) when the DuckDB database file `path` does not exist: only `db init` creates one. */
export function existingDuckDBFile(path: string): void {
  if (!existsSync(path)) throw new UsageError(`找不到 DuckDB 数据库文件 / no such DuckDB database file: ${path}`);
}

/** Creates the canonical tables. */
export async function createSchema(db: SqlDatabase): Promise<void> {
  for (const s of schemaDDL(db.dialect, db.temporary)) await db.exec(s);
}

/** Thrown inside `transaction` to roll it back on purpose (a rejection budget exceeded): passed on as it is. */
export class RolledBack extends Error {}

/** Runs `f` in one transaction: rolled back, with the database's own words, if anything fails. */
export async function transaction<T>(db: SqlDatabase, where: string, f: () => Promise<T>): Promise<T> {
  await db.exec('BEGIN');
  try {
    const out = await f();
    await db.exec('COMMIT');
    return out;
  } catch (e) {
    await db.exec('ROLLBACK').catch(() => undefined);
    if (e instanceof UsageError || e instanceof RolledBack) throw e;
    const detail = (e as { detail?: string }).detail;
    throw new UsageError(
      `${where} 写入失败，未写入任何数据 / writing failed, nothing was written: ${(e as Error).message.split('\n')[0]}${detail ? ` (${detail})` : ''}`,
    );
  }
}
