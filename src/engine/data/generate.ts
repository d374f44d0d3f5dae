// The example-data generator: realistic enforcement cases for a preset's courts, deterministic for a
// seed (same options → identical records), streamed (a generator function) so ten million cases never
// sit in memory. Platform-neutral: no Node built-ins.
//
// What is realistic here: filings spread over the range with seasonality (fewer in February and
// October, few at weekends) and yearly growth; ~85% 首执, ~10% 恢复执行, ~5% 执行保全; claimed amounts
// log-normal; closures ~45% 执行完毕, ~40% 终本, ~8% 终结执行, the rest 销案/不予执行/驳回申请; durations
// by closure (终本 after the 3-month minimum), cases still open at the as-of date; recovered amounts
// paid in 案款到账 events that sum to them, 案款发放 mostly within 30 days; event timelines as the
// 承德 and 宁波 documents ask (总对总查控 mostly within 3 days, 报告财产令 within 7, 点对点 within 15,
// 限制消费, 纳入失信, 约谈 before 终本), ~8% of 终本 cases missing one 终本 condition, rare 移送公安,
// 信访 with 信访办结, 延期 on long cases, 终本巡查 every ~6 months after 终本, 恢复执行 on some 终本 cases.
// Events follow the era: no 总对总查控 before 2014-12, no 纳入失信 before 2013-10.
//
// The fujin2011 preset reproduces 富锦市人民法院's reported figures exactly (see fujin2011Plans).
import { addMonths, formatDay, parseIsoDay } from '../time/calendar.js';
import type { Day } from '../time/calendar.js';
import { apportion, Rng } from './random.js';
import { FUJIN2011, PRESETS, handlerNames, presetNames, teamNames } from './presets.js';
import type { CourtPreset, Preset } from './presets.js';
import type { CaseRecord, CaseType, Closure, EventRecord, ProgressReport, StaffingRecord } from './record.js';

export { presetNames, PRESETS, FUJIN2011 } from './presets.js';

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
  'impossible-date', 'closed-before-filed', 'negative-money', 'three-decimals', 'unknown-closure',
  'missing-court', 'event-after-closed', 'closure-without-closed', 'duplicate-id', 'unknown-event-type', 'malformed',
] as const;
export type Defect = (typeof DEFECTS)[number];

const ZB: Closure = '终结本次执行程序';
const DAY = (s: string): Day => parseIsoDay(s)!;

/** formatDay, cached: the generator formats millions of dates from a few thousand days. */
const DAY_TEXT: string[] = [];
const DAY_BASE = DAY('1990-01-01');
function dayText(d: Day): string {
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
  const preset = PRESETS[opts.preset] ?? null;
  if (!preset && !isFujin2011) throw new GenError(`unknown preset "${opts.preset}" (known: ${presetNames().join(', ')})`);
  const p = preset ?? PRESETS.fujin!;
  const day = (s: string | undefined, fallback: string, what: string): Day => {
    const d = parseIsoDay(s ?? fallback);
    if (d === null) throw new GenError(`${what} must be a date YYYY-MM-DD, not "${s}"`);
    return d;
  };
  if (isFujin2011 && (opts.cases !== undefined || opts.from !== undefined || opts.to !== undefined || opts.asOf !== undefined)) {
    throw new GenError('fujin2011 is a fixed data set (富锦 2009–2012): --cases, --from, --to and --as-of do not apply');
  }
  const from = day(opts.from, p.from, 'from');
  const to = day(opts.to, p.to, 'to');
  if (to < from) throw new GenError(`to ${formatDay(to)} is before from ${formatDay(from)}`);
  const asOf = isFujin2011 ? DAY('2012-03-31') : day(opts.asOf, formatDay(to), 'as-of');
  if (asOf < from) throw new GenError(`as-of ${formatDay(asOf)} is before from ${formatDay(from)}`);
  const cases = opts.cases ?? p.cases;
  if (!Number.isSafeInteger(cases) || cases < 0) throw new GenError(`cases must be a whole number ≥ 0, not ${opts.cases}`);
  const broken = opts.broken ?? 0;
  if (!(broken >= 0 && broken <= 1)) throw new GenError(`broken must be a fraction between 0 and 1, not ${opts.broken}`);
  return { preset, cases, seed: String(opts.seed ?? 1), from, to, asOf };
}

// ---------------------------------------------------------------------------------------------------
// Courts

interface CourtCtx {
  spec: CourtPreset;
  handlers: string[];
  /** Cumulative weights of the handlers' shares of the cases. */
  handlerCum: Float64Array;
  teams: string[] | null;
  /** Next 案号 number per year and type: key year * 4 + type index. */
  seq: Map<number, number>;
}

function courtCtx(spec: CourtPreset, withTeams: boolean): CourtCtx {
  const handlers = handlerNames(spec.name, spec.handlers);
  const r = new Rng(`handlers:${spec.name}`);
  const handlerCum = new Float64Array(handlers.length);
  let acc = 0;
  handlers.forEach((_, i) => (handlerCum[i] = acc += 0.5 + r.next()));
  return { spec, handlers, handlerCum, teams: withTeams ? teamNames(handlers.length) : null, seq: new Map() };
}

const TYPE_MARK: Readonly<Record<CaseType, string>> = { 首执: '执', 恢复执行: '执恢', 执行保全: '执保' };
const TYPE_INDEX: Readonly<Record<CaseType, number>> = { 首执: 0, 恢复执行: 1, 执行保全: 2 };

function nextId(court: CourtCtx, type: CaseType, filed: Day): string {
  const year = dayText(filed).slice(0, 4);
  const key = Number(year) * 4 + TYPE_INDEX[type];
  const n = (court.seq.get(key) ?? 0) + 1;
  court.seq.set(key, n);
  return `(${year})${court.spec.code}${TYPE_MARK[type]}${n}号`;
}

function pickHandler(rng: Rng, cum: Float64Array): number {
  const x = rng.next() * cum[cum.length - 1]!;
  let a = 0, b = cum.length - 1;
  while (a < b) {
    const m = (a + b) >> 1;
    if (cum[m]! > x) b = m; else a = m + 1;
  }
  return a;
}

// ---------------------------------------------------------------------------------------------------
// One case: a plan (who, when, how it ends, how much), then its events.

interface Extra { type: string; day: Day; note?: string }

interface CasePlan {
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
const ZB_DEFECTS: readonly ZbDefect[] = ['short', 'no-report', 'one-query', 'no-traditional', 'no-restriction', 'no-interview'];

/** The first day each event type exists (the systems and rules came in over the years). */
const ERA: Readonly<Record<string, Day>> = {
  总对总查控: DAY('2014-12-01'), 点对点查控: DAY('2013-01-01'), 纳入失信: DAY('2013-10-01'), 屏蔽失信: DAY('2013-10-01'),
  限制消费: DAY('2010-10-01'), 悬赏: DAY('2012-01-01'), 终本巡查: DAY('2016-12-01'),
};

function caseType(rng: Rng): CaseType {
  const x = rng.next();
  return x < 0.85 ? '首执' : x < 0.95 ? '恢复执行' : '执行保全';
}

function sampleClosure(rng: Rng, type: CaseType): Closure {
  if (type === '执行保全') return rng.pick(['执行完毕', '执行完毕', '执行完毕', '执行完毕', '执行完毕', '执行完毕', '执行完毕', '执行完毕', '执行完毕', '执行完毕', '销案', '终结执行'] as const);
  const w = type === '首执' ? [45, 40, 8, 3, 2, 2] : [35, 50, 10, 3, 1, 1];
  return (['执行完毕', ZB, '终结执行', '销案', '不予执行', '驳回申请'] as const)[rng.weighted(w)]!;
}

function sampleProperty(rng: Rng, closure: Closure | null): boolean | null {
  const x = rng.next();
  switch (closure) {
    case '执行完毕': return x < 0.88 ? true : x < 0.95 ? false : null;
    case ZB: return x < 0.05 ? true : x < 0.93 ? false : null;
    case '终结执行': return x < 0.3 ? true : x < 0.9 ? false : null;
    case null: return x < 0.45 ? true : x < 0.75 ? false : null;
    default: return x < 0.4 ? false : null;
  }
}

function sampleDuration(rng: Rng, closure: Closure, type: CaseType, property: boolean | null, level: string): number {
  const slow = level === '中院' ? 1.3 : 1;
  if (type === '执行保全') return rng.between(1, 30);
  switch (closure) {
    case '执行完毕': return Math.min(900, Math.max(3, Math.round(rng.logNormal(property ? 55 : 90, 0.8) * slow)));
    case ZB: return Math.min(1000, 92 + Math.round(rng.logNormal(50, 0.7) * slow));
    case '终结执行': return Math.min(900, Math.max(10, Math.round(rng.logNormal(100, 0.7) * slow)));
    default: return rng.between(5, 60);
  }
}

function sampleClaimed(rng: Rng, median: number, level: string, type: CaseType): number {
  const m = median * (level === '中院' ? 25 : 1) * (type === '执行保全' ? 2 : 1);
  const yuan = Math.min(3e9, Math.max(200, rng.logNormal(m, 1.4)));
  const x = rng.next();
  if (x < 0.35) return Math.max(100, Math.round(yuan / 100) * 100) * 100;
  if (x < 0.7) return Math.round(yuan) * 100;
  return Math.round(yuan * 100);
}

function recoveredShare(rng: Rng, closure: Closure | null): number {
  const x = rng.next();
  switch (closure) {
    case '执行完毕': return x < 0.85 ? 1 : x < 0.95 ? 0.6 + 0.39 * rng.next() : 1.01 + 0.14 * rng.next();
    case ZB: return x < 0.65 ? 0 : 0.01 + 0.49 * rng.next();
    case '终结执行': return x < 0.5 ? 0 : 0.05 + 0.55 * rng.next();
    case null: return x < 0.7 ? 0 : 0.1 + 0.5 * rng.next();
    default: return 0;
  }
}

function randomPlan(rng: Rng, court: CourtCtx, filed: Day, asOf: Day, median: number): CasePlan {
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

/** The events of a planned case, sorted by date; nothing after asOf, nothing ordinary after closed. */
function caseEvents(rng: Rng, p: CasePlan, asOf: Day): EventRecord[] {
  const out: { day: Day; ev: EventRecord }[] = [];
  const end = p.closed ?? asOf;
  const dur = end - p.filed;
  const zb = p.closure === ZB;
  const afterOk = (t: string): boolean => t === '终本巡查' || t === '恢复执行' || t === '信访' || t === '信访办结' || t === '案款发放';
  const add = (type: string, day: Day | null, amount?: number, note?: string): boolean => {
    if (day === null || day < p.filed || day > asOf || (day > end && !afterOk(type))) return false;
    const era = ERA[type];
    if (era !== undefined && day < era) return false;
    const ev: EventRecord = { type, date: dayText(day) };
    if (amount !== undefined) ev.amount = amount / 100;
    if (note !== undefined) ev.note = note;
    out.push({ day, ev });
    return true;
  };
  /** A day lo..hi days after filing, capped at the end; null when lo is past the end. */
  const within = (lo: number, hi: number): Day | null => (lo > dur ? null : p.filed + rng.between(lo, Math.min(hi, dur)));
  const has = (t: string): boolean => out.some((e) => e.ev.type === t);

  if (p.type !== '执行保全') {
    const notice = rng.chance(0.97) ? within(0, 3) : within(4, 10);
    add('执行通知', notice);
    if (!(zb && p.defect === 'no-report')) add('报告财产令', notice === null ? null : rng.chance(0.7) ? notice : Math.min(end, notice + rng.between(1, 8)));
  }
  const x = rng.next();
  add('总对总查控', x < 0.85 ? within(0, 3) : x < 0.97 ? within(4, 15) : within(16, 40));
  if (p.type !== '执行保全') {
    if ((zb && p.defect !== 'one-query') || (!zb && rng.chance(0.75))) add('点对点查控', rng.chance(0.8) ? within(3, 15) : within(16, 45));
    // Long cases are queried again every two to three months.
    if (!zb || p.defect !== 'one-query') {
      for (let t = rng.between(45, 90), k = 0; t <= dur && k < 6; t += rng.between(60, 90), k++) add('总对总查控', p.filed + t);
    }
    if (zb ? p.defect !== 'no-traditional' : dur > 20 && rng.chance(0.55)) add('传统查控', within(10, 80));
    if (zb ? p.defect !== 'no-restriction' : dur > 30 && rng.chance(0.6)) add('限制消费', within(15, 60));
    const creditP = zb ? 0.7 : p.closure === '终结执行' ? 0.3 : dur > 60 ? 0.25 : 0;
    if (rng.chance(creditP) && add('纳入失信', within(20, 90)) && p.closure === '执行完毕') add('屏蔽失信', p.closed);
    if (zb && p.defect !== 'no-interview' && p.closed !== null) add('约谈', p.closed - rng.between(0, Math.min(20, dur)));
    else if (p.closed !== null && dur > 30 && rng.chance(0.1)) add('约谈', within(10, dur));
    if (!p.noRare) {
      if (dur > 20 && rng.chance(0.005)) add('拘传', within(15, dur));
      if (dur > 20 && rng.chance(0.02)) add('拘留', within(15, dur), undefined, `${rng.pick([5, 10, 15])}日`);
      if (dur > 20 && rng.chance(0.006)) add('罚款', within(15, dur));
      if (dur > 20 && rng.chance(0.004)) add('搜查', within(15, dur));
      if (dur > 30 && rng.chance(0.003)) add('悬赏', within(30, dur));
      if (dur > 60 && rng.chance(0.003)) add('移送公安', within(60, 300), undefined, '涉嫌拒不执行判决、裁定罪');
    }
    if (p.property === true && p.claimed >= 30_000_000 && dur > 90 && rng.chance(0.35)) {
      const appraisal = within(30, Math.max(30, dur - 40));
      if (add('评估', appraisal) && appraisal !== null) add('拍卖', appraisal + rng.between(20, 45));
    }
    if (dur > 183 && rng.chance(0.6)) add('延期', within(150, 182));
    if (dur > 274 && has('延期') && rng.chance(0.5)) add('延期', within(240, 272));
  }

  // Money: 案款到账 events sum to the recovered amount; each paid out (案款发放) mostly within 30 days.
  if (p.recovered > 0) {
    const k = p.recovered < 100 ? 1 : rng.weighted([60, 30, 10]) + 1;
    // k parts at random cut points (in fen), summing to the recovered amount exactly.
    const cuts: number[] = [];
    for (let i = 1; i < k; i++) cuts.push(Math.floor(rng.next() * p.recovered));
    cuts.push(p.recovered);
    sortNumbers(cuts);
    let parts = cuts.map((c, i) => c - (i === 0 ? 0 : cuts[i - 1]!));
    if (parts.some((x) => x <= 0)) parts = [p.recovered];
    const k2 = parts.length;
    const days: Day[] = [];
    for (let i = 0; i < k2; i++) days.push(p.filed + rng.between(Math.min(5, dur), dur));
    sortNumbers(days);
    if (p.closure === '执行完毕' && p.closed !== null) days[k2 - 1] = Math.max(days[k2 - 1]!, p.closed - rng.between(0, Math.min(10, dur)));
    days.forEach((d, i) => {
      add('案款到账', d, parts[i]!);
      const y = rng.next();
      if (y < 0.97) add('案款发放', d + (y < 0.88 ? rng.between(1, 25) : rng.between(26, 60)), parts[i]!);
    });
  }
  if (!p.noRare && rng.chance(0.015)) {
    const visit = p.filed + rng.between(30, Math.max(30, dur + 60));
    if (add('信访', visit) && rng.chance(0.92)) add('信访办结', visit + rng.between(5, 60));
  }
  if (zb && p.closed !== null) {
    if (rng.chance(0.5)) {
      for (let t = p.closed + rng.between(170, 190); t <= Math.min(asOf, addMonths(p.closed, 60)); t += rng.between(170, 190)) add('终本巡查', t);
    }
    if (rng.chance(0.06)) add('恢复执行', p.closed + rng.between(180, 900));
  }
  for (const e of p.extra) add(e.type, e.day, undefined, e.note);
  // Stable insertion sort by day: a case has a handful of events.
  for (let i = 1; i < out.length; i++) {
    const x = out[i]!;
    let j = i - 1;
    while (j >= 0 && out[j]!.day > x.day) {
      out[j + 1] = out[j]!;
      j--;
    }
    out[j + 1] = x;
  }
  return out.map((e) => e.ev);
}

/** Sorts a short array of numbers in place (insertion sort). */
function sortNumbers(a: number[]): void {
  for (let i = 1; i < a.length; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

function tagsFor(rng: Rng, claimed: number): string[] | undefined {
  const tags: string[] = [];
  if (rng.chance(claimed < 20_000_000 ? 0.06 : 0.01)) tags.push('涉民生');
  if (rng.chance(0.005)) tags.push('涉党政机关');
  return tags.length > 0 ? tags : undefined;
}

function buildCase(rng: Rng, p: CasePlan, asOf: Day): CaseRecord {
  const c = p.court;
  const h = pickHandler(rng, c.handlerCum);
  const tags = tagsFor(rng, p.claimed);
  const events = caseEvents(rng, p, asOf);
  // Keys in the canonical order (validateCase's), so files read back byte for byte.
  const rec: CaseRecord = {
    id: nextId(c, p.type, p.filed),
    court: c.spec.name,
    type: p.type,
    filed: dayText(p.filed),
    closed: p.closed === null ? null : dayText(p.closed),
    closure: p.closure,
    claimed: p.claimed / 100,
    recovered: p.recovered / 100,
    property: p.property,
    handler: c.handlers[h]!,
  } as CaseRecord;
  if (c.teams) rec.team = c.teams[h]!;
  if (tags) rec.tags = tags;
  rec.events = events;
  return rec;
}

// ---------------------------------------------------------------------------------------------------
// Filing dates

const MONTH_WEIGHT = [1.0, 0.65, 1.05, 1.0, 1.0, 1.05, 1.1, 1.0, 1.0, 0.85, 1.05, 1.1];

function dayWeight(day: Day): number {
  const dow = (((day + 4) % 7) + 7) % 7; // 0 = Sunday (1970-01-01 was a Thursday)
  return dow === 0 || dow === 6 ? 0.08 : 1;
}

/** k filing days in [lo, hi], weekdays favoured, sorted. */
function fileDays(rng: Rng, lo: Day, hi: Day, k: number): Day[] {
  const weights: number[] = [];
  for (let d = lo; d <= hi; d++) weights.push(dayWeight(d));
  const cum: number[] = [];
  let acc = 0;
  for (const w of weights) cum.push((acc += w));
  const out: Day[] = [];
  for (let i = 0; i < k; i++) {
    const x = rng.next() * acc;
    let a = 0, b = cum.length - 1;
    while (a < b) {
      const m = (a + b) >> 1;
      if (cum[m]! > x) b = m; else a = m + 1;
    }
    out.push(lo + a);
  }
  return out.sort((x, y) => x - y);
}

interface Month { lo: Day; hi: Day; weight: number }

function months(from: Day, to: Day, growth: number): Month[] {
  const out: Month[] = [];
  const startYear = Number(formatDay(from).slice(0, 4));
  for (let first = DAY(`${formatDay(from).slice(0, 7)}-01`); first <= to; first = addMonths(first, 1)) {
    const next = addMonths(first, 1);
    const lo = Math.max(first, from), hi = Math.min(next - 1, to);
    const ym = formatDay(first);
    const y = Number(ym.slice(0, 4)), m = Number(ym.slice(5, 7));
    out.push({ lo, hi, weight: MONTH_WEIGHT[m - 1]! * growth ** (y - startYear) * ((hi - lo + 1) / (next - first)) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The streams

/** The cases of a preset, in filing order (month by month, court by court within a month). */
export function* generateCases(opts: GenOptions): Generator<CaseRecord> {
  const r = resolveOptions(opts);
  const rng = new Rng(`cases:${opts.preset}:${r.seed}`);
  if (r.preset === null) {
    yield* fujin2011Cases(rng);
    return;
  }
  const preset = r.preset;
  const courts = preset.courts.map((c) => courtCtx(c, preset.teams));
  const ms = months(r.from, r.to, preset.growth);
  const cellWeights: number[] = [];
  for (const m of ms) for (const c of courts) cellWeights.push(m.weight * c.spec.weight);
  const counts = apportion(r.cases, cellWeights);
  let cell = 0;
  for (const m of ms) {
    for (const c of courts) {
      const k = counts[cell++]!;
      if (k === 0) continue;
      for (const filed of fileDays(rng, m.lo, m.hi, k)) {
        yield buildCase(rng, randomPlan(rng, c, filed, r.asOf, preset.medianClaimed), r.asOf);
      }
    }
  }
}

/** Cases with a fraction `broken` of them replaced by deliberately bad rows. */
export function* generateRows(opts: GenOptions): Generator<CaseRecord | BrokenRow> {
  const fraction = opts.broken ?? 0;
  const rng = new Rng(`broken:${opts.preset}:${String(opts.seed ?? 1)}`);
  let previousId: string | null = null;
  for (const rec of generateCases(opts)) {
    if (fraction > 0 && rng.chance(fraction)) {
      yield breakRecord(rng, rec, previousId);
    } else {
      yield rec;
    }
    previousId = rec.id;
  }
}

export function isBrokenRow(row: CaseRecord | BrokenRow): row is BrokenRow {
  return 'defect' in row;
}

function breakRecord(rng: Rng, rec: CaseRecord, previousId: string | null): BrokenRow {
  const v = JSON.parse(JSON.stringify(rec)) as Record<string, unknown>;
  let defect: Defect = rng.pick(DEFECTS);
  if (defect === 'duplicate-id' && previousId === null) defect = 'negative-money';
  const year = rec.filed.slice(0, 4);
  switch (defect) {
    case 'impossible-date': v.filed = rng.chance(0.5) ? `${year}-02-30` : `${year}-04-31`; break;
    case 'closed-before-filed': {
      v.closed = formatDay(DAY(rec.filed) - rng.between(1, 40));
      v.closure = rec.closure ?? '执行完毕';
      v.events = []; // one defect a row: no events after the (wrong) closing date
      break;
    }
    case 'negative-money': v.claimed = -Math.max(1, rec.claimed); break;
    case 'three-decimals': v.recovered = Math.floor(rec.recovered) + 0.125; break;
    case 'unknown-closure': v.closed = rec.closed ?? rec.filed; v.closure = rng.pick(['和解结案', '中止执行', '执结']); break;
    case 'missing-court': delete v.court; break;
    case 'event-after-closed': {
      const closed = rec.closed ?? formatDay(DAY(rec.filed) + 30);
      v.closed = closed;
      v.closure = rec.closure ?? '执行完毕';
      (v.events as EventRecord[]).push({ type: '拘留', date: formatDay(DAY(closed) + rng.between(1, 20)), note: '15日' });
      break;
    }
    case 'closure-without-closed': v.closed = null; v.closure = rec.closure ?? ZB; break;
    case 'duplicate-id': v.id = previousId; break;
    case 'unknown-event-type': (v.events as EventRecord[]).push({ type: rng.pick(['查封', '冻结', '扣划']), date: rec.filed }); break;
    case 'malformed': break;
  }
  return { defect, value: v };
}

// ---------------------------------------------------------------------------------------------------
// fujin2011: 富锦市人民法院 2009–2012, built so that the report's figures hold exactly under domain
// §3's readings. 2011 (window 2011-01-01..2011-12-31, as of 2011-12-31): 受理 386 = 旧存 15 + 新收 371,
// 结案 383, 结案率 99.22%, 执行到位率 Σrecovered/Σclaimed over 结案 = 17,922,960 / 20,460,000 = 87.6%
// exactly; 标的额 (Σclaimed over 受理) 2,249万元 and 执结标的额 (over 结案) 2,046万元. 2010–2011 (window
// 2010-01-01..2011-12-31): 受理 714, 执结 711 (99.58%, reported as 99.5%), 结案标的 3,844万元, 执行到位率
// 73% exactly, 实际执结率 541/711 = 76.09% (reported 76%: the report truncates, as its 99.5% for 99.58% shows),
// 86 司法拘留 with 11 罚款, 8 信访 all 办结.
// Also cases filed and closed in 2009 (outside both windows), and cases filed in 2012 (after the as-of).

interface Group { n: number; filedFrom: string; filedTo: string; closedFrom?: string; closedTo?: string; open?: boolean }

const FUJIN_CLOSURES_2011: readonly [Closure, number][] = [['执行完毕', 250], ['终结执行', 45], [ZB, 70], ['销案', 8], ['不予执行', 5], ['驳回申请', 5]];
const FUJIN_CLOSURES_2010: readonly [Closure, number][] = [['执行完毕', 205], ['终结执行', 40], [ZB, 68], ['销案', 7], ['不予执行', 4], ['驳回申请', 4]];

function* fujin2011Cases(rng: Rng): Generator<CaseRecord> {
  const asOf = DAY('2012-03-31');
  const court = courtCtx(PRESETS.fujin!.courts[0]!, false);
  const plans: CasePlan[] = [];
  const span = (g: Group): CasePlan[] => {
    const out: CasePlan[] = [];
    for (const filed of fileDays(rng, DAY(g.filedFrom), DAY(g.filedTo), g.n)) {
      out.push({ court, type: rng.chance(0.92) ? '首执' : '恢复执行', filed, closure: null, closed: null, claimed: 0, recovered: 0, property: null, defect: null, extra: [], noRare: true });
    }
    return out;
  };
  /**
   * Closes the cases inside [from, to], after their filing, with the given closures (as many as
   * cases): 终本 goes to cases filed at least 3 months before `to`, the rest at random.
   */
  const close = (cases: CasePlan[], closures: readonly Closure[], from: string, to: string): void => {
    const lo = DAY(from), hi = DAY(to);
    const zbCount = closures.filter((c) => c === ZB).length;
    const others = shuffle(rng, closures.filter((c) => c !== ZB));
    const roomy = shuffle(rng, cases.filter((p) => p.filed + 92 <= hi));
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
  close(g0, g0.map(() => sampleClosure(rng, '首执')), '2009-01-06', '2009-12-31');
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
    Object.assign(p, { type: p.type, closure: q.closure, closed: q.closed, claimed: q.claimed, recovered: q.recovered, property: q.property });
  }

  fixAmounts(rng, [...g1, ...g2], 17_980_000, 10_138_240, 0.5);
  fixAmounts(rng, [...g3, ...g4], 20_460_000, 17_922_960, 0.85);
  const big = apportion(2_030_000 - 3 * 50_000, g5.map(() => 0.5 + rng.next())).map((x) => x + 50_000);
  g5.forEach((p, i) => {
    p.claimed = big[i]! * 100;
    p.recovered = p.closure === '执行完毕' ? p.claimed : 0;
  });

  // 2010–2011: 86 司法拘留, 11 of them also fined; 8 信访 cases, all 办结.
  const inWindow = (p: CasePlan): number => Math.min(p.closed ?? DAY('2011-12-31'), DAY('2011-12-31')) - Math.max(p.filed, DAY('2010-01-01'));
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
    const parts = apportion(sum - floor * items.length, items.map(() => Math.exp(1.3 * rng.normal())));
    items.forEach((p, i) => (p.claimed = (parts[i]! + floor) * 100));
  };
  spread(full, totalFull, 800);
  spread(rest, total - totalFull, 800);
  for (const p of full) p.recovered = p.claimed;
  for (const p of rest) p.recovered = 0;
  const eligible = rest.filter((p) => p.closure === '终结执行' || (p.closure === ZB && rng.chance(0.4)));
  const caps = eligible.map((p) => p.claimed / 100);
  const parts = apportion(recovered - totalFull, eligible.map((p) => (p.claimed / 100) * (0.1 + 0.6 * rng.next())), caps);
  eligible.forEach((p, i) => (p.recovered = parts[i]! * 100));
}

// ---------------------------------------------------------------------------------------------------
// Progress reports and staffing

interface Deliverable { task: string; milestone?: string; due: string; by: string; evidence: string; late?: number; missing?: boolean }

/** 宁波中院's plan (2018-04-08), 四、主要措施: tasks by the plan's numbering, deliverables by its text. */
const NINGBO_DELIVERABLES: readonly Deliverable[] = [
  { task: '四.1', due: '2018-04-15', by: '市中院政治部', evidence: '全市法院执行人员配置情况表' },
  { task: '四.2', due: '2018-04-30', by: '市中院执行局', evidence: '执行指挥中心实体化运作工作方案', late: 3 },
  { task: '四.3', milestone: '建立终本案件清单式结案管理制度,落实管理专人', due: '2018-04-30', by: '吕宇', evidence: '终本案件结案清单及管理专人名单' },
  { task: '四.3', milestone: '完成2016年1月31日以来结案的所有终本案件核查和信息补录', due: '2018-06-30', by: '吕宇', evidence: '终本案件核查报告', late: 12 },
  { task: '四.4', milestone: '每法院至少向公安局移送2案侦查线索', due: '2018-05-30', by: '市中院执行局', evidence: '移送公安侦查案件清单' },
  { task: '四.4', milestone: '修改完善拒不执行判决、裁定罪认定规范性文件', due: '2018-05-31', by: '市中院刑事审判中心', evidence: '拒执罪认定规范性文件（修订稿）' },
  { task: '四.4', milestone: '集中宣判一批拒不执行判决、裁定罪案件,并同时召开拒执类案件审判情况新闻发布会', due: '2018-07-31', by: '市中院办公室', evidence: '新闻发布会通稿', late: 3 },
  { task: '四.5', milestone: '完成甄别工作和积案清理工作', due: '2018-05-31', by: '市中院执行局', evidence: '有财产可供执行积案清理台账' },
  { task: '四.6', milestone: '基本完成信访积案化解工作', due: '2018-07-20', by: '市中院执行局', evidence: '', missing: true },
  { task: '四.7', milestone: '基本完成执行款清理工作', due: '2018-05-20', by: '市中院行装处', evidence: '执行款清理情况报告' },
  { task: '四.9', milestone: '完成第一次督导', due: '2018-04-30', by: '戴龙军', evidence: '督导情况通报' },
  { task: '四.10', due: '2018-12-31', by: '市中院办公室', evidence: '', missing: true },
];

/** Progress reports of the preset's plan (ningbo only): a few done late, a few missing. */
export function generateProgress(presetName: string): ProgressReport[] {
  if (presetName !== 'ningbo') throw new GenError(`no progress reports for preset "${presetName}" (only ningbo has a plan with dated deliverables here)`);
  const rng = new Rng('progress:ningbo');
  const out: ProgressReport[] = [];
  for (const d of NINGBO_DELIVERABLES) {
    if (d.missing) continue;
    const due = DAY(d.due);
    const done = d.late ? due + d.late : due - rng.between(0, 6);
    const r: ProgressReport = d.milestone === undefined
      ? { task: d.task, done: formatDay(done), by: d.by, evidence: d.evidence }
      : { task: d.task, milestone: d.milestone, done: formatDay(done), by: d.by, evidence: d.evidence };
    out.push(r);
  }
  // 四.1 asks every basic court to staff up by 2018-04-15: each reports; 北仑 late, 象山 missing.
  for (const c of PRESETS.ningbo!.courts.slice(1)) {
    if (c.name.startsWith('象山')) continue;
    const late = c.name.includes('北仑');
    out.push({ task: '四.1', done: formatDay(late ? DAY('2018-04-26') : DAY('2018-04-15') - rng.between(0, 8)), by: c.name, evidence: '执行人员配置情况表' });
  }
  return out.sort((a, b) => (a.done < b.done ? -1 : a.done > b.done ? 1 : 0));
}

/**
 * Staffing of the preset's courts at each 06-30 and 12-31 within [from, to]: 执行人员 grows from the
 * court's starting share of 政法编制 to its final share (宁波's basic courts around 15%, two below).
 */
export function generateStaffing(opts: Pick<GenOptions, 'preset' | 'from' | 'to'>): StaffingRecord[] {
  const name = opts.preset === FUJIN2011 ? 'fujin' : opts.preset;
  const preset = PRESETS[name];
  if (!preset) throw new GenError(`unknown preset "${opts.preset}" (known: ${presetNames().join(', ')})`);
  const p0 = DAY(preset.from), p1 = DAY(preset.to);
  const from = parseIsoDay(opts.from ?? preset.from), to = parseIsoDay(opts.to ?? preset.to);
  if (from === null || to === null) throw new GenError('from and to must be dates YYYY-MM-DD');
  const out: StaffingRecord[] = [];
  const y0 = Number(formatDay(from).slice(0, 4)), y1 = Number(formatDay(to).slice(0, 4));
  for (let y = y0; y <= y1; y++) {
    for (const md of ['06-30', '12-31']) {
      const d = DAY(`${y}-${md}`);
      if (d < from || d > to) continue;
      const t = Math.min(1, Math.max(0, (d - p0) / Math.max(1, p1 - p0)));
      for (const c of preset.courts) {
        const share = c.ratio[0] + (c.ratio[1] - c.ratio[0]) * t;
        const staff = Math.round(c.quota * share);
        out.push({ court: c.name, date: formatDay(d), 执行人员: staff, 政法编制: c.quota, 员额法官: Math.round(staff * 0.3) });
      }
    }
  }
  return out;
}
