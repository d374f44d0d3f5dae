// The canonical tables' rows from a validated, court-identified case store (the file loaders' output, so a
// record they reject never reaches the database), as typed cells: a driver appends them natively (DuckDB's
// appender) or sends them as batched INSERT statements (insertStatements).
import type { CaseStore } from '../data/store.js';
import { NONE, NULL_CODE, caseId } from '../data/store.js';
import { bareNames } from '../data/identity.js';
import type { StaffingRow } from '../eval/aggregate.js';
import { CASE_TYPES, CLOSURES } from '../domain/vocabulary.js';
import { NO_DAY, formatDay } from '../time/calendar.js';
import { sqlDate, sqlString } from './dialect.js';
import { STAFFING_COLUMNS } from './schema.js';

export type ColumnType = 'int' | 'bigint' | 'double' | 'text' | 'date' | 'bool';
/** A cell: dates as day numbers (days since 1970-01-01), money as integer fen; null for none. */
export type Cell = string | number | boolean | null;

export interface TableRows {
  table: string;
  types: ColumnType[];
  count: number;
  row(k: number): Cell[];
}

const BATCH = 1000;
const day = (d: number): number | null => (d === NO_DAY ? null : d);
const num = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** The rows of cases, case_tags and events (cid = the case's index, eid = the event's), and of staffing (sid = input order). */
export function canonicalRows(store: CaseStore, staffing: readonly StaffingRow[]): TableRows[] {
  const handlers = bareNames(store, 'handler'),
    teams = bareNames(store, 'team');
  const tagOwner = new Int32Array(store.tagStart[store.n] ?? 0);
  const evOwner = new Int32Array(store.evStart[store.n] ?? 0);
  for (let i = 0; i < store.n; i++) {
    tagOwner.fill(i, store.tagStart[i]!, store.tagStart[i + 1]!);
    evOwner.fill(i, store.evStart[i]!, store.evStart[i + 1]!);
  }
  const staffCols = Object.keys(STAFFING_COLUMNS);
  return [
    {
      table: 'cases',
      types: ['int', 'text', 'text', 'text', 'date', 'date', 'text', 'bigint', 'bigint', 'bool', 'text', 'text'],
      count: store.n,
      row: (i) => {
        const t = store.team[i]!,
          k = store.closure[i]!,
          p = store.property[i]!;
        return [
          i,
          caseId(store, i),
          store.courts[store.court[i]!]!,
          CASE_TYPES[store.type[i]!] ?? null,
          day(store.filed[i]!),
          day(store.closed[i]!),
          k === NULL_CODE ? null : (CLOSURES[k] ?? null),
          num(store.claimed[i]!),
          num(store.recovered[i]!),
          p < 0 ? null : p === 1,
          handlers[store.handler[i]!]!,
          t === NONE ? null : teams[t]!,
        ];
      },
    },
    {
      table: 'case_tags',
      types: ['int', 'text'],
      count: tagOwner.length,
      row: (k) => [tagOwner[k]!, store.tags[store.tagCode[k]!]!],
    },
    {
      table: 'events',
      types: ['bigint', 'int', 'text', 'date', 'bigint', 'text'],
      count: evOwner.length,
      row: (k) => {
        const note = store.evNote[k]!;
        return [
          k,
          evOwner[k]!,
          store.eventTypes[store.evType[k]!]!,
          day(store.evDate[k]!),
          num(store.evAmount[k]!),
          note === NONE ? null : store.notes[note]!,
        ];
      },
    },
    {
      table: 'staffing',
      types: ['int', 'text', 'date', 'double', 'double', 'double'],
      count: staffing.length,
      row: (k) => {
        const r = staffing[k]!;
        return [k, r.court, day(r.day), ...staffCols.map((c) => num(r.values[c] ?? NaN))];
      },
    },
  ];
}

function literal(v: Cell, type: ColumnType): string {
  if (v === null) return 'NULL';
  if (type === 'date') return sqlDate(formatDay(v as number));
  if (typeof v === 'string') return sqlString(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** Batched INSERT statements of literal values (for a server: pg, PGlite). */
export function* insertStatements(t: TableRows): Generator<string> {
  let rows: string[] = [];
  for (let k = 0; k < t.count; k++) {
    rows.push(
      `(${t
        .row(k)
        .map((v, c) => literal(v, t.types[c]!))
        .join(', ')})`,
    );
    if (rows.length === BATCH) {
      yield `INSERT INTO ${t.table} VALUES ${rows.join(', ')}`;
      rows = [];
    }
  }
  if (rows.length) yield `INSERT INTO ${t.table} VALUES ${rows.join(', ')}`;
}
