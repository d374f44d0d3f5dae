// An NDJSON case file read by DuckDB itself (`--engine duckdb --data FILE`): each line as text (read_csv with
// one VARCHAR column, no quoting, numbered WITH ORDINALITY: blank lines keep their number), parsed by
// DuckDB's JSON functions. A line is *clean* when the file loaders would accept it exactly as SQL reads it and
// say nothing about it: an object with only known English keys, each of the type the schema wants, dates
// valid, amounts exact in fen, names without control characters, events inside the case's dates, nothing a
// warning names. Clean lines become the canonical tables in SQL; every other line (a deliberate superset of
// those the loaders would reject or warn about) is read back and judged by the loaders themselves, so their
// messages, counts and rejections are the file path's (src/harness/sql/from-files.ts).
import {
  CASE_TYPES,
  CLOSURES,
  CLOSURE_ALIASES,
  EVENT_TYPES,
  EVENTS_AFTER_CLOSE,
  MONEY_EVENT_TYPES,
} from '../data/record.js';
import { DEFAULT_CASE_TYPE } from '../data/record.js';
import { DIALECTS, sqlString } from './dialect.js';
import { badName } from './inplace.js';

const list = (xs: readonly string[]): string => xs.map(sqlString).join(', ');
const DUCK = DIALECTS.duckdb;

/** The lines of one file (`line` from 1, a blank line's text NULL), as read_csv sees them. */
export function fileLines(path: string, maxLineBytes: number): string {
  return `(SELECT ordinality AS line, t FROM read_csv(${sqlString(path)}, columns = {'t': 'VARCHAR'}, header = false, auto_detect = false, delim = chr(1), quote = '', escape = '', strict_mode = false, max_line_size = ${maxLineBytes}) WITH ORDINALITY)`;
}

/** Each case field as its JSON text (types checked on it) and as the value SQL keeps. */
const SHAPE = `'{"id":"JSON","court":"JSON","type":"JSON","filed":"JSON","closed":"JSON","closure":"JSON","claimed":"JSON","recovered":"JSON","property":"JSON","handler":"JSON","team":"JSON","tags":["JSON"],"events":[{"type":"JSON","date":"JSON","amount":"JSON","note":"JSON"}]}'`;
const VALUES = `'{"id":"VARCHAR","court":"VARCHAR","type":"VARCHAR","filed":"VARCHAR","closed":"VARCHAR","closure":"VARCHAR","claimed":"DOUBLE","recovered":"DOUBLE","property":"BOOLEAN","handler":"VARCHAR","team":"VARCHAR","tags":["VARCHAR"],"events":[{"type":"VARCHAR","date":"VARCHAR","amount":"DOUBLE","note":"VARCHAR"}]}'`;
const CASE_KEYS = [
  'id',
  'court',
  'type',
  'filed',
  'closed',
  'closure',
  'claimed',
  'recovered',
  'property',
  'handler',
  'team',
  'tags',
  'events',
];
const EVENT_KEYS = ['type', 'date', 'amount', 'note'];

const jt = (x: string): string => `json_type(${x})`;
const isText = (x: string): string => `${jt(x)} = 'VARCHAR'`;
/** A date text the loaders take as it is: YYYY-MM-DD, a real day, far from any edge of the calendar. */
const dayOf = (v: string): string =>
  `CASE WHEN regexp_full_match(${v}, '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN TRY_CAST(${v} AS DATE) END`;
const saneDay = (d: string): string => `(${d} BETWEEN DATE '1900-01-01' AND DATE '2199-12-31')`;
/** A non-negative finite amount whose fen the loaders' fast path gives exactly (money.ts parseFen). */
const exactMoney = (x: string, v: string): string =>
  `(${jt(x)} IN ('UBIGINT', 'BIGINT', 'DOUBLE') AND isfinite(${v}) AND ${v} >= 0 AND round(${v} * 100) <= 9007199254740991 AND round(${v} * 100) / 100 = ${v})`;
/** Fen of a yuan amount (NULL when it has none: a line that is not clean may hold anything). */
const fen = (v: string): string => `TRY_CAST(round(${v} * 100) AS BIGINT)`;
const keysWithin = (keys: string, allowed: readonly string[]): string =>
  `(list_has_all([${list(allowed)}], ${keys}) AND len(${keys}) = len(list_distinct(${keys})))`;
const name = (v: string): string => `(${v} <> '' AND NOT ${badName(DUCK, v)})`;

/** Whether an event of `luoshi_events` (JSON fields `j`, values `v`, keys `k`) of a case filed `filed`, closed `closed`, is clean. */
function cleanEvent(): string {
  const d = dayOf('v.date');
  return [
    keysWithin('k', EVENT_KEYS),
    isText('j.type'),
    `v.type IN (${list(EVENT_TYPES)})`,
    isText('j.date'),
    `${d} IS NOT NULL`,
    saneDay(d),
    `${d} >= filed`,
    `(closed IS NULL OR ${d} <= closed OR v.type IN (${list([...EVENTS_AFTER_CLOSE])}))`,
    `(j.amount IS NULL AND v.type NOT IN (${list(MONEY_EVENT_TYPES)}) OR j.amount IS NOT NULL AND ${exactMoney('j.amount', 'v.amount')})`,
    `(j.note IS NULL OR ${isText('j.note')})`,
  ]
    .map((x) => `(${x})`)
    .join(' AND ');
}

/** The events of the clean cases, each with whether it is clean, `pos` its place in the case's list (from 1). */
export const EVENTS_TABLE = [
  `CREATE TEMPORARY TABLE luoshi_events AS SELECT cid, pos, COALESCE(${cleanEvent()}, false) AS clean, ${dayOf('v.date')} AS day, v.type, ${fen('v.amount')} AS amount_fen, NULLIF(v.note, '') AS note
  FROM (SELECT cid, filed, closed, unnest(ej) AS j, unnest(ev) AS v, unnest(ek) AS k, generate_subscripts(ev, 1) AS pos FROM luoshi_parsed WHERE clean AND ev IS NOT NULL)`,
  `UPDATE luoshi_parsed SET clean = false WHERE cid IN (SELECT cid FROM luoshi_events WHERE NOT clean)`,
];

/**
 * `luoshi_parsed` for one file: every non-blank line with `cid` (`offset` + its line), `clean`, and a clean
 * line's canonical columns and events (a list of {type, day, amount_fen, note} in the loaders' order: by
 * day, then as given).
 */
export function parsedLines(path: string, file: number, offset: number, maxLineBytes: number): string {
  // json_transform and json_keys throw on text json_valid refuses: they are given only a line that parses (ok).
  // yyjson also takes trailing commas, and NaN/Infinity (refused by isfinite below): a comma before a
  // closing bracket makes the line a suspect, as does a \u escape that could be a lone surrogate.
  const parses = `(left(t, 1) = '{' AND json_valid(t) AND NOT regexp_matches(t, ',\\s*[\\]}]') AND NOT contains(t, '\\ud') AND NOT contains(t, '\\uD'))`;
  const filed = dayOf('v.filed'),
    closed = dayOf('v.closed');
  const closures = [...CLOSURES, ...Object.keys(CLOSURE_ALIASES)];
  const caseClean = [
    keysWithin('k', CASE_KEYS),
    isText('j.id'),
    name('v.id'),
    isText('j.court'),
    name('v.court'),
    `(j.type IS NULL OR ${isText('j.type')} AND v.type IN (${list(CASE_TYPES)}))`,
    isText('j.filed'),
    `${filed} IS NOT NULL`,
    saneDay(filed),
    `(j.closed IS NULL OR ${jt('j.closed')} = 'NULL') AND (j.closure IS NULL OR ${jt('j.closure')} = 'NULL')
      OR ${isText('j.closed')} AND ${closed} IS NOT NULL AND ${saneDay(closed)} AND ${closed} >= ${filed} AND ${isText('j.closure')} AND v.closure IN (${list(closures)})`,
    `j.claimed IS NOT NULL AND ${exactMoney('j.claimed', 'v.claimed')}`,
    `j.recovered IS NOT NULL AND ${exactMoney('j.recovered', 'v.recovered')}`,
    `(j.property IS NULL OR ${jt('j.property')} IN ('BOOLEAN', 'NULL'))`,
    `${isText('j.handler')} AND NOT ${badName(DUCK, 'v.handler')}`,
    `(j.team IS NULL OR ${jt('j.team')} = 'NULL' OR ${isText('j.team')} AND NOT ${badName(DUCK, 'v.team')})`,
    `(j.tags IS NULL OR ${jt("json_extract(ok, '$.tags')")} = 'ARRAY' AND list_bool_and(list_transform(j.tags, lambda x: ${isText('x')})) AND list_bool_and(list_transform(v.tags, lambda x: x <> '')) AND len(v.tags) = len(list_distinct(v.tags)))`,
    `(j.events IS NULL OR ${jt("json_extract(ok, '$.events')")} = 'ARRAY' AND len(ek) = len(v.events))`,
  ];
  return `INSERT INTO luoshi_parsed SELECT ${offset} + line AS cid, ${file} AS file, line, COALESCE(${caseClean.map((x) => `(${x})`).join(' AND ')}, false) AS clean, v.id, v.court, COALESCE(v.type, ${sqlString(DEFAULT_CASE_TYPE)}) AS type, ${filed} AS filed, ${closed} AS closed, v.closure, ${fen('v.claimed')} AS claimed_fen, ${fen('v.recovered')} AS recovered_fen, v.property, v.handler, v.team, v.tags, j.events AS ej, v.events AS ev, ek
FROM (SELECT line, ok, json_transform(ok, ${SHAPE}) AS j, json_transform(ok, ${VALUES}) AS v, json_keys(ok) AS k, json_keys(ok, '$.events[*]') AS ek
  FROM (SELECT line, t, CASE WHEN ${parses} THEN t END AS ok FROM ${fileLines(path, maxLineBytes)} WHERE t IS NOT NULL))`;
}

export const PARSED_TABLE = `CREATE TEMPORARY TABLE luoshi_parsed (cid BIGINT, file INTEGER, line BIGINT, clean BOOLEAN, id VARCHAR, court VARCHAR, type VARCHAR, filed DATE, closed DATE, closure VARCHAR, claimed_fen BIGINT, recovered_fen BIGINT, property BOOLEAN, handler VARCHAR, team VARCHAR, tags VARCHAR[], ej STRUCT(type JSON, date JSON, amount JSON, note JSON)[], ev STRUCT(type VARCHAR, date VARCHAR, amount DOUBLE, note VARCHAR)[], ek VARCHAR[][])`;

/** Clean lines whose id another clean line has too: suspects (the loaders say which one is the repeat). */
export const REPEATED_IDS = `UPDATE luoshi_parsed SET clean = false WHERE clean AND id IN (SELECT id FROM luoshi_parsed WHERE clean GROUP BY id HAVING COUNT(*) > 1)`;

/** The suspect lines of file `file`, with their text read again from the file. */
export function suspectLines(path: string, file: number, maxLineBytes: number): string {
  return `SELECT l.line, l.t FROM ${fileLines(path, maxLineBytes)} l WHERE l.t IS NOT NULL AND l.line IN (SELECT line FROM luoshi_parsed WHERE file = ${file} AND NOT clean) ORDER BY l.line`;
}

/** The clean lines into the canonical tables (src/engine/sql/schema.ts); a case's events numbered from cid × 2^20 in its list's order (eid only tells events apart). */
export const CLEAN_INTO_CANONICAL = [
  `INSERT INTO cases SELECT cid, id, court, type, filed, closed, closure, claimed_fen, recovered_fen, property, handler, team FROM luoshi_parsed WHERE clean`,
  `INSERT INTO case_tags SELECT cid, unnest(tags) FROM luoshi_parsed WHERE clean AND tags IS NOT NULL`,
  `INSERT INTO events SELECT e.cid * 1048576 + e.pos, e.cid, e.type, e.day, e.amount_fen, e.note FROM luoshi_events e WHERE e.cid IN (SELECT cid FROM luoshi_parsed WHERE clean)`,
];
