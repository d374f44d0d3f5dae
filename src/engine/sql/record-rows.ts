// Case records (as a generator makes them, already valid) as rows of the canonical tables, in batches, for
// a driver to append: `luoshi gen --out duckdb:FILE` streams a data set too big for NDJSON or for memory
// straight into a database. cid and eid number the cases and events in order (a case's events by date,
// then input order, as the file loaders do); money in integer fen, dates as day numbers.
import type { CaseRecord } from '../data/record.js';
import { parseIsoDay } from '../time/calendar.js';
import type { Cell, TableRows } from './load.js';

const fen = (yuan: number | null | undefined): number | null =>
  yuan === null || yuan === undefined ? null : Math.round(yuan * 100);
const day = (s: string | null): number | null => (s === null ? null : parseIsoDay(s));

/** Accumulates records into the rows of cases, case_tags and events; `take` hands a batch over. */
export class RecordRows {
  private cid = 0;
  private eid = 0;
  private cases: Cell[][] = [];
  private tags: Cell[][] = [];
  private events: Cell[][] = [];

  add(r: CaseRecord): void {
    const cid = this.cid++;
    this.cases.push([
      cid,
      r.id,
      r.court,
      r.type ?? null,
      day(r.filed),
      day(r.closed),
      r.closure ?? null,
      fen(r.claimed),
      fen(r.recovered),
      r.property ?? null,
      r.handler,
      r.team ?? null,
    ]);
    for (const t of r.tags ?? []) this.tags.push([cid, t]);
    for (const e of r.events ?? [])
      this.events.push([this.eid++, cid, e.type, day(e.date), fen(e.amount), e.note ?? null]);
  }

  /** Cases held so far (since the last take). */
  get size(): number {
    return this.cases.length;
  }

  /** The held rows as one batch per table, and a fresh start. */
  take(): TableRows[] {
    const batch = (table: string, types: TableRows['types'], rows: Cell[][]): TableRows => ({
      table,
      types,
      count: rows.length,
      row: (k) => rows[k]!,
    });
    const out = [
      batch(
        'cases',
        ['int', 'text', 'text', 'text', 'date', 'date', 'text', 'bigint', 'bigint', 'bool', 'text', 'text'],
        this.cases,
      ),
      batch('case_tags', ['int', 'text'], this.tags),
      batch('events', ['bigint', 'int', 'text', 'date', 'bigint', 'text'], this.events),
    ];
    this.cases = [];
    this.tags = [];
    this.events = [];
    return out;
  }
}
