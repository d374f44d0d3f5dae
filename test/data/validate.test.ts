import { describe, expect, it } from 'vitest';
import { validateCase, validateProgress, validateStaffing } from '../../src/engine/data/validate.js';
import { sampleCase } from './helpers.js';

/** The (code, field) pairs of a validation's errors. */
function errors(raw: unknown): string[] {
  return validateCase(raw)
    .problems.filter((p) => p.severity === 'error')
    .map((p) => `${p.code} ${p.field}`);
}

function warnings(raw: unknown): string[] {
  return validateCase(raw)
    .problems.filter((p) => p.severity === 'warning')
    .map((p) => `${p.code} ${p.field}`);
}

describe('validateCase', () => {
  it('accepts a valid record unchanged, with no problem', () => {
    const rec = sampleCase();
    const v = validateCase(JSON.parse(JSON.stringify(rec)));
    expect(v.problems).toEqual([]);
    expect(v.value).toEqual(rec);
  });

  it('fills defaults and resolves the 终本 alias', () => {
    const v = validateCase({
      id: 'a',
      court: 'c',
      filed: '2018-01-01',
      closed: '2018-05-01',
      closure: '终本',
      claimed: 1,
      recovered: 0,
      handler: 'h',
      tags: [],
      team: null,
    });
    expect(v.value).toEqual({
      id: 'a',
      court: 'c',
      type: '首执',
      filed: '2018-01-01',
      closed: '2018-05-01',
      closure: '终结本次执行程序',
      claimed: 1,
      recovered: 0,
      property: null,
      handler: 'h',
      events: [],
    });
  });

  it('names missing required fields', () => {
    expect(errors({ court: 'c', filed: '2018-01-01' })).toEqual(['D0101 id']);
    expect(errors({ id: 'a', filed: '2018-01-01' })).toEqual(['D0101 court']);
    expect(errors({ id: 'a', court: 'c' })).toEqual(['D0101 filed']);
    expect(errors({ id: '', court: 'c', filed: '2018-01-01' })).toEqual(['D0101 id']);
    expect(errors({ ...sampleCase(), events: [{ date: '2018-03-02' }] })).toEqual(['D0101 events[0].type']);
  });

  it('rejects a record that is not an object', () => {
    expect(errors(5)).toEqual(['D0102 ']);
    expect(errors([sampleCase()])).toEqual(['D0102 ']);
    expect(errors(null)).toEqual(['D0102 ']);
  });

  it('rejects wrong types', () => {
    expect(errors({ ...sampleCase(), claimed: '100' })).toEqual(['D0102 claimed']);
    expect(errors({ ...sampleCase(), property: '是' })).toEqual(['D0102 property']);
    expect(errors({ ...sampleCase(), events: {} })).toEqual(['D0102 events']);
    expect(errors({ ...sampleCase(), events: [5] })).toEqual(['D0102 events[0]']);
  });

  it('rejects malformed and impossible dates', () => {
    expect(errors({ ...sampleCase(), filed: '2018-02-30' })).toEqual(['D0103 filed']);
    expect(errors({ ...sampleCase(), filed: '2018/03/01' })).toEqual(['D0103 filed']);
    expect(errors({ ...sampleCase(), closed: '2018-13-01' })).toEqual(['D0103 closed']);
    const ev = sampleCase().events.slice();
    ev[3] = { type: '约谈', date: '2018-04-31' };
    expect(errors({ ...sampleCase(), events: ev })).toEqual(['D0103 events[3].date']);
  });

  it('rejects closed before filed', () => {
    expect(errors({ ...sampleCase(), closed: '2018-02-28', events: [] })).toEqual(['D0104 closed']);
  });

  it('rejects an event after closed, except the listed types', () => {
    const late = (type: string): string[] =>
      errors({
        ...sampleCase(),
        events: [{ type, date: '2018-08-01', ...(type === '案款发放' ? { amount: 1 } : {}) }],
      });
    expect(late('拘留')).toEqual(['D0105 events[0].date']);
    expect(late('执行通知')).toEqual(['D0105 events[0].date']);
    for (const t of ['终本巡查', '恢复执行', '信访', '信访办结', '案款发放']) expect(late(t)).toEqual([]);
  });

  it('rejects closure without closed and the reverse', () => {
    expect(errors({ ...sampleCase(), closed: null })).toEqual(['D0106 closure']);
    expect(errors({ ...sampleCase(), closure: null })).toEqual(['D0107 closed']);
    const open = { ...sampleCase(), closed: null, closure: null };
    expect(errors(open)).toEqual([]);
    expect(validateCase(open).value?.closed).toBeNull();
  });

  it('rejects negative money and more than two decimals', () => {
    expect(errors({ ...sampleCase(), claimed: -1 })).toEqual(['D0108 claimed']);
    expect(errors({ ...sampleCase(), recovered: 1.234 })).toEqual(['D0109 recovered']);
    expect(errors({ ...sampleCase(), recovered: 0.1 + 0.2 })).toEqual(['D0109 recovered']);
    expect(errors({ ...sampleCase(), events: [{ type: '案款到账', date: '2018-05-01', amount: -5 }] })).toEqual([
      'D0108 events[0].amount',
    ]);
    expect(errors({ ...sampleCase(), events: [{ type: '案款到账', date: '2018-05-01', amount: 5.555 }] })).toEqual([
      'D0109 events[0].amount',
    ]);
    expect(errors({ ...sampleCase(), claimed: 1e20 })).toEqual(['D0110 claimed']);
  });

  it('rejects unknown case types and closures', () => {
    expect(errors({ ...sampleCase(), type: '执行' })).toEqual(['D0111 type']);
    expect(errors({ ...sampleCase(), closure: '和解结案' })).toEqual(['D0111 closure']);
  });

  it('keeps unknown event types with a warning', () => {
    const raw = { ...sampleCase(), events: [{ type: '查封', date: '2018-04-01' }] };
    const v = validateCase(raw);
    expect(warnings(raw)).toEqual(['D0120 events[0].type']);
    expect(v.value?.events).toEqual([{ type: '查封', date: '2018-04-01' }]);
  });

  it('warns about unknown fields, missing amounts and events before filing, and keeps the record', () => {
    const raw = {
      ...sampleCase(),
      备注: 'x',
      events: [
        { type: '案款到账', date: '2018-04-01' },
        { type: '执行通知', date: '2018-02-01' },
      ],
    };
    expect(warnings(raw)).toEqual(['D0113 备注', 'D0122 events[0].amount', 'D0121 events[1].date']);
    expect(validateCase(raw).value).not.toBeNull();
    const { claimed: _c, handler: _h, ...noMoney } = sampleCase();
    expect(warnings(noMoney)).toEqual(['D0114 claimed', 'D0114 handler']);
    expect(validateCase(noMoney).value).toMatchObject({ claimed: 0, handler: '' });
  });

  it('reports every error of a record, with Chinese and English messages', () => {
    const v = validateCase({
      id: 'x',
      court: 'c',
      filed: '2018-02-30',
      claimed: -1,
      recovered: 1.234,
      closure: '执行完毕',
    });
    expect(v.value).toBeNull();
    expect(v.problems.map((p) => p.code).sort()).toEqual(['D0103', 'D0106', 'D0108', 'D0109', 'D0114']);
    for (const p of v.problems) {
      expect(p.message).toMatch(/[\u4e00-\u9fff]/);
      expect(p.messageEn).toMatch(/[a-z]/);
    }
  });
});

describe('validateProgress and validateStaffing', () => {
  it('accepts valid reports and drops empty optionals', () => {
    expect(
      validateProgress({ task: '四.3', milestone: '建立制度', done: '2018-04-27', by: '吕宇', evidence: null }),
    ).toEqual({
      value: { task: '四.3', milestone: '建立制度', done: '2018-04-27', by: '吕宇' },
      problems: [],
    });
  });

  it('rejects bad progress reports', () => {
    const codes = (raw: unknown): string[] => validateProgress(raw).problems.map((p) => `${p.code} ${p.field}`);
    expect(codes({ done: '2018-04-27' })).toEqual(['D0101 task']);
    expect(codes({ task: '四.3', done: '2018-04-31' })).toEqual(['D0103 done']);
    expect(codes({ task: '四.3', done: '2018-04-27', who: 'x' })).toEqual(['D0113 who']);
  });

  it('checks staffing', () => {
    const ok = { court: 'c', date: '2018-12-31', 执行人员: 30, 政法编制: 200, 员额法官: 9 };
    expect(validateStaffing(ok)).toEqual({ value: ok, problems: [] });
    const codes = (raw: unknown): string[] =>
      validateStaffing(raw).problems.map((p) => `${p.severity} ${p.code} ${p.field}`);
    expect(codes({ ...ok, 执行人员: 3.5 })).toEqual(['error D0102 执行人员']);
    expect(codes({ ...ok, 政法编制: -1 })).toEqual(['error D0102 政法编制']);
    expect(codes({ ...ok, 政法编制: 0 })).toEqual(['warning D0130 政法编制']);
    expect(codes({ court: 'c', date: '2018-12-31', 执行人员: 3 })).toEqual(['error D0101 政法编制']);
  });
});
