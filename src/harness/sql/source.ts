// A database as a data source: the canonical tables (docs/sql.md) read back as the records a data file holds,
// so they are validated, counted and rejected by the same loaders (../loaders/index.ts) — a row the loaders
// would refuse in a file is refused here too, named by its table and row. Cases are read in pages keyed by
// cid (never the whole table at once), each page's tags and events with it.
import type { RawItem } from '../loaders/formats.js';
import type { RecordSource } from '../loaders/index.js';
import { TABLES } from '../../engine/sql/schema.js';
import type { SqlDatabase } from './database.js';

const PAGE = 10_000;

/** Which of the canonical tables the database has (any schema on its search path; DuckDB's main), or `schema` has. */
export async function tablesPresent(db: SqlDatabase, schema?: string): Promise<string[]> {
  const rows = await db.query(
    // The current database's only (a DuckDB session may have others attached).
    `SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database() AND table_name IN (${TABLES.map((t) => `'${t}'`).join(', ')})${schema === undefined ? '' : ` AND table_schema = '${schema}'`}`,
  );
  return [...new Set(rows.map((r) => String(r[0])))].sort();
}

const text = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const yuan = (fen: unknown): number | null => {
  const n = num(fen);
  return n === null ? null : n / 100;
};
/** A DATE read as text ('YYYY-MM-DD'): no driver's time zone can move it. */
const day = (col: string): string => `CAST(${col} AS VARCHAR)`;

/** Where a table's rows show in counts and problems: the database (password hidden) and the table. */
export function tableName(url: string, table: string): string {
  return `${url}#${table}`;
}

/**
 * Some rows of a database's cases: those of `pick` (a table of `cid, line`: each row's place among all the
 * cases in cid order, as its line), read from the tables of schema `src` (e.g. `public.`).
 */
export interface CasePick {
  src: string;
  pick: string;
}

/** The `cases` table (with `case_tags` and `events`) as case records, in cid order: all of them, or `only` those picked. */
export function databaseCases(db: SqlDatabase, only?: CasePick): RecordSource {
  const src = only?.src ?? '';
  const from = only ? `${src}cases c JOIN ${only.pick} k ON k.cid = c.cid` : 'cases c';
  const picked = only ? ` AND cid IN (SELECT cid FROM ${only.pick})` : '';
  return {
    format: db.dialect.name,
    async *items(): AsyncGenerator<RawItem> {
      let last: number | null = null;
      let row = 0;
      for (;;) {
        const page = await db.query(
          `SELECT c.cid, c.id, c.court, c.type, ${day('c.filed')}, ${day('c.closed')}, c.closure, c.claimed_fen, c.recovered_fen, c.property, c.handler, c.team${only ? ', k.line' : ''} FROM ${from}${last === null ? '' : ` WHERE c.cid > ${last}`} ORDER BY c.cid LIMIT ${PAGE}`,
        );
        if (page.length === 0) return;
        const lo = Number(page[0]![0]),
          hi = Number(page[page.length - 1]![0]);
        const tags = new Map<number, string[]>();
        for (const [cid, tag] of await db.query(
          `SELECT cid, tag FROM ${src}case_tags WHERE cid BETWEEN ${lo} AND ${hi}${picked} ORDER BY cid, tag`,
        )) {
          const k = Number(cid);
          tags.set(k, [...(tags.get(k) ?? []), String(tag)]);
        }
        const events = new Map<number, Array<Record<string, unknown>>>();
        for (const [cid, type, date, amount, note] of await db.query(
          `SELECT cid, type, ${day('day')}, amount_fen, note FROM ${src}events WHERE cid BETWEEN ${lo} AND ${hi}${picked} ORDER BY cid, eid`,
        )) {
          const k = Number(cid);
          const ev: Record<string, unknown> = { type: text(type), date: text(date) };
          if (amount !== null && amount !== undefined) ev.amount = yuan(amount);
          if (note !== null && note !== undefined) ev.note = String(note);
          events.set(k, [...(events.get(k) ?? []), ev]);
        }
        for (const r of page) {
          const cid = Number(r[0]);
          const value: Record<string, unknown> = {
            id: text(r[1]),
            court: text(r[2]),
            type: text(r[3]),
            filed: text(r[4]),
            closed: text(r[5]),
            closure: text(r[6]),
            claimed: yuan(r[7]),
            recovered: yuan(r[8]),
            property: r[9] === null || r[9] === undefined ? null : Boolean(r[9]),
            handler: text(r[10]) ?? '',
            events: events.get(cid) ?? [],
          };
          if (r[11] !== null && r[11] !== undefined) value.team = String(r[11]);
          const t = tags.get(cid);
          if (t) value.tags = t;
          yield { kind: 'record', line: only ? Number(r[12]) : ++row, value, problems: [] };
        }
        last = hi;
      }
    },
  };
}

/** The `staffing` table as staffing records, in sid order. */
export function databaseStaffing(db: SqlDatabase): RecordSource {
  return rowsSource(
    db,
    `SELECT court, ${day('day')}, enforcement_staff, establishment, quota_judges FROM staffing ORDER BY sid`,
    (r) => {
      const v: Record<string, unknown> = {
        court: text(r[0]),
        date: text(r[1]),
        执行人员: num(r[2]),
        政法编制: num(r[3]),
      };
      if (r[4] !== null && r[4] !== undefined) v.员额法官 = num(r[4]);
      return v;
    },
  );
}

/** The `progress` table as progress reports, in pid order. */
export function databaseProgress(db: SqlDatabase): RecordSource {
  return rowsSource(db, `SELECT task, milestone, ${day('done')}, done_by, evidence FROM progress ORDER BY pid`, (r) => {
    const v: Record<string, unknown> = { task: text(r[0]), done: text(r[2]) };
    if (r[1] !== null && r[1] !== undefined) v.milestone = String(r[1]);
    if (r[3] !== null && r[3] !== undefined) v.by = String(r[3]);
    if (r[4] !== null && r[4] !== undefined) v.evidence = String(r[4]);
    return v;
  });
}

function rowsSource(db: SqlDatabase, sql: string, record: (r: unknown[]) => Record<string, unknown>): RecordSource {
  return {
    format: db.dialect.name,
    async *items(): AsyncGenerator<RawItem> {
      let line = 0;
      for (const r of await db.query(sql)) yield { kind: 'record', line: ++line, value: record(r), problems: [] };
    },
  };
}
