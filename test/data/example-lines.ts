// The lines of the 宁波 example cases, and records made from them with a field changed: the raw material of
// the tests that compare two readings of a file line by line (the line scanner, DuckDB's own reading).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

/** The non-blank lines of examples/data/NAME. */
export const exampleLines = (name: string): string[] =>
  readFileSync(join(ROOT, 'examples/data', name), 'utf8')
    .split('\n')
    .filter(Boolean);

/** The lines of examples/data/ningbo-2018.ndjson. */
export const base = exampleLines('ningbo-2018.ndjson');
type Rec = Record<string, unknown> & { events: Array<Record<string, unknown>> };
/** Record k of `base`. */
export const rec = (k: number): Rec => JSON.parse(base[k]!) as Rec;
/** Record k with `patch` over it (an undefined value removes the field) and `events` added to its own. */
export const line = (
  k: number,
  patch: Record<string, unknown>,
  events: Array<Record<string, unknown>> = [],
): string => {
  const r = rec(k);
  for (const [f, v] of Object.entries(patch)) {
    if (v === undefined) delete r[f];
    else r[f] = v;
  }
  if (events.length) r.events.push(...events.map((e) => ({ ...e, date: e.date ?? r.filed })));
  return JSON.stringify(r);
};
/** The first closed case of `base` from line `from`. */
export const closedCase = (from: number): number => base.findIndex((l, k) => k >= from && !l.includes('"closed":null'));
