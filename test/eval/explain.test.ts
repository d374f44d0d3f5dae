// The cases behind a number, checked against the hand-worked fixture (test/peer/fixture.ts, T1).
import { describe, expect, it } from 'vitest';
import { storeFromRecords } from '../../src/engine/data/store.js';
import { explainIndicator, ExplainError } from '../../src/engine/eval/explain.js';
import { FIXTURE_CASES, COURT_A } from '../peer/fixture.js';
import type { CaseRecord } from '../../src/engine/data/record.js';
import { compileText } from './helpers.js';

const ir = compileText('方案 解释 { 期间 2018-01-01 至 2018-12-31  使用 std }\n').ir;
const store = storeFromRecords(FIXTURE_CASES as unknown as CaseRecord[]);
const id = (k: number) => FIXTURE_CASES[k - 1]!.id;

describe('explain', () => {
  it('终本合格率 at T1: K09, K13 pass; K10, K11, K12 fail', () => {
    const num = explainIndicator(ir, store, { indicator: '终本合格率', asOf: '2018-10-31', part: 'numerator' });
    expect(num.ids.sort()).toEqual([id(9), id(13)].sort());
    const missing = explainIndicator(ir, store, { indicator: '终本合格率', asOf: '2018-10-31', part: 'missing' });
    expect(missing.ids.sort()).toEqual([id(10), id(11), id(12)].sort());
    expect(missing.total).toBe(3);
  });
  it('groups and limits: 失信适用率 denominator in court A is its 15 受理 cases, listed up to the limit', () => {
    const r = explainIndicator(ir, store, {
      indicator: '失信适用率',
      asOf: '2018-10-31',
      part: 'denominator',
      group: { kind: 'court', value: COURT_A },
      limit: 4,
    });
    expect(r.total).toBe(15);
    expect(r.ids).toHaveLength(4);
  });
  it('event indicators list the cases holding the events: 信访办结率 at T1 has 3 信访 in 2 cases', () => {
    const r = explainIndicator(ir, store, { indicator: '信访办结率', asOf: '2018-10-31', part: 'denominator' });
    expect(r.events!.reduce((a, b) => a + b, 0)).toBe(3);
    expect(r.ids).toEqual([id(25), id(26)]);
  });
  it('refuses what it cannot list', () => {
    expect(() => explainIndicator(ir, store, { indicator: '不存在', asOf: '2018-10-31', part: 'numerator' })).toThrow(
      ExplainError,
    );
    expect(() => explainIndicator(ir, store, { indicator: '受理数', asOf: '2018-10-31', part: 'missing' })).toThrow(
      ExplainError,
    );
  });
});
