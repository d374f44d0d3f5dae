// The canonical tables as views over a court system's own tables (./mapping.ts): one `CREATE OR REPLACE
// VIEW` per canonical table in a schema of luoshi's own, every column cast to its canonical type, in SQL
// both dialects accept. A date written as text that is not a real date, or a code its map lacks, becomes
// NULL in the view (never a query error): the queries in invalidRowsQueries find those rows by the same
// expressions, so `luoshi db map` can name them.
//
// Keys the engine needs as integers are numbered when the court's tables have none: a case key written as
// text (`cid: { column: ah, key: text }`) gets its place among the cases' keys in code-point order, stored
// by `luoshi db map` in a table of luoshi's own (`case_numbers`, numberingDDL) that the cases, tags and events
// views join — numbered once, not at every query; a key added after `db map` has none (keyCheckView says so);
//
// On DuckDB a view's tables are looked up when it is queried, by the session's search path, where luoshi's
// temporary views `cases`, `events` … (engine/sql/inplace.ts) come first: a court table of the same name would
// resolve to them. So on DuckDB every court table is named with its catalog and schema (`placed`);
// PostgreSQL binds a view's tables when the view is made.
// `eid`/`pid`/`sid: { order: [...] }` become the ROW_NUMBER of the rows ordered by those columns and then
// every other column (ties between rows that differ anywhere are broken the same way each time) — an
// event's within its case, from cid × 2^20.
import type { Dialect } from './dialect.js';
import { sqlString } from './dialect.js';
import { TABLES } from './schema.js';
import {
  CANONICAL_COLUMNS,
  textCaseKey,
  type CanonicalColumn,
  type CanonicalKind,
  type ColumnSource,
  type DatabaseConfig,
  type DateFormat,
  type TableMapping,
  ORDERED_KEYS,
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
    case 'key':
      return `CAST(t.${CASE_NUMBER} AS ${type})`;
    case 'order':
      return `CAST(t.${ROW_NUMBER} AS ${type})`;
  }
}

const fromClause = (m: TableMapping): string => `FROM ${m.from} t${m.where ? ` WHERE (${m.where})` : ''}`;

/** Where a DuckDB session's unqualified court tables are (its catalog and current schema). */
export interface CourtPlace {
  catalog: string;
  schema: string;
}

const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The table luoshi numbers text case keys in (numberingDDL), in the views' schema. */
export const CASE_NUMBERS = 'case_numbers';

/**
 * The mapping with every court table, and the case numbers' table, named so that no session object can stand
 * in for it: on DuckDB with its catalog and schema (`place`: the session's; a name written `schema.table`
 * keeps its schema); as written on PostgreSQL (`place` undefined), which binds a view's tables when it is made.
 */
export function placed(db: DatabaseConfig, place: CourtPlace | undefined): DatabaseConfig {
  const numbers = `${db.schema}.${CASE_NUMBERS}`;
  if (!place) return { ...db, numbers };
  const full = (name: string) =>
    `${quoted(place.catalog)}.${name.includes('.') ? name : `${quoted(place.schema)}.${name}`}`;
  const tables: DatabaseConfig['tables'] = {};
  for (const t of TABLES) {
    const m = db.tables[t];
    if (m) tables[t] = { ...m, from: full(m.from) };
  }
  return { ...db, tables, numbers: full(numbers) };
}

/** Where the views read the case numbers (placed). */
const numbersTable = (db: DatabaseConfig): string => db.numbers ?? `${db.schema}.${CASE_NUMBERS}`;

/** The columns the numbering adds to a court's row: the case's number and the row's own. */
const CASE_NUMBER = 'luoshi_cid';
const ROW_NUMBER = 'luoshi_n';
const CASE_KEY = 'luoshi_key';

/** Text compared by code point, as DuckDB always does (PostgreSQL's database collation may order otherwise). */
const binary = (text: string, d: Dialect): string => (d.name === 'postgres' ? `(${text}) COLLATE "C"` : text);

/** A row's case key as the cases' numbering compares it: the text of a text key, else the integer cid. */
function caseKeyExpression(m: TableMapping, db: DatabaseConfig, d: Dialect): string {
  const s = m.columns.cid!;
  if (s.kind === 'key') return `CAST(t.${s.column} AS VARCHAR)`;
  return columnExpression(CANONICAL_COLUMNS[m.table].find((c) => c.name === 'cid')!, s, db, d);
}

/**
 * Every case key of the court's cases table (`luoshi_key`), its mapping's `where` not applied: a tag or event is
 * an orphan when no case row at all has its key. Those of a case the `where` leaves out (a case the court's
 * system marked deleted) are left out with it, as the user's mapping says — not orphans.
 */
function caseKeys(db: DatabaseConfig, d: Dialect): string {
  const cases = db.tables.cases!;
  return `SELECT ${caseKeyExpression(cases, db, d)} AS ${CASE_KEY} FROM ${cases.from} t`;
}

/**
 * With a text case key, the statements that number the cases' keys (`luoshi db map`, in its transaction): each
 * distinct key's place in code-point order — the numbers the views join, as DENSE_RANK over the keys gives.
 * A table luoshi owns, emptied and filled again at every `db map`; none without a text key.
 */
export function numberingDDL(db: DatabaseConfig, d: Dialect): string[] {
  if (!textCaseKey(db)) return [];
  const cases = db.tables.cases!;
  const key = caseKeyExpression(cases, db, d);
  const table = numbersTable(db);
  return [
    `CREATE TABLE IF NOT EXISTS ${table} (${CASE_KEY} VARCHAR PRIMARY KEY, ${CASE_NUMBER} INTEGER NOT NULL)`,
    `DELETE FROM ${table}`,
    `INSERT INTO ${table} SELECT k.${CASE_KEY}, ROW_NUMBER() OVER (ORDER BY ${binary(`k.${CASE_KEY}`, d)}) FROM (SELECT DISTINCT ${key} AS ${CASE_KEY} ${fromClause(cases)}) k WHERE k.${CASE_KEY} IS NOT NULL`,
  ];
}

/**
 * The court's rows as the view reads them (alias `t`): the table itself, or with the numbers the mapping
 * derives — the case's (from numberingDDL's table, joined by the case key) and the row's own (ordered by the case,
 * the order columns, then the others).
 */
function numberedRows(m: TableMapping, db: DatabaseConfig, d: Dialect): string {
  const cid = m.columns.cid;
  const keyName = ORDERED_KEYS[m.table];
  const order = keyName ? m.columns[keyName] : undefined;
  if (cid?.kind !== 'key' && order?.kind !== 'order') return fromClause(m);
  const extra: string[] = [];
  if (cid?.kind === 'key') extra.push(`c.${CASE_NUMBER}`);
  if (order?.kind === 'order') {
    const by: string[] = [];
    const kase = cid ? (cid.kind === 'key' ? `c.${CASE_NUMBER}` : caseKeyExpression(m, db, d)) : null;
    for (const col of order.columns) by.push(`t.${col}`);
    for (const c of CANONICAL_COLUMNS[m.table]) {
      const s = m.columns[c.name];
      if (!s || c.name === 'cid' || c.name === keyName || s.kind === 'value') continue;
      const e = columnExpression(c, s, db, d);
      by.push(c.kind === 'text' ? binary(e, d) : e);
    }
    const over = `ORDER BY ${by.map((x) => `${x} NULLS LAST`).join(', ')}`;
    // A case's events numbered within it, from cid × 2^20 (as the canonical tables' loading does,
    // src/engine/sql/file-lines.ts): a sort per case, not one of every event.
    extra.push(
      kase
        ? `CAST(${kase} AS BIGINT) * 1048576 + ROW_NUMBER() OVER (PARTITION BY ${kase} ${over}) AS ${ROW_NUMBER}`
        : `ROW_NUMBER() OVER (${over}) AS ${ROW_NUMBER}`,
    );
  }
  // A case whose key has no number (added since `db map`) shows with none, and keyCheckView counts it (LEFT);
  // a tag or event without one belongs to such a case (the run stops on it), to a case the cases' `where`
  // leaves out (left out with it), or to none (an orphan, counted by keyCheckView from the court's tables).
  const join =
    cid?.kind === 'key'
      ? ` ${m.table === 'cases' ? 'LEFT JOIN' : 'JOIN'} ${numbersTable(db)} c ON c.${CASE_KEY} = ${caseKeyExpression(m, db, d)}`
      : '';
  return `FROM (SELECT t.*, ${extra.join(', ')} FROM ${m.from} t${join}${m.where ? ` WHERE (${m.where})` : ''}) t`;
}

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
  return `CREATE OR REPLACE VIEW ${db.schema}.${table} AS\nSELECT\n  ${cols}\n${m ? numberedRows(m, db, d) : 'WHERE 1 = 0'}`;
}

/** The five views, in TABLES order. */
export function viewDDL(db: DatabaseConfig, d: Dialect): string[] {
  return TABLES.map((t) => viewStatement(t, db.tables[t], db, d));
}

/** The view every run reads (keyCheckView): its name in the views' schema. */
export const KEY_CHECK = 'key_check';

/**
 * The view of the case keys' state, read at every run over the mapped tables (`luoshi db map` finds the same
 * rows only when it runs): one aggregate per mapped table that names a case, a row each, in TABLES order —
 * `k`, the canonical table, the court's table as the mapping writes it, `bad_keys`/`bad_rows`/`example`: of the
 * cases, the keys more than one row has (and those rows); of tags and events, the rows whose key is no case's
 * (orphans) — and `unnumbered`/`unnumbered_example`: the cases' text keys with no number (added since
 * `db map`). Examples are the least key in code-point order.
 */
export function keyCheckView(db: DatabaseConfig, written: DatabaseConfig, d: Dialect): string {
  const least = (x: string): string => `MIN(${binary(x, d)})`;
  const parts: string[] = [];
  for (const [k, table] of TABLES.entries()) {
    const m = db.tables[table];
    const cid = m?.columns.cid;
    if (!m || !cid || cid.kind === 'value' || !db.tables.cases) continue;
    const head = `SELECT ${k} AS k, ${sqlString(table)} AS canonical_table, ${sqlString(written.tables[table]!.from)} AS court_table`;
    const key = `CAST(${caseKeyExpression(m, db, d)} AS VARCHAR)`;
    const where = m.where ? `(${m.where}) AND ` : '';
    if (table === 'cases') {
      const text = cid.kind === 'key';
      const numbered = text ? ` LEFT JOIN ${numbersTable(db)} c ON c.${CASE_KEY} = ${key}` : '';
      const unnumbered = text
        ? `MAX(CASE WHEN c.${CASE_NUMBER} IS NULL AND ${key} IS NOT NULL THEN 1 ELSE 0 END)`
        : '0';
      parts.push(
        `${head}, SUM(CASE WHEN g.n > 1 THEN 1 ELSE 0 END) AS bad_keys, SUM(CASE WHEN g.n > 1 THEN g.n ELSE 0 END) AS bad_rows, ${least('CASE WHEN g.n > 1 THEN g.k END')} AS example, SUM(g.u) AS unnumbered, ${least('CASE WHEN g.u = 1 THEN g.k END')} AS unnumbered_example FROM (SELECT ${key} AS k, COUNT(*) AS n, ${unnumbered} AS u FROM ${m.from} t${numbered}${m.where ? ` WHERE (${m.where})` : ''} GROUP BY ${key}) g`,
      );
    } else
      parts.push(
        `${head}, COUNT(DISTINCT ${key}) AS bad_keys, COUNT(*) AS bad_rows, ${least(key)} AS example, 0 AS unnumbered, CAST(NULL AS VARCHAR) AS unnumbered_example FROM ${m.from} t LEFT JOIN (${caseKeys(db, d)}) c ON c.${CASE_KEY} = ${caseKeyExpression(m, db, d)} WHERE ${where}c.${CASE_KEY} IS NULL`,
      );
  }
  const none = `SELECT 0 AS k, 'cases' AS canonical_table, '' AS court_table, 0 AS bad_keys, 0 AS bad_rows, CAST(NULL AS VARCHAR) AS example, 0 AS unnumbered, CAST(NULL AS VARCHAR) AS unnumbered_example WHERE 1 = 0`;
  return `CREATE OR REPLACE VIEW ${db.schema}.${KEY_CHECK} AS\n${parts.length ? parts.join('\nUNION ALL\n') : none}`;
}

/**
 * A query for the rows of a mapped table that cannot be mapped, as (row name, what was found, the count of
 * all such rows): a date that does not convert, a code its map lacks, a case key no case has (an orphan tag
 * or event: `what` is its number of rows) or a case key more than one case has (`what`: how many).
 */
export interface InvalidRowsQuery {
  table: (typeof TABLES)[number];
  column: CanonicalColumn;
  source: ColumnSource;
  problem: 'date' | 'codes' | 'orphan' | 'duplicate';
  sql: string;
}

/** How a row of `m` is named in messages: a case by its 案号, a row that names a case by that case's key, any other by its key. */
function rowName(m: TableMapping, db: DatabaseConfig, d: Dialect): string {
  const cols = CANONICAL_COLUMNS[m.table];
  if (m.columns.cid?.kind === 'key' && m.table !== 'cases') return caseKeyExpression(m, db, d);
  const c = (m.table === 'cases' ? cols.find((x) => x.name === 'id') : cols[0])!;
  const s = m.columns[c.name];
  if (s?.kind === 'order') return `CAST(t.${s.columns[0]} AS VARCHAR)`;
  return `CAST(${columnExpression(c, s, db, d)} AS VARCHAR)`;
}

/** One query per date-from-text or coded column of every mapped table, and the case keys' checks. */
export function invalidRowsQueries(db: DatabaseConfig, d: Dialect, limit: number): InvalidRowsQuery[] {
  const out: InvalidRowsQuery[] = [];
  for (const table of TABLES) {
    const m = db.tables[table];
    if (!m) continue;
    const where = m.where ? `(${m.where}) AND ` : '';
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
        problem: s.kind,
        sql: `SELECT ${rowName(m, db, d)}, ${raw}, COUNT(*) OVER () FROM ${m.from} t WHERE ${where}${cond} ORDER BY 1 LIMIT ${limit}`,
      });
    }
    const cid = m.columns.cid;
    if (!cid || cid.kind === 'value' || !db.tables.cases) continue;
    const column = CANONICAL_COLUMNS[table].find((c) => c.name === 'cid')!;
    const key = caseKeyExpression(m, db, d);
    // Rows counted, named once per key; keys in code-point order on both dialects.
    const perKey = (from: string, having = ''): string =>
      `SELECT CAST(${key} AS VARCHAR), COUNT(*), SUM(COUNT(*)) OVER (), COUNT(*) OVER () ${from} GROUP BY ${key}${having} ORDER BY ${binary(`CAST(${key} AS VARCHAR)`, d)} LIMIT ${limit}`;
    if (table === 'cases')
      out.push({
        table,
        column,
        source: cid,
        problem: 'duplicate',
        sql: perKey(fromClause(m), ' HAVING COUNT(*) > 1'),
      });
    else
      out.push({
        table,
        column,
        source: cid,
        problem: 'orphan',
        sql: perKey(
          `FROM ${m.from} t LEFT JOIN (${caseKeys(db, d)}) c ON c.${CASE_KEY} = ${key} WHERE ${where}c.${CASE_KEY} IS NULL`,
        ),
      });
  }
  return out;
}
