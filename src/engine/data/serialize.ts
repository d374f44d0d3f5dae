// Canonical NDJSON text of a case record: the same bytes as JSON.stringify of a record in canonical
// key order (validateCase's output), written out by hand because the generator writes millions.
import type { CaseRecord } from './record.js';

/** Quoted forms of recurring strings (courts, handlers, dates, event types). */
const quoted = new Map<string, string>();

function str(s: string): string {
  let q = quoted.get(s);
  if (q === undefined) {
    q = JSON.stringify(s);
    if (quoted.size > 50_000) quoted.clear();
    quoted.set(s, q);
  }
  return q;
}

/** JSON.stringify(rec) for a record whose keys are in canonical order, faster. */
export function caseJson(rec: CaseRecord): string {
  let s = `{"id":${JSON.stringify(rec.id)},"court":${str(rec.court)},"type":${str(rec.type)},"filed":${str(rec.filed)},"closed":${rec.closed === null ? 'null' : str(rec.closed)},"closure":${rec.closure === null ? 'null' : str(rec.closure)},"claimed":${JSON.stringify(rec.claimed)},"recovered":${JSON.stringify(rec.recovered)},"property":${rec.property === null ? 'null' : rec.property},"handler":${str(rec.handler)}`;
  if (rec.team !== undefined) s += `,"team":${str(rec.team)}`;
  if (rec.tags !== undefined) s += `,"tags":[${rec.tags.map(str).join(',')}]`;
  s += ',"events":[';
  const evs = rec.events;
  for (let i = 0; i < evs.length; i++) {
    const e = evs[i]!;
    if (i > 0) s += ',';
    s += `{"type":${str(e.type)},"date":${str(e.date)}`;
    if (e.amount !== undefined) s += `,"amount":${JSON.stringify(e.amount)}`;
    if (e.note !== undefined) s += `,"note":${str(e.note)}`;
    s += '}';
  }
  return `${s}]}`;
}
