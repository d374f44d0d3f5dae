// The generator's courts and people: a preset court's handlers (weighted) and teams, and its 案号 sequence.
import type { Day } from '../time/calendar.js';
import type { CaseType } from '../data/record.js';
import { handlerNames, teamNames, type CourtPreset } from './presets.js';
import { Rng } from './random.js';
import { dayText } from './options.js';

export interface CourtCtx {
  spec: CourtPreset;
  handlers: string[];
  /** Cumulative weights of the handlers' shares of the cases. */
  handlerCum: Float64Array;
  teams: string[] | null;
  /** Next 案号 number per year and type: key year * 4 + type index. */
  seq: Map<number, number>;
}

export function courtCtx(spec: CourtPreset, withTeams: boolean): CourtCtx {
  const handlers = handlerNames(spec.name, spec.handlers);
  const r = new Rng(`handlers:${spec.name}`);
  const handlerCum = new Float64Array(handlers.length);
  let acc = 0;
  handlers.forEach((_, i) => {
    acc += 0.5 + r.next();
    handlerCum[i] = acc;
  });
  return { spec, handlers, handlerCum, teams: withTeams ? teamNames(handlers.length) : null, seq: new Map() };
}

const TYPE_MARK: Readonly<Record<CaseType, string>> = { 首执: '执', 恢复执行: '执恢', 执行保全: '执保' };
const TYPE_INDEX: Readonly<Record<CaseType, number>> = { 首执: 0, 恢复执行: 1, 执行保全: 2 };

export function nextId(court: CourtCtx, type: CaseType, filed: Day): string {
  const year = dayText(filed).slice(0, 4);
  const key = Number(year) * 4 + TYPE_INDEX[type];
  const n = (court.seq.get(key) ?? 0) + 1;
  court.seq.set(key, n);
  return `(${year})${court.spec.code}${TYPE_MARK[type]}${n}号`;
}

export function pickHandler(rng: Rng, cum: Float64Array): number {
  const x = rng.next() * cum[cum.length - 1]!;
  let a = 0,
    b = cum.length - 1;
  while (a < b) {
    const m = (a + b) >> 1;
    if (cum[m]! > x) b = m;
    else a = m + 1;
  }
  return a;
}
