// The fujin2011 preset: 富锦市人民法院 2009–2012, its reported figures reproduced exactly.
import type { CaseRecord, Closure } from '../data/record.js';
import { apportion, type Rng } from './random.js';
import { buildCase } from './record.js';
import {
  randomPlan,
  recoveredShare,
  sampleClaimed,
  sampleClosure,
  sampleDuration,
  sampleProperty,
  type CasePlan,
} from './case-plan.js';
import { DAY, ZB } from './options.js';
import { PRESETS } from './presets.js';
import { courtCtx } from './courts.js';
import { fileDays } from './filing.js';

// fujin2011: 富锦市人民法院 2009–2012, built so that the report's figures hold exactly under domain
// §3's readings. 2011 (window 2011-01-01..2011-12-31, as of 2011-12-31): 受理 386 = 旧存 15 + 新收 371,
// 结案 383, 结案率 99.22%, 执行到位率 Σrecovered/Σclaimed over 结案 = 17,922,960 / 20,460,000 = 87.6%
// exactly; 标的额 (Σclaimed over 受理) 2,249万元 and 执结标的额 (over 结案) 2,046万元. 2010–2011 (window
// 2010-01-01..2011-12-31): 受理 714, 执结 711 (99.58%, reported as 99.5%), 结案标的 3,844万元, 执行到位率
// 73% exactly, 实际执结率 541/711 = 76.09% (reported 76%: the report truncates, as its 99.5% for 99.58% shows),
// 86 司法拘留 with 11 罚款, 8 信访 all 办结.
// Also cases filed and closed in 2009 (outside both windows), and cases filed in 2012 (after the as-of).

interface Group {
  n: number;
  filedFrom: string;
  filedTo: string;
  closedFrom?: string;
  closedTo?: string;
  open?: boolean;
}

const FUJIN_CLOSURES_2011: readonly [Closure, number][] = [
  ['执行完毕', 250],
  ['终结执行', 45],
  [ZB, 70],
  ['销案', 8],
  ['不予执行', 5],
  ['驳回申请', 5],
];
const FUJIN_CLOSURES_2010: readonly [Closure, number][] = [
  ['执行完毕', 205],
  ['终结执行', 40],
  [ZB, 68],
  ['销案', 7],
  ['不予执行', 4],
  ['驳回申请', 4],
];

export function* fujin2011Cases(rng: Rng): Generator<CaseRecord> {
  const asOf = DAY('2012-03-31');
  const court = courtCtx(PRESETS.fujin!.courts[0]!, false);
  const plans: CasePlan[] = [];
  const span = (g: Group): CasePlan[] => {
    const out: CasePlan[] = [];
    for (const filed of fileDays(rng, DAY(g.filedFrom), DAY(g.filedTo), g.n)) {
      out.push({
        court,
        type: rng.chance(0.92) ? '首执' : '恢复执行',
        filed,
        closure: null,
        closed: null,
        claimed: 0,
        recovered: 0,
        property: null,
        defect: null,
        extra: [],
        noRare: true,
      });
    }
    return out;
  };
  /**
   * Closes the cases inside [from, to], after their filing, with the given closures (as many as
   * cases): 终本 goes to cases filed at least 3 months before `to`, the rest at random.
   */
  const close = (cases: CasePlan[], closures: readonly Closure[], from: string, to: string): void => {
    const lo = DAY(from),
      hi = DAY(to);
    const zbCount = closures.filter((c) => c === ZB).length;
    const others = shuffle(
      rng,
      closures.filter((c) => c !== ZB),
    );
    const roomy = shuffle(
      rng,
      cases.filter((p) => p.filed + 92 <= hi),
    );
    const zbCases = new Set(roomy.slice(0, zbCount));
    let k = 0;
    for (const p of cases) {
      const closure = zbCases.has(p) ? ZB : others[k++]!;
      p.closure = closure;
      p.property = sampleProperty(rng, closure);
      const dur = sampleDuration(rng, closure, p.type, p.property, '基层');
      const earliest = Math.max(lo, p.filed + (closure === ZB ? 92 : 1));
      let closed = Math.max(earliest, p.filed + dur);
      if (closed > hi) closed = earliest <= hi ? rng.between(earliest, hi) : hi;
      p.closed = Math.max(closed, p.filed);
    }
  };
  const expand = (mix: readonly [Closure, number][]): Closure[] => mix.flatMap(([c, n]) => Array<Closure>(n).fill(c));

  // G0: filed and closed in 2009.
  const g0 = span({ n: 60, filedFrom: '2009-01-05', filedTo: '2009-10-31' });
  close(
    g0,
    g0.map(() => sampleClosure(rng, '首执')),
    '2009-01-06',
    '2009-12-31',
  );
  for (const p of g0) {
    p.claimed = sampleClaimed(rng, 30_000, '基层', p.type);
    p.recovered = Math.round(p.claimed * recoveredShare(rng, p.closure));
  }
  // G1: filed late 2009, open at 2010-01-01, closed in 2010. G2: filed and closed in 2010.
  const g1 = span({ n: 12, filedFrom: '2009-09-01', filedTo: '2009-12-31' });
  const g2 = span({ n: 316, filedFrom: '2010-01-04', filedTo: '2010-12-24' });
  const closures2010 = shuffle(rng, expand(FUJIN_CLOSURES_2010));
  close(g1, closures2010.slice(0, 12), '2010-01-04', '2010-08-31');
  close(g2, closures2010.slice(12), '2010-01-05', '2010-12-31');
  // G3: 旧存 at 2011-01-01 (filed in 2010), closed in 2011. G4: filed and closed in 2011.
  const g3 = span({ n: 15, filedFrom: '2010-07-01', filedTo: '2010-12-31' });
  const g4 = span({ n: 368, filedFrom: '2011-01-04', filedTo: '2011-12-16' });
  const closures2011 = shuffle(rng, expand(FUJIN_CLOSURES_2011));
  close(g3, closures2011.slice(0, 15), '2011-01-04', '2011-09-30');
  close(g4, closures2011.slice(15), '2011-01-05', '2011-12-31');
  // G5: filed late 2011, open at 2011-12-31; two close in 2012 (after the as-of date).
  const g5 = span({ n: 3, filedFrom: '2011-10-17', filedTo: '2011-12-20' });
  close(g5.slice(0, 2), ['执行完毕', '执行完毕'], '2012-02-01', '2012-03-30');
  for (const p of g5) p.property = true;
  // G6: filed in 2012, after the as-of date.
  const g6 = span({ n: 25, filedFrom: '2012-01-04', filedTo: '2012-03-20' });
  for (const p of g6) {
    const q = randomPlan(rng, court, p.filed, asOf, 30_000);
    Object.assign(p, {
      type: p.type,
      closure: q.closure,
      closed: q.closed,
      claimed: q.claimed,
      recovered: q.recovered,
      property: q.property,
    });
  }

  fixAmounts(rng, [...g1, ...g2], 17_980_000, 10_138_240, 0.5);
  fixAmounts(rng, [...g3, ...g4], 20_460_000, 17_922_960, 0.85);
  const big = apportion(
    2_030_000 - 3 * 50_000,
    g5.map(() => 0.5 + rng.next()),
  ).map((x) => x + 50_000);
  g5.forEach((p, i) => {
    p.claimed = big[i]! * 100;
    p.recovered = p.closure === '执行完毕' ? p.claimed : 0;
  });

  // 2010–2011: 86 司法拘留, 11 of them also fined; 8 信访 cases, all 办结.
  const inWindow = (p: CasePlan): number =>
    Math.min(p.closed ?? DAY('2011-12-31'), DAY('2011-12-31')) - Math.max(p.filed, DAY('2010-01-01'));
  const candidates = shuffle(rng, [...g1, ...g2, ...g3, ...g4, ...g5]);
  const detained = candidates.filter((p) => inWindow(p) >= 20).slice(0, 86);
  detained.forEach((p, i) => {
    const lo = Math.max(p.filed, DAY('2010-01-01')) + 10;
    const hi = Math.min(p.closed ?? DAY('2011-12-31'), DAY('2011-12-31')) - 1;
    const day = rng.between(lo, hi);
    p.extra.push({ type: '拘留', day, note: `${rng.pick([5, 10, 15])}日` });
    if (i < 11) p.extra.push({ type: '罚款', day: Math.min(day + 1, hi) });
  });
  const petitioned = candidates.filter((p) => inWindow(p) >= 45 && !detained.includes(p)).slice(0, 8);
  for (const p of petitioned) {
    const lo = Math.max(p.filed, DAY('2010-01-01')) + 5;
    const day = rng.between(lo, lo + inWindow(p) - 25);
    p.extra.push({ type: '信访', day }, { type: '信访办结', day: day + rng.between(3, 18) });
  }

  // The mixes above give 540 实际执结 of 711 (75.95%), below the truncated 76%: one 2010 终本 closure is
  // recorded as 终结执行 instead (541/711; nothing was recovered, as in a 终结执行), after the case is built
  // so no other case changes.
  const flipped = [...g1, ...g2].find((p) => p.closure === ZB);
  plans.push(...g0, ...g1, ...g2, ...g3, ...g4, ...g5, ...g6);
  plans.sort((a, b) => a.filed - b.filed);
  for (const p of plans) {
    const c = buildCase(rng, p, asOf);
    if (p === flipped) c.closure = '终结执行';
    yield c;
  }
}

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const a = items.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * Sets claimed and recovered (whole yuan) of closed cases so that Σclaimed = total and
 * Σrecovered = recovered exactly: 执行完毕 cases are paid in full and hold `fullShare` of the claims;
 * the rest of the recovered amount is spread over 终结执行 and some 终本 cases, within their claims.
 */
function fixAmounts(rng: Rng, cases: CasePlan[], total: number, recovered: number, fullShare: number): void {
  const full = cases.filter((p) => p.closure === '执行完毕');
  const rest = cases.filter((p) => p.closure !== '执行完毕');
  const totalFull = Math.round(total * fullShare);
  const spread = (items: CasePlan[], sum: number, floor: number): void => {
    const parts = apportion(
      sum - floor * items.length,
      items.map(() => Math.exp(1.3 * rng.normal())),
    );
    items.forEach((p, i) => {
      p.claimed = (parts[i]! + floor) * 100;
    });
  };
  spread(full, totalFull, 800);
  spread(rest, total - totalFull, 800);
  for (const p of full) p.recovered = p.claimed;
  for (const p of rest) p.recovered = 0;
  const eligible = rest.filter((p) => p.closure === '终结执行' || (p.closure === ZB && rng.chance(0.4)));
  const caps = eligible.map((p) => p.claimed / 100);
  const parts = apportion(
    recovered - totalFull,
    eligible.map((p) => (p.claimed / 100) * (0.1 + 0.6 * rng.next())),
    caps,
  );
  eligible.forEach((p, i) => {
    p.recovered = parts[i]! * 100;
  });
}
