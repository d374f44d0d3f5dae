// A table's rows in PostgreSQL's COPY text format (`COPY t FROM STDIN`): one line a row, a tab between
// columns, `\N` for NULL, and a backslash before a backslash, tab, line feed or carriage return inside a
// value, so any text — Chinese, control characters, a lone `\.` — arrives as it was. Rows come in chunks
// of about CHUNK characters: a driver streams them with back-pressure and never holds a whole table.
import { formatDay } from '../time/calendar.js';
import type { Cell, ColumnType, TableRows } from './load.js';

/** About how many characters each chunk holds (one row may pass it). */
export const CHUNK = 1 << 16;

/** Backslash, tab, line feed and carriage return: the characters COPY's text format reads specially. */
const SPECIAL = /[\\\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value as COPY text reads it back. */
export function copyValue(v: Cell, type: ColumnType): string {
  if (v === null) return '\\N';
  if (type === 'date') return formatDay(v as number);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  return v.replace(SPECIAL, (c) => ESCAPES[c]!);
}

/** The statement that reads `t`'s rows from the client, in the table's column order. */
export function copyStatement(t: Pick<TableRows, 'table'>): string {
  return `COPY ${t.table} FROM STDIN`;
}

/** The rows of `t` as COPY text, in chunks of about `chunk` characters, each ending at a row's end. */
export function* copyChunks(t: TableRows, chunk = CHUNK): Generator<string> {
  let out = '';
  for (let k = 0; k < t.count; k++) {
    const r = t.row(k);
    let line = '';
    for (let c = 0; c < r.length; c++) line += (c ? '\t' : '') + copyValue(r[c]!, t.types[c]!);
    out += line + '\n';
    if (out.length >= chunk) {
      yield out;
      out = '';
    }
  }
  if (out) yield out;
}
