// `luoshi db load … --db duckdb:FILE`: DuckDB reads the NDJSON case files itself (./from-files.ts: clean
// lines by SQL, the others judged by the file loaders, so the counts, problems and rejections are the
// loaders' own), then the accepted cases, tags and events go from that session's tables into the database
// file by SQL (INSERT … SELECT), numbered as loading the files into memory numbers them: cases by their
// place among the accepted ones, events by their case, then date, then their place in its list (src/engine/sql/schema.ts).
import { sqlString } from '../../engine/sql/dialect.js';
import { insertStatements } from '../../engine/sql/load.js';
import { UsageError } from '../io.js';
import type { SqlDatabase } from './database.js';
import type { FilesInDuckDB } from './from-files.js';

/** The catalog the database file is attached as, in the session that read the files. */
const TARGET = 'luoshi_target';

/**
 * The database file `path` (which exists: existingDuckDBFile), attached to the session and made its default catalog (`cases` … are the file's
 * tables; the session's own are under `session.src`). Closing it closes the session.
 */
export async function attachDuckDBFile(session: FilesInDuckDB, path: string): Promise<SqlDatabase> {
  const { db } = session;
  try {
    await db.exec(`ATTACH ${sqlString(path)} AS ${TARGET}`);
  } catch (e) {
    throw new UsageError(
      `无法打开 DuckDB 数据库 ${path} / cannot open the DuckDB database ${path}: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  // The session's case numbering (dense, in the files' order), made before the write transaction: a DuckDB
  // transaction writes to one database only.
  await db.exec(
    `CREATE TABLE ${session.src}luoshi_cid AS SELECT cid, row_number() OVER (ORDER BY cid) - 1 AS k FROM ${session.src}cases`,
  );
  await db.exec(`USE ${TARGET}`);
  return {
    ...db,
    // Progress reports and staffing (small): as statements, the appender writing to the session's own catalog.
    load: async (t) => {
      for (const s of insertStatements(t)) await db.exec(s);
    },
  };
}

/** The tables a DuckDB session's cases fill, copied by SQL. */
export const SESSION_TABLES: readonly string[] = ['cases', 'case_tags', 'events'];
export type SessionTable = 'cases' | 'case_tags' | 'events';

/** How many rows each of the session's case tables holds (what copySessionCases will write). */
export async function sessionCounts(db: SqlDatabase, src: string): Promise<Record<SessionTable, number>> {
  const counts = { cases: 0, case_tags: 0, events: 0 };
  for (const table of Object.keys(counts) as SessionTable[])
    counts[table] = Number((await db.query(`SELECT COUNT(*) FROM ${src}${table}`))[0]![0]);
  return counts;
}

/**
 * Copies the session's cases, tags and events (`counts` rows: sessionCounts) into the attached file's tables,
 * cids from `cid` and eids from `eid` on, one statement a table (`written` told the rows of each as it ends).
 */
export async function copySessionCases(
  db: SqlDatabase,
  src: string,
  base: { cid: number; eid: number },
  counts: Record<SessionTable, number>,
  written: (rows: number) => void = () => undefined,
): Promise<void> {
  const cid = `m.k + ${base.cid}`;
  const from = (t: string): string => `FROM ${src}${t} x JOIN ${src}luoshi_cid m ON m.cid = x.cid`;
  const statements: Record<SessionTable, string> = {
    cases: `INSERT INTO cases SELECT ${cid}, x.id, x.court, x.type, x.filed, x.closed, x.closure, x.claimed_fen, x.recovered_fen, x.property, x.handler, x.team ${from('cases')} ORDER BY m.k`,
    case_tags: `INSERT INTO case_tags SELECT ${cid}, x.tag ${from('case_tags')}`,
    events: `INSERT INTO events SELECT row_number() OVER (ORDER BY m.k, x.day, x.eid) - 1 + ${base.eid}, ${cid}, x.type, x.day, x.amount_fen, x.note ${from('events')}`,
  };
  for (const table of SESSION_TABLES as SessionTable[]) {
    await db.exec(statements[table]);
    written(counts[table]);
  }
}
