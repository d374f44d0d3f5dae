// The canonical tables as views over a court system's own tables (./mapping.ts): one `CREATE OR REPLACE
// VIEW` per canonical table in a schema of luoshi's own, every column cast to its canonical type, in SQL
// both dialects accept. A date written as text that is not a real date, or a code its map lacks, becomes
// NULL in the view (never a query error): the queries in invalidRowsQueries find those rows by the same
// expressions, so `luoshi db map` can name them.
import type { Dialect } from './dialect.js';
import { sqlString } from './dialect.js';
import { TABLES } from './schema.js';
import {
  CANONICAL_COLUMNS,
  type CanonicalColumn,
  type CanonicalKind,
  type ColumnSource,
  type DatabaseConfig,
  type DateFormat,
  type TableMapping,
} from './mapping.js';

export function sqlType(kind: CanonicalKind, d: Dialect): string {
  switch (kind) {
    case 'int':
      return 'INTEGER';
    case 'bigint':
    case 'fen':
      return 'BIGINT';
    case 'text':
      return 'VARCHAR';
    case 'date':
      return 'DATE';
    case 'bool':
      return 'BOOLEAN';
    case 'double':
      return d.double;
  }
}

const LAYOUT: Record<DateFormat, { pattern: string; y: number; m: number; d: number }> = {
  YYYYMMDD: { pattern: '[0-9]{8}', y: 1, m: 5, d: 7 },
  'YYYY-MM-DD': { pattern: '[0-9]{4}-[0-9]{2}-[0-9]{2}', y: 1, m: 6, d: 9 },
  'YYYY/MM/DD': { pattern: '[0-9]{4}/[0-9]{2}/[0-9]{2}', y: 1, m: 6, d: 9 },
  'YYYY.MM.DD': { pattern: '[0-9]{4}[.][0-9]{2}[.][0-9]{2}', y: 1, m: 6, d: 9 },
};

/** A source column as trimmed text, NULL when empty. */
const rawText = (column: string): string => `NULLIF(TRIM(CAST(t.${column} AS VARCHAR)), '')`;

/** Text in `format` as a DATE, NULL unless it is a real calendar date (nested CASEs: nothing is cast before it is checked). */
function dateFromText(column: string, format: DateFormat): string {
  const s = rawText(column);
  const l = LAYOUT[format];
  const part = (from: number, n: number): string => `SUBSTRING(${s} FROM ${from} FOR ${n})`;
  const int = (from: number, n: number): string => `CAST(${part(from, n)} AS INTEGER)`;
  const y = int(l.y, 4),
    m = int(l.m, 2),
    d = int(l.d, 2);
  const days = `CASE ${m} WHEN 2 THEN CASE WHEN (${y} % 4 = 0 AND ${y} % 100 <> 0) OR ${y} % 400 = 0 THEN 29 ELSE 28 END WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END`;
  const iso = `${part(l.y, 4)} || '-' || ${part(l.m, 2)} || '-' || ${part(l.d, 2)}`;
  return `CASE WHEN ${s} SIMILAR TO '${l.pattern}' THEN CASE WHEN ${y} >= 1000 AND ${m} BETWEEN 1 AND 12 AND ${d} BETWEEN 1 AND ${days} THEN CAST(${iso} AS DATE) END END`;
}

function literal(v: string | number | boolean | null, type: string): string {
  if (v === null) return `CAST(NULL AS ${type})`;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return `CAST(${v} AS ${type})`;
  return type === 'DATE' ? `DATE ${sqlString(v)}` : `CAST(${sqlString(v)} AS ${type})`;
}

/** The SQL expression of a canonical column (the source table is `t`). */
export function columnExpression(
  c: CanonicalColumn,
  s: ColumnSource | undefined,
  db: DatabaseConfig,
  d: Dialect,
): string {
  const type = sqlType(c.kind, d);
  if (!s) return `CAST(NULL AS ${type})`;
  switch (s.kind) {
    case 'value':
      return literal(s.value, type);
    case 'date':
      return dateFromText(s.column, s.format);
    case 'yuan':
      return `CAST(ROUND(t.${s.column} * 100) AS BIGINT)`;
    case 'codes': {
      const values = db.codes[s.codes]?.values ?? {};
      const arms = Object.entries(values).map(
        ([k, v]) =>
          `WHEN ${sqlString(k)} THEN ${v === null ? `CAST(NULL AS ${type})` : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : sqlString(v)}`,
      );
      return arms.length ? `CASE ${rawText(s.column)} ${arms.join(' ')} END` : `CAST(NULL AS ${type})`;
    }
    case 'column':
      return c.kind === 'text' ? `CAST(t.${s.column} AS VARCHAR)` : `CAST(t.${s.column} AS ${type})`;
  }
}

const fromClause = (m: TableMapping): string => `FROM ${m.from} t${m.where ? ` WHERE (${m.where})` : ''}`;

/** The statement that makes `schema.table` the view of `m` (an empty view when the table is not mapped). */
export function viewStatement(
  table: (typeof TABLES)[number],
  m: TableMapping | undefined,
  db: DatabaseConfig,
  d: Dialect,
): string {
  const cols = CANONICAL_COLUMNS[table]
    .map((c) => `${columnExpression(c, m?.columns[c.name], db, d)} AS ${c.name}`)
    .join(',\n  ');
  return `CREATE OR REPLACE VIEW ${db.schema}.${table} AS\nSELECT\n  ${cols}\n${m ? fromClause(m) : 'WHERE 1 = 0'}`;
}

/** The schema and its five views, in order. */
export function viewDDL(db: DatabaseConfig, d: Dialect): string[] {
  return [`CREATE SCHEMA IF NOT EXISTS ${db.schema}`, ...TABLES.map((t) => viewStatement(t, db.tables[t], db, d))];
}

/** A query for the rows of `m` whose `column` is written but does not convert: (row name, the raw text). */
export interface InvalidRowsQuery {
  table: (typeof TABLES)[number];
  column: CanonicalColumn;
  source: Extract<ColumnSource, { kind: 'date' | 'codes' }>;
  sql: string;
}

/** How a row of `m` is named in messages: a case by its 案号, any other row by its key. */
function rowName(m: TableMapping, db: DatabaseConfig, d: Dialect): string {
  const cols = CANONICAL_COLUMNS[m.table];
  const c = (m.table === 'cases' ? cols.find((x) => x.name === 'id') : cols[0])!;
  return `CAST(${columnExpression(c, m.columns[c.name], db, d)} AS VARCHAR)`;
}

/** One query per date-from-text or coded column of every mapped table. */
export function invalidRowsQueries(db: DatabaseConfig, d: Dialect, limit: number): InvalidRowsQuery[] {
  const out: InvalidRowsQuery[] = [];
  for (const table of TABLES) {
    const m = db.tables[table];
    if (!m) continue;
    for (const c of CANONICAL_COLUMNS[table]) {
      const s = m.columns[c.name];
      if (s?.kind !== 'date' && s?.kind !== 'codes') continue;
      const raw = rawText(s.column);
      // A code is invalid when its map lacks it (a code may map to NULL); a date when it does not convert.
      const cond =
        s.kind === 'codes'
          ? `${raw} IS NOT NULL AND ${raw} NOT IN (${
              Object.keys(db.codes[s.codes]?.values ?? {})
                .map(sqlString)
                .join(', ') || 'NULL'
            })`
          : `${raw} IS NOT NULL AND (${columnExpression(c, s, db, d)}) IS NULL`;
      out.push({
        table,
        column: c,
        source: s,
        sql: `SELECT ${rowName(m, db, d)}, ${raw}, COUNT(*) OVER () FROM ${m.from} t WHERE ${m.where ? `(${m.where}) AND ` : ''}${cond} ORDER BY 1 LIMIT ${limit}`,
      });
    }
  }
  return out;
}
