// The generator's options, checked and completed, and the day helpers every part shares.
import { formatDay, parseIsoDay, type Day } from '../time/calendar.js';
import type { Closure } from '../data/record.js';
import { FUJIN2011, PRESETS, presetNames, type Preset } from './presets.js';
import { NATIONAL, NATIONAL_FROM, NATIONAL_TO, nationalTotals } from './national.js';

export interface GenOptions {
  preset: string;
  /** Number of cases (the preset's default when absent; fixed for fujin2011). */
  cases?: number;
  seed?: string | number;
  /** Filing range (the preset's default when absent). */
  from?: string;
  to?: string;
  /** Nothing after this date is generated: later closures and events are left out (default: `to`). */
  asOf?: string;
  /** The national preset's size as a fraction of the nation's (default 1; national-cases.ts). */
  scale?: number;
  /** Fraction of rows (0–1) replaced by deliberately bad ones, for generateRows. */
  broken?: number;
}

/** A deliberately bad row (generateRows with `broken`): `value` is what to write. */
export interface BrokenRow {
  defect: Defect;
  value: Record<string, unknown>;
}

/**
 * The defects of bad rows. 'malformed' asks the writer to corrupt the row's text in its format's way
 * (an NDJSON line cut short, a CSV events cell without '@', a JSON element without a value).
 */
export const DEFECTS = [
  'impossible-date',
  'closed-before-filed',
  'negative-money',
  'three-decimals',
  'unknown-closure',
  'missing-court',
  'event-after-closed',
  'closure-without-closed',
  'duplicate-id',
  'unknown-event-type',
  'malformed',
] as const;
export type Defect = (typeof DEFECTS)[number];

export const ZB: Closure = '终结本次执行程序';
export const DAY = (s: string): Day => parseIsoDay(s)!;

/** formatDay, cached: the generator formats millions of dates from a few thousand days. */
const DAY_TEXT: string[] = [];
const DAY_BASE = DAY('1990-01-01');
export function dayText(d: Day): string {
  const k = d - DAY_BASE;
  if (k < 0 || k > 40_000) return formatDay(d);
  return (DAY_TEXT[k] ??= formatDay(d));
}

export class GenError extends Error {}

interface Resolved {
  preset: Preset | null;
  cases: number;
  seed: string;
  from: Day;
  to: Day;
  asOf: Day;
}

/** Checks and completes options; throws GenError with a one-line message. */
export function resolveOptions(opts: GenOptions): Resolved {
  const isFujin2011 = opts.preset === FUJIN2011;
  const isNational = opts.preset === NATIONAL;
  const preset = PRESETS[opts.preset] ?? null;
  if (opts.scale !== undefined && !isNational) throw new GenError('--scale applies to the national preset only');
  if (isNational) {
    if (opts.cases !== undefined || opts.from !== undefined || opts.to !== undefined || opts.asOf !== undefined)
      throw new GenError(
        'national is calibrated to 2016-01-01..2018-12-31: give --scale, not --cases, --from, --to or --as-of',
      );
    const scale = opts.scale ?? 1;
    if (!(scale > 0 && scale <= 1)) throw new GenError(`scale must be a fraction in (0, 1], not ${opts.scale}`);
    const to = DAY(NATIONAL_TO);
    const cases = nationalTotals(scale).filed;
    return { preset: null, cases, seed: String(opts.seed ?? 1), from: DAY(NATIONAL_FROM), to, asOf: to };
  }
  if (!preset && !isFujin2011)
    throw new GenError(`unknown preset "${opts.preset}" (known: ${presetNames().join(', ')})`);
  const p = preset ?? PRESETS.fujin!;
  const day = (s: string | undefined, fallback: string, what: string): Day => {
    const d = parseIsoDay(s ?? fallback);
    if (d === null) throw new GenError(`${what} must be a date YYYY-MM-DD, not "${s}"`);
    return d;
  };
  if (
    isFujin2011 &&
    (opts.cases !== undefined || opts.from !== undefined || opts.to !== undefined || opts.asOf !== undefined)
  ) {
    throw new GenError(
      'fujin2011 is a fixed data set (富锦 2009–2012): --cases, --from, --to and --as-of do not apply',
    );
  }
  const from = day(opts.from, p.from, 'from');
  const to = day(opts.to, p.to, 'to');
  if (to < from) throw new GenError(`to ${formatDay(to)} is before from ${formatDay(from)}`);
  const asOf = isFujin2011 ? DAY('2012-03-31') : day(opts.asOf, formatDay(to), 'as-of');
  if (asOf < from) throw new GenError(`as-of ${formatDay(asOf)} is before from ${formatDay(from)}`);
  const cases = opts.cases ?? p.cases;
  if (!Number.isSafeInteger(cases) || cases < 0)
    throw new GenError(`cases must be a whole number ≥ 0, not ${opts.cases}`);
  const broken = opts.broken ?? 0;
  if (!(broken >= 0 && broken <= 1))
    throw new GenError(`broken must be a fraction between 0 and 1, not ${opts.broken}`);
  return { preset, cases, seed: String(opts.seed ?? 1), from, to, asOf };
}
