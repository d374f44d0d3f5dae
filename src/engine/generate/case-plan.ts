// One generated case's plan: who, when, how it ends, how much. Its events: events.ts; its record: record.ts.
import type { Day } from '../time/calendar.js';
import type { CaseType, Closure } from '../data/record.js';
import type { Rng } from './random.js';
import { ZB } from './options.js';
import type { CourtCtx } from './courts.js';

interface Extra {
  type: string;
  day: Day;
  note?: string;
}

export interface CasePlan {
  court: CourtCtx;
  type: CaseType;
  filed: Day;
  closure: Closure | null;
  closed: Day | null;
  claimed: number; // fen
  recovered: number; // fen
  property: boolean | null;
  /** Which 终本 condition this 终本 case deliberately misses. */
  defect: ZbDefect | null;
  /** Events placed by a preset (fujin2011's 拘留, 罚款, 信访). */
  extra: Extra[];
  /** Leave out randomly placed rare events (拘留, 罚款, 信访…): the preset places them. */
  noRare: boolean;
}

type ZbDefect = 'short' | 'no-report' | 'one-query' | 'no-traditional' | 'no-restriction' | 'no-interview';
const ZB_DEFECTS: readonly ZbDefect[] = [
  'short',
  'no-report',
  'one-query',
  'no-traditional',
  'no-restriction',
  'no-interview',
];

function caseType(rng: Rng): CaseType {
  const x = rng.next();
  return x < 0.85 ? '首执' : x < 0.95 ? '恢复执行' : '执行保全';
}

export function sampleClosure(rng: Rng, type: CaseType): Closure {
  if (type === '执行保全')
    return rng.pick([
      '执行完毕',
      '执行完毕',
      '执行完毕',
      '执行完毕',
      '执行完毕',
      '执行完毕',
      '执行完毕',
      '执行完毕',
      '执行完毕',
      '执行完毕',
      '销案',
      '终结执行',
    ] as const);
  const w = type === '首执' ? [45, 40, 8, 3, 2, 2] : [35, 50, 10, 3, 1, 1];
  return (['执行完毕', ZB, '终结执行', '销案', '不予执行', '驳回申请'] as const)[rng.weighted(w)]!;
}

export function sampleProperty(rng: Rng, closure: Closure | null): boolean | null {
  const x = rng.next();
  switch (closure) {
    case '执行完毕':
      return x < 0.88 ? true : x < 0.95 ? false : null;
    case ZB:
      return x < 0.05 ? true : x < 0.93 ? false : null;
    case '终结执行':
      return x < 0.3 ? true : x < 0.9 ? false : null;
    case null:
      return x < 0.45 ? true : x < 0.75 ? false : null;
    default:
      return x < 0.4 ? false : null;
  }
}

export function sampleDuration(
  rng: Rng,
  closure: Closure,
  type: CaseType,
  property: boolean | null,
  level: string,
): number {
  const slow = level === '中院' ? 1.3 : 1;
  if (type === '执行保全') return rng.between(1, 30);
  switch (closure) {
    case '执行完毕':
      return Math.min(900, Math.max(3, Math.round(rng.logNormal(property ? 55 : 90, 0.8) * slow)));
    case ZB:
      return Math.min(1000, 92 + Math.round(rng.logNormal(50, 0.7) * slow));
    case '终结执行':
      return Math.min(900, Math.max(10, Math.round(rng.logNormal(100, 0.7) * slow)));
    default:
      return rng.between(5, 60);
  }
}

export function sampleClaimed(rng: Rng, median: number, level: string, type: CaseType): number {
  const m = median * (level === '中院' ? 25 : 1) * (type === '执行保全' ? 2 : 1);
  const yuan = Math.min(3e9, Math.max(200, rng.logNormal(m, 1.4)));
  const x = rng.next();
  if (x < 0.35) return Math.max(100, Math.round(yuan / 100) * 100) * 100;
  if (x < 0.7) return Math.round(yuan) * 100;
  return Math.round(yuan * 100);
}

export function recoveredShare(rng: Rng, closure: Closure | null): number {
  const x = rng.next();
  switch (closure) {
    case '执行完毕':
      return x < 0.85 ? 1 : x < 0.95 ? 0.6 + 0.39 * rng.next() : 1.01 + 0.14 * rng.next();
    case ZB:
      return x < 0.65 ? 0 : 0.01 + 0.49 * rng.next();
    case '终结执行':
      return x < 0.5 ? 0 : 0.05 + 0.55 * rng.next();
    case null:
      return x < 0.7 ? 0 : 0.1 + 0.5 * rng.next();
    default:
      return 0;
  }
}

export function randomPlan(rng: Rng, court: CourtCtx, filed: Day, asOf: Day, median: number): CasePlan {
  const type = caseType(rng);
  let closure: Closure | null = sampleClosure(rng, type);
  let property = sampleProperty(rng, closure);
  let dur = sampleDuration(rng, closure, type, property, court.spec.level);
  let defect: ZbDefect | null = null;
  if (closure === ZB && rng.chance(0.08)) {
    defect = rng.pick(ZB_DEFECTS);
    if (defect === 'short') dur = rng.between(30, 88);
  }
  let closed: Day | null = filed + dur;
  if (closed > asOf) {
    closed = null;
    closure = null;
    defect = null;
    if (rng.chance(0.3)) property = null;
  }
  const claimed = sampleClaimed(rng, median, court.spec.level, type);
  const recovered = Math.round(claimed * recoveredShare(rng, closure));
  return { court, type, filed, closure, closed, claimed, recovered, property, defect, extra: [], noRare: false };
}
