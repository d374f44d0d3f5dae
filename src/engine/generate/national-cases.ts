// The national preset's cases, calibrated to the Supreme People's Court's published totals for
// 2016-01-01..2018-12-31: 受理 2,043.5万 cases, 执结 1,936.1万, 执行到位金额 4.4万亿元. Every case is
// filed within the period, so the standard 受理数 over it counts them all; exactly the calibrated number
// are closed by its end (结案数), and the recovered amounts of the closed ones sum exactly to the
// calibrated total (求和(结案, 到位金额)). Exact, not on average: the totals are apportioned (largest
// remainder) to each court and month, and within it to its cases, so any --scale gives the scaled totals.
import type { CaseRecord } from '../data/record.js';
import type { Day } from '../time/calendar.js';
import { apportion, Rng } from './random.js';
import { DAY } from './options.js';
import { courtCtx } from './courts.js';
import { fileDays, months } from './filing.js';
import { NATIONAL_FROM, NATIONAL_TO, nationalCourts, nationalTotals } from './national.js';
import {
  recoveredShare,
  sampleClaimed,
  sampleClosure,
  sampleDuration,
  sampleProperty,
  type CasePlan,
} from './case-plan.js';
import { buildCase } from './record.js';

/** Yearly growth of filings (the published yearly totals rose about a tenth a year). */
const GROWTH = 1.1;
/** A case filed m months before the end is still open with a weight e^(-m/3): recent cases are the open ones. */
const OPEN_DECAY = 3;
/** Median claimed amount (yuan) of a basic court's case, before the calibration of recovered amounts. */
const MEDIAN_CLAIMED = 40_000;

export function* nationalCases(seed: string, scale: number): Generator<CaseRecord> {
  const rng = new Rng(`cases:national:${seed}`);
  const totals = nationalTotals(scale);
  const from = DAY(NATIONAL_FROM),
    to = DAY(NATIONAL_TO);
  const courts = nationalCourts().map((c) => courtCtx(c, true));
  const ms = months(from, to, GROWTH);
  const cellW: number[] = [];
  for (const m of ms) for (const c of courts) cellW.push(m.weight * c.spec.weight);
  const filed = apportion(totals.filed, cellW);
  const openW = filed.map((k, i) => k * Math.exp(-(ms.length - 1 - Math.floor(i / courts.length)) / OPEN_DECAY));
  const open = apportion(totals.filed - totals.closed, openW, filed);
  // Higher courts' cases are larger: their share of the money is weighted up.
  const moneyW = filed.map((k, i) => (k - open[i]!) * (courts[i % courts.length]!.spec.level === '基层' ? 1 : 8));
  const money = apportion(totals.recoveredFen, moneyW);
  let cell = 0;
  for (const m of ms) {
    for (const c of courts) {
      const k = filed[cell]!,
        o = open[cell]!,
        fen = money[cell]!;
      cell++;
      if (k === 0) continue;
      // Which of the cell's cases stay open: o of them, drawn.
      const isOpen = new Uint8Array(k);
      const idx = Array.from({ length: k }, (_, i) => i);
      for (let j = 0; j < o; j++) {
        const pick = j + rng.int(k - j);
        [idx[j], idx[pick]] = [idx[pick]!, idx[j]!];
        isOpen[idx[j]!] = 1;
      }
      const plans = fileDays(rng, m.lo, m.hi, k).map((day, i) => plan(rng, c, day, to, isOpen[i] === 1));
      const closed = plans.filter((p) => p.closed !== null);
      const raw = closed.map((p) => p.recovered);
      const weights = raw.some((x) => x > 0) ? raw : closed.map((p) => p.claimed);
      apportion(fen, weights).forEach((x, i) => {
        const p = closed[i]!;
        p.recovered = x;
        if (p.claimed < x) p.claimed = x;
      });
      for (const p of plans) yield buildCase(rng, p, to);
    }
  }
}

function plan(rng: Rng, court: CasePlan['court'], filed: Day, end: Day, open: boolean): CasePlan {
  const x = rng.next();
  const type = x < 0.85 ? '首执' : x < 0.95 ? '恢复执行' : '执行保全';
  const closure = open ? null : sampleClosure(rng, type);
  const property = sampleProperty(rng, closure);
  let closed: Day | null = null;
  if (closure !== null) {
    closed = filed + sampleDuration(rng, closure, type, property, court.spec.level);
    if (closed > end) closed = filed + rng.int(end - filed + 1);
  }
  const claimed = sampleClaimed(rng, MEDIAN_CLAIMED, court.spec.level, type);
  const recovered = Math.round(claimed * recoveredShare(rng, closure));
  return { court, type, filed, closure, closed, claimed, recovered, property, defect: null, extra: [], noRare: false };
}
