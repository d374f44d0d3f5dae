// The canonical tables' rows from a validated, court-identified case store (the file loaders' output, so a
// record they reject never reaches the database): batched INSERT statements of literal values.
import type { CaseStore } from '../data/store.js';
import { NONE, NULL_CODE, caseId } from '../data/store.js';
import { bareNames } from '../data/identity.js';
import type { StaffingRow } from '../eval/aggregate.js';
import { CASE_TYPES, CLOSURES } from '../domain/vocabulary.js';
import { NO_DAY, formatDay } from '../time/calendar.js';
import { sqlDate, sqlString } from './dialect.js';
import { STAFFING_COLUMNS } from './schema.js';

const BATCH = 1000;

const str = (s: string | null | undefined): string => (s === null || s === undefined ? 'NULL' : sqlString(s));
const day = (d: number): string => (d === NO_DAY ? 'NULL' : sqlDate(formatDay(d)));
const num = (x: number): string => (Number.isNaN(x) ? 'NULL' : String(x));

function* batches(table: string, n: number, row: (i: number) => string | null): Generator<string> {
  let rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = row(i);
    if (r !== null) rows.push(r);
    if (rows.length === BATCH) { yield `INSERT INTO ${table} VALUES ${rows.join(', ')}`; rows = []; }
  }
  if (rows.length) yield `INSERT INTO ${table} VALUES ${rows.join(', ')}`;
}

/** INSERT statements for cases, case_tags and events (cid = the case's index, eid = the event's). */
export function* storeInserts(store: CaseStore): Generator<string> {
  const handlers = bareNames(store, 'handler'), teams = bareNames(store, 'team');
  yield* batches('cases', store.n, (i) => {
    const t = store.team[i]!, k = store.closure[i]!, p = store.property[i]!;
    return `(${i}, ${str(caseId(store, i))}, ${str(store.courts[store.court[i]!])}, ${str(CASE_TYPES[store.type[i]!])}, ${day(store.filed[i]!)}, ${day(store.closed[i]!)}, ${k === NULL_CODE ? 'NULL' : str(CLOSURES[k])}, ${num(store.claimed[i]!)}, ${num(store.recovered[i]!)}, ${p < 0 ? 'NULL' : p === 1 ? 'TRUE' : 'FALSE'}, ${str(handlers[store.handler[i]!])}, ${t === NONE ? 'NULL' : str(teams[t])})`;
  });
  const tagOwner = new Int32Array(store.tagStart[store.n] ?? 0);
  const evOwner = new Int32Array(store.evStart[store.n] ?? 0);
  for (let i = 0; i < store.n; i++) {
    tagOwner.fill(i, store.tagStart[i]!, store.tagStart[i + 1]!);
    evOwner.fill(i, store.evStart[i]!, store.evStart[i + 1]!);
  }
  yield* batches('case_tags', tagOwner.length, (k) => `(${tagOwner[k]}, ${str(store.tags[store.tagCode[k]!])})`);
  yield* batches('events', evOwner.length, (k) => {
    const note = store.evNote[k]!;
    return `(${k}, ${evOwner[k]}, ${str(store.eventTypes[store.evType[k]!])}, ${day(store.evDate[k]!)}, ${num(store.evAmount[k]!)}, ${note === NONE ? 'NULL' : str(store.notes[note])})`;
  });
}

/** INSERT statements for staffing (sid = input order, so the later of two rows on one day wins). */
export function* staffingInserts(rows: readonly StaffingRow[]): Generator<string> {
  const cols = Object.keys(STAFFING_COLUMNS);
  yield* batches('staffing', rows.length, (k) => {
    const r = rows[k]!;
    return `(${k}, ${str(r.court)}, ${day(r.day)}, ${cols.map((c) => num(r.values[c] ?? NaN)).join(', ')})`;
  });
}
