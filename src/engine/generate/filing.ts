// Filing dates: seasonality (fewer in February and October, few at weekends) and yearly growth.
import { addMonths, formatDay, type Day } from '../time/calendar.js';
import type { Rng } from './random.js';
import { DAY } from './options.js';

const MONTH_WEIGHT = [1.0, 0.65, 1.05, 1.0, 1.0, 1.05, 1.1, 1.0, 1.0, 0.85, 1.05, 1.1];

function dayWeight(day: Day): number {
  const dow = (((day + 4) % 7) + 7) % 7; // 0 = Sunday (1970-01-01 was a Thursday)
  return dow === 0 || dow === 6 ? 0.08 : 1;
}

/** k filing days in [lo, hi], weekdays favoured, sorted. */
export function fileDays(rng: Rng, lo: Day, hi: Day, k: number): Day[] {
  const weights: number[] = [];
  for (let d = lo; d <= hi; d++) weights.push(dayWeight(d));
  const cum: number[] = [];
  let acc = 0;
  for (const w of weights) cum.push((acc += w));
  const out: Day[] = [];
  for (let i = 0; i < k; i++) {
    const x = rng.next() * acc;
    let a = 0,
      b = cum.length - 1;
    while (a < b) {
      const m = (a + b) >> 1;
      if (cum[m]! > x) b = m;
      else a = m + 1;
    }
    out.push(lo + a);
  }
  return out.sort((x, y) => x - y);
}

interface Month {
  lo: Day;
  hi: Day;
  weight: number;
}

export function months(from: Day, to: Day, growth: number): Month[] {
  const out: Month[] = [];
  const startYear = Number(formatDay(from).slice(0, 4));
  for (let first = DAY(`${formatDay(from).slice(0, 7)}-01`); first <= to; first = addMonths(first, 1)) {
    const next = addMonths(first, 1);
    const lo = Math.max(first, from),
      hi = Math.min(next - 1, to);
    const ym = formatDay(first);
    const y = Number(ym.slice(0, 4)),
      m = Number(ym.slice(5, 7));
    out.push({ lo, hi, weight: MONTH_WEIGHT[m - 1]! * growth ** (y - startYear) * ((hi - lo + 1) / (next - first)) });
  }
  return out;
}
