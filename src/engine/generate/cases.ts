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
//
// The parts: options.ts, courts.ts (courts and people), case-plan.ts, events.ts and record.ts (one case), filing.ts,
// fujin2011.ts, progress.ts, staffing.ts.
import { formatDay } from '../time/calendar.js';
import type { CaseRecord, EventRecord } from '../data/record.js';
import { apportion, Rng } from './random.js';
import { DAY, DEFECTS, ZB, resolveOptions, type BrokenRow, type Defect, type GenOptions } from './options.js';
import { randomPlan } from './case-plan.js';
import { buildCase } from './record.js';
import { courtCtx } from './courts.js';
import { fileDays, months } from './filing.js';
import { fujin2011Cases } from './fujin2011.js';
import { nationalCases } from './national-cases.js';
import { NATIONAL } from './national.js';

// ---------------------------------------------------------------------------------------------------
// The streams

/** The cases of a preset, in filing order (month by month, court by court within a month). */
export function* generateCases(opts: GenOptions): Generator<CaseRecord> {
  const r = resolveOptions(opts);
  if (opts.preset === NATIONAL) {
    yield* nationalCases(r.seed, opts.scale ?? 1);
    return;
  }
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
    case 'impossible-date':
      v.filed = rng.chance(0.5) ? `${year}-02-30` : `${year}-04-31`;
      break;
    case 'closed-before-filed': {
      v.closed = formatDay(DAY(rec.filed) - rng.between(1, 40));
      v.closure = rec.closure ?? '执行完毕';
      v.events = []; // one defect a row: no events after the (wrong) closing date
      break;
    }
    case 'negative-money':
      v.claimed = -Math.max(1, rec.claimed);
      break;
    case 'three-decimals':
      v.recovered = Math.floor(rec.recovered) + 0.125;
      break;
    case 'unknown-closure':
      v.closed = rec.closed ?? rec.filed;
      v.closure = rng.pick(['和解结案', '中止执行', '执结']);
      break;
    case 'missing-court':
      delete v.court;
      break;
    case 'event-after-closed': {
      const closed = rec.closed ?? formatDay(DAY(rec.filed) + 30);
      v.closed = closed;
      v.closure = rec.closure ?? '执行完毕';
      (v.events as EventRecord[]).push({
        type: '拘留',
        date: formatDay(DAY(closed) + rng.between(1, 20)),
        note: '15日',
      });
      break;
    }
    case 'closure-without-closed':
      v.closed = null;
      v.closure = rec.closure ?? ZB;
      break;
    case 'duplicate-id':
      v.id = previousId;
      break;
    case 'unknown-event-type':
      (v.events as EventRecord[]).push({ type: rng.pick(['查封', '冻结', '扣划']), date: rec.filed });
      break;
    case 'malformed':
      break;
  }
  return { defect, value: v };
}
