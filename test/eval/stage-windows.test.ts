// A staged target whose stages each give their own period: each stage is measured over its own window in
// evaluation and in replay (hand-worked below), where one window for the whole target would measure all
// stages cumulatively.
import { describe, expect, it } from 'vitest';
import { compileText, evaluateText } from './helpers.js';
import { replayPlan } from '../../src/engine/replay/replay.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import { sampleCase } from '../data/helpers.js';
import type { CaseRecord } from '../../src/engine/data/record.js';

const PLAN = `使用 std
方案 三年 { 期间 2016-01-01 至 2018-12-31 }
目标 逐年 : 结案率 >= 80% 期间 2016-01-01 至 2016-12-31 截至 2016-12-31, >= 85% 期间 2017-01-01 至 2017-12-31 截至 2017-12-31, >= 90% 每年 截至 2018-12-31
目标 累计 : 结案率 >= 80% 截至 2016-12-31, >= 85% 截至 2017-12-31, >= 90% 截至 2018-12-31
`;

const c = (id: string, filed: string, closed: string | null): CaseRecord =>
  sampleCase({ id, court: '甲市人民法院', filed, closed, events: [] });

// 2016: A1–A5 filed, A1–A4 closed in 2016 → 4/5 = 80%.
// 2017: A5 (closed 2017-03-01), B1, B2 closed, B3 open → 3/4 = 75%; cumulatively 7/8 = 87.5%.
// 2018 as of 2018-06-30: only B3 is pending, nothing closed → 0/1.
const CASES: CaseRecord[] = [
  ...['A1', 'A2', 'A3', 'A4'].map((id) => c(id, '2016-02-01', '2016-06-01')),
  c('A5', '2016-02-01', '2017-03-01'),
  c('B1', '2017-02-01', '2017-05-01'),
  c('B2', '2017-02-01', '2017-05-01'),
  c('B3', '2017-02-01', null),
];

describe('stages with their own windows', () => {
  it('evaluates each stage over its own period (a cumulative target would meet the 2017 stage)', () => {
    const r = evaluateText(PLAN, CASES, '2018-06-30');
    const own = r.targets.find((t) => t.id === '逐年')!;
    expect(own.stages.map((s) => [s.status, s.figure?.numerator, s.figure?.denominator, s.measuredAt])).toEqual([
      ['met', 4, 5, '2016-12-31'],
      ['missed', 3, 4, '2017-12-31'],
      ['at risk', 0, 1, '2018-06-30'],
    ]);
    expect(own.stages.map((s) => s.window)).toEqual([
      { kind: 'period', from: '2016-01-01', to: '2016-12-31' },
      { kind: 'period', from: '2017-01-01', to: '2017-12-31' },
      { kind: 'yearly', from: null, to: null },
    ]);
    expect(own.missedStages).toBe(1);
    const cumulative = r.targets.find((t) => t.id === '累计')!;
    expect(cumulative.stages.map((s) => [s.status, s.figure?.numerator, s.figure?.denominator])).toEqual([
      ['met', 4, 5],
      ['met', 7, 8],
      ['at risk', 7, 8],
    ]);
    expect(cumulative.stages.map((s) => s.window)).toEqual([null, null, null]);
  });

  it('replays each stage over its own period', () => {
    const ir = compileText(PLAN).ir;
    const rep = replayPlan({ ir, store: storeFromRecords(CASES), from: '2016-01-01', to: '2018-06-30', step: 'month' });
    const own = rep.targets.find((t) => t.id === '逐年')!;
    const cumulative = rep.targets.find((t) => t.id === '累计')!;
    const at = (d: string): number => rep.dates.indexOf(d);
    expect([own.statuses[at('2016-12-31')], own.statuses[at('2017-12-31')], own.statuses[at('2018-06-30')]]).toEqual([
      'met',
      'missed',
      'at risk',
    ]);
    expect([cumulative.statuses[at('2016-12-31')], cumulative.statuses[at('2017-12-31')]]).toEqual(['met', 'met']);
    // In 2017 before its deadline, the 2017 stage is judged on 2017's cases only: 3/4 < 85%.
    expect(own.statuses[at('2017-11-30')]).toBe('at risk');
    expect(own.firstMissed).toBe('2017-12-31');
  });
});
