// The plan computed where the data lives: the compiled queries (compile.ts, rules.ts) read `cases`,
// `case_tags` and `events`; in place these are the session's temporary views over a database's canonical
// tables (schema `src`), which shadow the tables' own names and show the rows as the file loaders would
// accept them — rejected cases left out, courts under the plan's names (cases of courts it does not cover
// left out), and the loaders' normalisations (终本 → 终结本次执行程序, no handler → '', an empty team or
// note → none).
//
// Validation in place: `suspectCases` is SQL that picks every case row the file loaders' validation
// (data/validate.ts, the store's duplicate check) could say anything about — a superset: a row it picks may
// well be clean. Only those rows are read and validated by the loaders themselves, so the problems, their
// messages and the rejections are the loaders' own; every other row is accepted without a word.
import {
  CASE_TYPES,
  CLOSURES,
  CLOSURE_ALIASES,
  EVENT_TYPES,
  EVENTS_AFTER_CLOSE,
  MONEY_EVENT_TYPES,
} from '../data/record.js';
import { sqlString, type Dialect } from './dialect.js';

const list = (xs: readonly string[]): string => xs.map(sqlString).join(', ');

/** A control character, or U+FFFD (validate.ts NOT_IN_NAMES), in a name column. */
export function badName(d: Dialect, col: string): string {
  return d.name === 'duckdb'
    ? `regexp_matches(${col}, '[\\x00-\\x1f\\x7f-\\x9f\\x{FFFD}]')`
    : `${col} ~ '[\\u0001-\\u001f\\u007f-\\u009f\\ufffd]'`;
}

/** Dates the loaders could refuse or read differently: far outside any court's data, so safe to look at. */
const oddDate = (col: string): string => `(${col} < DATE '1900-01-01' OR ${col} > DATE '2199-12-31')`;
/** Money the loaders could refuse: negative, or too large for a double to hold in fen exactly. */
const oddMoney = (col: string): string => `(${col} < 0 OR ${col} > 900719925474099)`;

/**
 * `SELECT cid …`: a superset of the rows the loaders would warn about or reject (a cid may come more than once).
 * A union of plain passes, none correlated — the case rows, the repeated ids, the tags, the events joined to
 * their case once — and each name column's test of a character run on its distinct values, not on every row:
 * the distinct (court, handler, team) triples, one pass over the cases (a CTE read three times, which both
 * dialects materialise). `uniqueIds`: the database itself keeps the ids
 * unique (a one-column UNIQUE or PRIMARY KEY constraint on `cases.id`, `UNIQUE_IDS`), so no id can repeat
 * and the repeated ids' pass — a hash of every id — is left out.
 */
export function suspectCases(d: Dialect, src: string, uniqueIds = false): string {
  const odd = (col: string) => `SELECT ${col} FROM n WHERE ${col} = '' OR ${badName(d, col)}`;
  const rows = [
    `c.id IS NULL OR c.id = '' OR ${badName(d, 'c.id')}`,
    'c.court IS NULL',
    `c.court IN (${odd('court')})`,
    `c.handler IN (${odd('handler')})`,
    `c.team IN (${odd('team')})`,
    `c.type IS NULL OR c.type NOT IN (${list(CASE_TYPES)})`,
    `c.filed IS NULL OR ${oddDate('c.filed')} OR ${oddDate('c.closed')} OR c.closed < c.filed`,
    '(c.closed IS NULL) <> (c.closure IS NULL)',
    `c.closure NOT IN (${list(CLOSURES)})`,
    `c.claimed_fen IS NULL OR c.recovered_fen IS NULL OR ${oddMoney('c.claimed_fen')} OR ${oddMoney('c.recovered_fen')}`,
  ];
  const event = `e.type IS NULL OR e.type NOT IN (${list(EVENT_TYPES)}) OR e.day IS NULL OR ${oddDate('e.day')} OR e.day < c.filed OR (e.day > c.closed AND e.type NOT IN (${list([...EVENTS_AFTER_CLOSE])})) OR ${oddMoney('e.amount_fen')} OR (e.amount_fen IS NULL AND e.type IN (${list(MONEY_EVENT_TYPES)}))`;
  return `WITH n AS (SELECT DISTINCT court, handler, team FROM ${src}cases)\n${[
    `SELECT c.cid FROM ${src}cases c WHERE ${rows.map((x) => `(${x})`).join('\n  OR ')}`,
    ...(uniqueIds
      ? []
      : [`SELECT c.cid FROM ${src}cases c WHERE c.id IN (SELECT id FROM ${src}cases GROUP BY id HAVING COUNT(*) > 1)`]),
    `SELECT t.cid FROM ${src}case_tags t WHERE t.tag IS NULL OR t.tag = ''`,
    `SELECT e.cid FROM ${src}events e JOIN ${src}cases c ON c.cid = e.cid WHERE ${event}`,
  ].join('\nUNION ALL\n')}`;
}

/**
 * `SELECT 1` once where a one-column UNIQUE or PRIMARY KEY constraint of the session's current schema holds
 * `cases.id` (the canonical schema's own, schema.ts; a view, as a mapping makes, has none): then the database
 * refuses a repeated id, and the suspect rows need not look for one.
 */
export const UNIQUE_IDS = `SELECT 1 FROM information_schema.table_constraints t JOIN information_schema.key_column_usage k ON k.constraint_schema = t.constraint_schema AND k.constraint_name = t.constraint_name AND k.table_name = t.table_name WHERE t.table_schema = current_schema() AND t.table_name = 'cases' AND t.constraint_type IN ('UNIQUE', 'PRIMARY KEY') GROUP BY t.constraint_schema, t.constraint_name HAVING COUNT(*) = 1 AND MAX(k.column_name) = 'id'`;

/** The suspect cases with their line (place among all cases in cid order), as a temporary table `luoshi_suspect`. */
export function suspectTable(d: Dialect, src: string, uniqueIds = false): string[] {
  return [
    `CREATE TEMPORARY TABLE luoshi_suspect AS SELECT r.cid, r.line FROM (SELECT cid, ROW_NUMBER() OVER (ORDER BY cid) AS line FROM ${src}cases) r WHERE r.cid IN (${suspectCases(d, src, uniqueIds)})`,
  ];
}

/** The tables the in-place run keeps in the session: rejected cases, the court map, the staffing as identified. */
export const IN_PLACE_TABLES = [
  'CREATE TEMPORARY TABLE luoshi_rejected (cid BIGINT PRIMARY KEY)',
  'CREATE TEMPORARY TABLE luoshi_courts (raw VARCHAR PRIMARY KEY, court VARCHAR NOT NULL)',
];

/** The first case of each (court, handler, team) among the accepted ones, as a pick (`cid, line`) for reading. */
export function firstOfEachGroup(src: string): string {
  return `CREATE TEMPORARY TABLE luoshi_groups AS SELECT MIN(c.cid) AS cid, 0 AS line FROM ${src}cases c WHERE c.cid NOT IN (SELECT cid FROM luoshi_rejected) GROUP BY c.court, COALESCE(c.handler, ''), NULLIF(c.team, '')`;
}

/** Accepted cases per court as the data names it (court identity's counts). */
export function casesPerCourt(src: string): string {
  return `SELECT c.court, COUNT(*) FROM ${src}cases c WHERE c.cid NOT IN (SELECT cid FROM luoshi_rejected) GROUP BY c.court`;
}

/** A closure column's value with its aliases (终本) spelled as the loaders spell them. */
export function canonicalClosure(col: string): string {
  return `CASE ${col} ${Object.entries(CLOSURE_ALIASES)
    .map(([a, to]) => `WHEN ${sqlString(a)} THEN ${sqlString(to)}`)
    .join(' ')} ELSE ${col} END`;
}

/** The views the compiled SQL reads, shadowing the canonical tables' names. */
export function inPlaceViews(src: string): string[] {
  const closure = canonicalClosure('c.closure');
  return [
    `CREATE TEMPORARY VIEW cases AS SELECT c.cid, c.id, m.court, c.type, c.filed, c.closed, ${closure} AS closure, c.claimed_fen, c.recovered_fen, c.property, COALESCE(c.handler, '') AS handler, NULLIF(c.team, '') AS team FROM ${src}cases c JOIN luoshi_courts m ON m.raw = c.court WHERE c.cid NOT IN (SELECT cid FROM luoshi_rejected)`,
    `CREATE TEMPORARY VIEW case_tags AS SELECT t.cid, t.tag FROM ${src}case_tags t`,
    `CREATE TEMPORARY VIEW events AS SELECT e.eid, e.cid, e.type, e.day, e.amount_fen, NULLIF(e.note, '') AS note FROM ${src}events e`,
  ];
}

/**
 * The span of dates the accepted cases speak about, as the replay checks its range against (the first filing;
 * the last filing, closure or event): `first filed, last filed, last closed, last event`, each as text.
 */
export function dataSpan(src: string): string {
  const accepted = `c.cid NOT IN (SELECT cid FROM luoshi_rejected)`;
  const text = (x: string) => `CAST(${x} AS VARCHAR)`;
  return `SELECT ${text('MIN(c.filed)')}, ${text('MAX(c.filed)')}, ${text('MAX(c.closed)')}, (SELECT ${text('MAX(e.day)')} FROM ${src}events e JOIN ${src}cases c ON c.cid = e.cid WHERE ${accepted}) FROM ${src}cases c WHERE ${accepted}`;
}
