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
  DEFAULT_CASE_TYPE,
  EVENT_TYPES,
  EVENTS_AFTER_CLOSE,
  MONEY_EVENT_TYPES,
} from '../data/record.js';
import { RECORD_FIELDS } from '../data/fields.js';
import { DIALECTS, sqlString } from './dialect.js';
import { badName, canonicalClosure } from './inplace.js';

const list = (xs: readonly string[]): string => xs.map(sqlString).join(', ');
const DUCK = DIALECTS.duckdb;

/** The lines of one file (`line` from 1, a blank line's text NULL), as read_csv sees them. */
export function fileLines(path: string, maxLineBytes: number): string {
  return `(SELECT ordinality AS line, t FROM read_csv(${sqlString(path)}, columns = {'t': 'VARCHAR'}, header = false, auto_detect = false, delim = chr(1), quote = '', escape = '', strict_mode = false, max_line_size = ${maxLineBytes}) WITH ORDINALITY)`;
}

/** Each case field as its JSON text, as yyjson writes it again (minified; escapes only where JSON needs one). */
const SHAPE = `'{"id":"JSON","court":"JSON","type":"JSON","filed":"JSON","closed":"JSON","closure":"JSON","claimed":"JSON","recovered":"JSON","property":"JSON","handler":"JSON","team":"JSON","tags":["JSON"],"events":[{"type":"JSON","date":"JSON","amount":"JSON","note":"JSON"}]}'`;
const CASE_KEYS = RECORD_FIELDS.cases;
const EVENT_KEYS = ['type', 'date', 'amount', 'note'];

// The value of a field's JSON text, read without parsing it again: a string without escapes (one with an
// escape is NULL, so its line is a suspect), a number, a boolean.
const str = (f: string): string => `CASE WHEN starts_with(${f}, '"') AND NOT contains(${f}, '\\') THEN ${f}[2:-2] END`;
const num = (f: string): string => `CASE WHEN NOT starts_with(${f}, '"') THEN TRY_CAST(${f} AS DOUBLE) END`;
const isNull = (f: string): string => `(${f} IS NULL OR ${f} = 'null')`;

/** A date text the loaders take as it is: YYYY-MM-DD, a real day, far from any edge of the calendar. */
const dayOf = (v: string): string =>
  `CASE WHEN regexp_full_match(${v}, '[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN TRY_CAST(${v} AS DATE) END`;
const saneDay = (d: string): string => `(${d} BETWEEN DATE '1900-01-01' AND DATE '2199-12-31')`;
/** A non-negative finite amount whose fen the loaders' fast path gives exactly (money.ts parseFen). */
const exactMoney = (v: string): string =>
  `(isfinite(${v}) AND ${v} >= 0 AND round(${v} * 100) <= 9007199254740991 AND round(${v} * 100) / 100 = ${v})`;
/** Fen of a yuan amount (NULL when it has none: a line that is not clean may hold anything). */
const fen = (v: string): string => `TRY_CAST(round(${v} * 100) AS BIGINT)`;
/** Keys all known, none twice (list_intersect keeps each once). */
const keysWithin = (keys: string, allowed: readonly string[]): string =>
  `len(list_intersect(${keys}, [${list(allowed)}])) = len(${keys})`;
const name = (v: string): string => `(${v} <> '' AND NOT ${badName(DUCK, v)})`;

/** Whether an event of `luoshi_events` (its values, `k` its keys, `fields` how many it has, `has_amount`) of a case filed `filed`, closed `closed`, is clean. */
function cleanEvent(): string {
  return [
    // Keys known: checked over the case's events at once (parsedLines); none twice: as many keys as fields.
    'len(k) = fields',
    `type IN (${list(EVENT_TYPES)})`,
    `day IS NOT NULL`,
    saneDay('day'),
    `day >= filed`,
    `(closed IS NULL OR day <= closed OR type IN (${list([...EVENTS_AFTER_CLOSE])}))`,
    `(NOT has_amount AND type NOT IN (${list(MONEY_EVENT_TYPES)}) OR ${exactMoney('amount')})`,
    `note_ok`,
  ]
    .map((x) => `(${x})`)
    .join(' AND ');
}

/** The events of the clean cases, each with whether it is clean, `pos` its place in the case's list (from 1). */
export const EVENTS_TABLE = [
  `CREATE TEMPORARY TABLE luoshi_events AS SELECT cid, pos, COALESCE(${cleanEvent()}, false) AS clean, day, type, ${fen('amount')} AS amount_fen, NULLIF(note, '') AS note
  FROM (SELECT cid, pos, filed, closed, k, ${dayOf(str('j.date'))} AS day, ${str('j.type')} AS type, ${num('j.amount')} AS amount, j.amount IS NOT NULL AS has_amount, ${str('j.note')} AS note, (j.type IS NOT NULL)::INT + (j.date IS NOT NULL)::INT + (j.amount IS NOT NULL)::INT + (j.note IS NOT NULL)::INT AS fields, (j.note IS NULL OR ${str('j.note')} IS NOT NULL) AS note_ok
  FROM (SELECT cid, filed, closed, unnest(ej) AS j, unnest(ek) AS k, generate_subscripts(ej, 1) AS pos FROM luoshi_parsed WHERE clean AND ej IS NOT NULL))`,
  `UPDATE luoshi_parsed SET clean = false WHERE cid IN (SELECT cid FROM luoshi_events WHERE NOT clean)`,
];

/**
 * `luoshi_parsed` for one file: every non-blank line with `cid` (`offset` + its line), whether it is `clean`
 * but for its events (checked in EVENTS_TABLE), a clean line's canonical columns, and its events' JSON texts.
 */
export function parsedLines(path: string, file: number, offset: number, maxLineBytes: number): string {
  // json_transform and json_keys throw on text json_valid refuses: they are given only a line that parses (ok).
  // yyjson also takes trailing commas, and NaN/Infinity (refused by isfinite below): a comma before a
  // closing bracket makes the line a suspect, as does a \u escape that could be a lone surrogate.
  const parses = `(left(t, 1) = '{' AND json_valid(t) AND NOT regexp_matches(t, ',\\s*[\\]}]') AND NOT contains(t, '\\ud') AND NOT contains(t, '\\uD'))`;
  // Each value is computed once (a column of the inner query), then checked.
  const values: Record<string, string> = {
    id: str('j.id'),
    court: str('j.court'),
    type: str('j.type'),
    filed: dayOf(str('j.filed')),
    closed: dayOf(str('j.closed')),
    closure: str('j.closure'),
    claimed: num('j.claimed'),
    recovered: num('j.recovered'),
    property: `CASE j.property WHEN 'true' THEN true WHEN 'false' THEN false END`,
    handler: str('j.handler'),
    team: str('j.team'),
    tags: `list_transform(j.tags, lambda x: ${str('x')})`,
    no_closed: isNull('j.closed'),
    no_closure: isNull('j.closure'),
    no_team: isNull('j.team'),
    has_type: 'j.type IS NOT NULL',
    property_ok: `(j.property IS NULL OR j.property IN ('true', 'false', 'null'))`,
    tags_ok: `(NOT list_contains(k, 'tags') OR len(j.tags) = len(list_distinct(j.tags)))`,
    events_ok: `(NOT list_contains(k, 'events') OR len(ek) = len(j.events) AND len(list_intersect(flatten(ek), [${list(EVENT_KEYS)}])) = len(list_distinct(flatten(ek))))`,
    keys_ok: keysWithin('k', CASE_KEYS),
  };
  const closures = [...CLOSURES, ...Object.keys(CLOSURE_ALIASES)];
  const caseClean = [
    'keys_ok',
    name('id'),
    name('court'),
    `(NOT has_type OR type IN (${list(CASE_TYPES)}))`,
    `filed IS NOT NULL`,
    saneDay('filed'),
    `no_closed AND no_closure OR closed IS NOT NULL AND ${saneDay('closed')} AND closed >= filed AND closure IN (${list(closures)})`,
    exactMoney('claimed'),
    exactMoney('recovered'),
    'property_ok',
    `handler IS NOT NULL AND NOT ${badName(DUCK, 'handler')}`,
    `(no_team OR team IS NOT NULL AND NOT ${badName(DUCK, 'team')})`,
    `tags_ok AND (tags IS NULL OR list_bool_and(list_transform(tags, lambda x: x <> '')))`,
    'events_ok',
  ];
  return `INSERT INTO luoshi_parsed SELECT ${offset} + line AS cid, ${file} AS file, line, COALESCE(${caseClean.map((x) => `(${x})`).join(' AND ')}, false) AS clean,
  id, court, COALESCE(type, ${sqlString(DEFAULT_CASE_TYPE)}), filed, closed, closure, ${fen('claimed')}, ${fen('recovered')}, property, handler, team, tags, ej, ek
FROM (SELECT line, ${Object.entries(values)
    .map(([c, e]) => `${e} AS ${c}`)
    .join(', ')}, j.events AS ej, ek
  FROM (SELECT line, json_transform(ok, ${SHAPE}) AS j, json_keys(ok) AS k, json_keys(ok, '$.events[*]') AS ek
  FROM (SELECT line, CASE WHEN ${parses} THEN t END AS ok FROM ${fileLines(path, maxLineBytes)} WHERE t IS NOT NULL)))`;
}

export const PARSED_TABLE = `CREATE TEMPORARY TABLE luoshi_parsed (cid BIGINT, file INTEGER, line BIGINT, clean BOOLEAN, id VARCHAR, court VARCHAR, type VARCHAR, filed DATE, closed DATE, closure VARCHAR, claimed_fen BIGINT, recovered_fen BIGINT, property BOOLEAN, handler VARCHAR, team VARCHAR, tags VARCHAR[], ej STRUCT(type JSON, date JSON, amount JSON, note JSON)[], ek VARCHAR[][])`;

/** Clean lines whose id another clean line has too: suspects (the loaders say which one is the repeat). */
export const REPEATED_IDS = `UPDATE luoshi_parsed SET clean = false WHERE clean AND id IN (SELECT id FROM luoshi_parsed WHERE clean GROUP BY id HAVING COUNT(*) > 1)`;

/** The suspect lines of file `file`, with their text read again from the file. */
export function suspectLines(path: string, file: number, maxLineBytes: number): string {
  return `SELECT l.line, l.t FROM ${fileLines(path, maxLineBytes)} l WHERE l.t IS NOT NULL AND l.line IN (SELECT line FROM luoshi_parsed WHERE file = ${file} AND NOT clean) ORDER BY l.line`;
}

/**
 * The clean lines into the canonical tables (src/engine/sql/schema.ts) as the loaders write them (a closure's
 * alias spelled out, an empty team none); a case's events numbered from cid × 2^20 in its list's order (eid
 * only tells events apart).
 */
export const CLEAN_INTO_CANONICAL = [
  `INSERT INTO cases SELECT cid, id, court, type, filed, closed, ${canonicalClosure('closure')}, claimed_fen, recovered_fen, property, handler, NULLIF(team, '') FROM luoshi_parsed WHERE clean`,
  `INSERT INTO case_tags SELECT cid, unnest(tags) FROM luoshi_parsed WHERE clean AND tags IS NOT NULL`,
  `INSERT INTO events SELECT e.cid * 1048576 + e.pos, e.cid, e.type, e.day, e.amount_fen, e.note FROM luoshi_events e WHERE e.cid IN (SELECT cid FROM luoshi_parsed WHERE clean)`,
];
