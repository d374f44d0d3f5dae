// Replay must equal an independent as-of evaluation at every step (the incremental sweep may skip work,
// never change an answer), and its bookkeeping (steps, first met, bad ranges) must be right.
import { describe, expect, it } from 'vitest';
import { generateCases } from '../../src/engine/generate/index.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import { evaluatePlan } from '../../src/engine/eval/evaluate.js';
import { replayPlan, stepDates, ReplayError } from '../../src/engine/replay/replay.js';
import { formatDay, parseIsoDay } from '../../src/engine/time/calendar.js';
import { compileText } from '../eval/helpers.js';
import { FIXTURE_CASES } from '../peer/fixture.js';
import type { CaseRecord } from '../../src/engine/data/record.js';

const PLAN = `方案 回放 { 期间 2018-01-01 至 2018-12-31  使用 std  法院 海曙, 江北 }
法院 海曙 = "宁波市海曙区人民法院"
法院 江北 = "宁波市江北区人民法院"
目标 结案 : 结案率 >= 60% 每个法院 截至 2018-12-31
目标 终本 : 终本合格率 >= 50% 截至 2018-06-30, >= 80% 截至 2018-12-31
目标 年度移送 : 拒执移送率 >= 1‰ 每年
`;

function sameAsEvaluation(
  records: readonly CaseRecord[],
  from: string,
  to: string,
  step: 'day' | 'week' | 'month',
): number {
  const ir = compileText(PLAN).ir;
  const store = storeFromRecords(records);
  const rep = replayPlan({ ir, store, from, to, step });
  let compared = 0;
  rep.dates.forEach((d, k) => {
    const ev = evaluatePlan({ ir, store, asOf: d });
    for (const ind of rep.indicators) {
      const e = ev.indicators.find((x) => x.name === ind.name)!;
      expect([ind.name, d, ind.overall.numerators[k], ind.overall.denominators[k]]).toEqual([
        ind.name,
        d,
        e.overall.numerator,
        e.overall.denominator,
      ]);
      for (const [court, s] of Object.entries(ind.courts)) {
        const f = e.courts[court]!;
        expect([ind.name, court, d, s.numerators[k], s.denominators[k]]).toEqual([
          ind.name,
          court,
          d,
          f.numerator,
          f.denominator,
        ]);
      }
      compared++;
    }
  });
  return compared;
}

describe('replay equals evaluation at every step', () => {
  it('on the hand-made fixture, daily', () => {
    expect(
      sameAsEvaluation(FIXTURE_CASES as unknown as CaseRecord[], '2018-01-01', '2018-12-31', 'month'),
    ).toBeGreaterThan(100);
    expect(
      sameAsEvaluation(FIXTURE_CASES as unknown as CaseRecord[], '2018-09-01', '2018-11-30', 'day'),
    ).toBeGreaterThan(1000);
  });
  it('on generated data, weekly over a year and daily over a quarter', () => {
    const records = [...generateCases({ preset: 'ningbo', cases: 600, seed: 3, from: '2017-06-01', to: '2018-12-31' })];
    expect(sameAsEvaluation(records, '2018-01-01', '2018-12-31', 'week')).toBeGreaterThan(500);
    expect(sameAsEvaluation(records, '2018-03-01', '2018-05-31', 'day')).toBeGreaterThan(1000);
  });
});

describe('replay bookkeeping', () => {
  it('steps end on the range end', () => {
    const d = (s: string) => parseIsoDay(s)!;
    expect(stepDates(d('2018-01-15'), d('2018-04-10'), 'month').map(formatDay)).toEqual([
      '2018-01-31',
      '2018-02-28',
      '2018-03-31',
      '2018-04-10',
    ]);
    expect(stepDates(d('2018-01-01'), d('2018-01-20'), 'week').map(formatDay)).toEqual([
      '2018-01-07',
      '2018-01-14',
      '2018-01-20',
    ]);
    expect(stepDates(d('2018-01-01'), d('2018-01-03'), 'day')).toHaveLength(3);
    expect(() => stepDates(d('2018-02-01'), d('2018-01-01'), 'day')).toThrow(ReplayError);
  });
  it('target statuses follow the stages and report first met / missed', () => {
    const ir = compileText(PLAN).ir;
    const rep = replayPlan({
      ir,
      store: storeFromRecords(FIXTURE_CASES as unknown as CaseRecord[]),
      from: '2018-01-01',
      to: '2018-12-31',
      step: 'month',
    });
    const zb = rep.targets.find((t) => t.id === '终本')!;
    // Stage 1 (50% by 06-30) is in force through June, stage 2 (80%) after.
    expect(zb.thresholds.slice(0, 6)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(zb.thresholds.slice(6)).toEqual([0.8, 0.8, 0.8, 0.8, 0.8, 0.8]);
    expect(zb.statuses).toHaveLength(12);
    expect(zb.deadlines).toEqual(['2018-06-30', '2018-12-31']);
    // Every status after a deadline is met or missed, never "on track".
    // January has no 终本 case yet; stage 1 is on track until it falls due and is missed on 06-30; the
    // 80 % stage is then projected to miss (at risk) until it is missed at the year's end.
    expect(zb.statuses).toEqual([
      'not measurable',
      'on track',
      'on track',
      'on track',
      'on track',
      'missed',
      'at risk',
      'at risk',
      'at risk',
      'at risk',
      'at risk',
      'missed',
    ]);
    const firstDecided = zb.statuses.findIndex((s) => s === 'met' || s === 'missed');
    expect(firstDecided).toBe(5);
    expect(zb.firstMissed).toBe('2018-06-30');
    expect(zb.firstMet ?? null).toBeNull();
  });
});
