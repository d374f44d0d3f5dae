// A generated case's events, as the 承德 and 宁波 documents ask them and as the era allows.
import { addMonths, type Day } from '../time/calendar.js';
import type { EventRecord } from '../data/record.js';
import type { Rng } from './random.js';
import { DAY, ZB, dayText } from './options.js';
import type { CasePlan } from './case-plan.js';

/** The first day each event type exists (the systems and rules came in over the years). */
const ERA: Readonly<Record<string, Day>> = {
  总对总查控: DAY('2014-12-01'),
  点对点查控: DAY('2013-01-01'),
  纳入失信: DAY('2013-10-01'),
  屏蔽失信: DAY('2013-10-01'),
  限制消费: DAY('2010-10-01'),
  悬赏: DAY('2012-01-01'),
  终本巡查: DAY('2016-12-01'),
};

/** The events of a planned case, sorted by date; nothing after asOf, nothing ordinary after closed. */
export function caseEvents(rng: Rng, p: CasePlan, asOf: Day): EventRecord[] {
  const out: { day: Day; ev: EventRecord }[] = [];
  const end = p.closed ?? asOf;
  const dur = end - p.filed;
  const zb = p.closure === ZB;
  const afterOk = (t: string): boolean =>
    t === '终本巡查' || t === '恢复执行' || t === '信访' || t === '信访办结' || t === '案款发放';
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
  const within = (lo: number, hi: number): Day | null =>
    lo > dur ? null : p.filed + rng.between(lo, Math.min(hi, dur));
  const has = (t: string): boolean => out.some((e) => e.ev.type === t);

  if (p.type !== '执行保全') {
    const notice = rng.chance(0.97) ? within(0, 3) : within(4, 10);
    add('执行通知', notice);
    if (!(zb && p.defect === 'no-report'))
      add('报告财产令', notice === null ? null : rng.chance(0.7) ? notice : Math.min(end, notice + rng.between(1, 8)));
  }
  const x = rng.next();
  add('总对总查控', x < 0.85 ? within(0, 3) : x < 0.97 ? within(4, 15) : within(16, 40));
  if (p.type !== '执行保全') {
    if ((zb && p.defect !== 'one-query') || (!zb && rng.chance(0.75)))
      add('点对点查控', rng.chance(0.8) ? within(3, 15) : within(16, 45));
    // Long cases are queried again every two to three months.
    if (!zb || p.defect !== 'one-query') {
      for (let t = rng.between(45, 90), k = 0; t <= dur && k < 6; t += rng.between(60, 90), k++)
        add('总对总查控', p.filed + t);
    }
    if (zb ? p.defect !== 'no-traditional' : dur > 20 && rng.chance(0.55)) add('传统查控', within(10, 80));
    if (zb ? p.defect !== 'no-restriction' : dur > 30 && rng.chance(0.6)) add('限制消费', within(15, 60));
    const creditP = zb ? 0.7 : p.closure === '终结执行' ? 0.3 : dur > 60 ? 0.25 : 0;
    if (rng.chance(creditP) && add('纳入失信', within(20, 90)) && p.closure === '执行完毕') add('屏蔽失信', p.closed);
    if (zb && p.defect !== 'no-interview' && p.closed !== null)
      add('约谈', p.closed - rng.between(0, Math.min(20, dur)));
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
    if (p.closure === '执行完毕' && p.closed !== null)
      days[k2 - 1] = Math.max(days[k2 - 1]!, p.closed - rng.between(0, Math.min(10, dur)));
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
      for (
        let t = p.closed + rng.between(170, 190);
        t <= Math.min(asOf, addMonths(p.closed, 60));
        t += rng.between(170, 190)
      )
        add('终本巡查', t);
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
