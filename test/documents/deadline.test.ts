// The deadline phrases courts write in a 完成时限 column, each read to the plan language's terms.
import { describe, expect, it } from 'vitest';
import { readDeadline, yearIn } from '../../src/engine/documents/deadline.js';

describe('readDeadline', () => {
  it("2018年6月底前 → the month's last day", () => {
    expect(readDeadline('2018年6月底前', null)).toMatchObject({ kind: 'date', date: '2018-06-30', rest: '' });
  });
  it("6月30日前 → that day, in the table's year", () => {
    expect(readDeadline('6月30日前', 2018)).toMatchObject({ kind: 'date', date: '2018-06-30', rest: '' });
  });
  it('6月30日前 without a known year is unreadable, and says why', () => {
    expect(readDeadline('6月30日前', null)).toMatchObject({
      kind: 'unreadable',
      zh: '时限没有写年份，且无法从表格推知：“6月30日前”',
    });
  });
  it('长期坚持 and 持续推进 → ongoing', () => {
    expect(readDeadline('长期坚持', null)).toMatchObject({ kind: 'ongoing', rest: '' });
    expect(readDeadline('持续推进', null)).toMatchObject({ kind: 'ongoing', rest: '' });
  });
  it('每月 and 每季度 → recurring duties, the rest of the line their text', () => {
    expect(readDeadline('每月', null)).toMatchObject({ kind: 'recurring', every: 'month', rest: '' });
    expect(readDeadline('每季度：报送执行质效', null)).toMatchObject({
      kind: 'recurring',
      every: 'quarter',
      rest: '报送执行质效',
    });
    expect(readDeadline('每半年', null)).toMatchObject({ kind: 'recurring', every: 'halfyear' });
    expect(readDeadline('每周五：召开局务会', null)).toEqual({
      kind: 'recurring',
      every: 'week',
      day: 5,
      text: '每周五：召开局务会',
      rest: '召开局务会',
    });
    expect(readDeadline('每周调度', null)).toMatchObject({ kind: 'recurring', every: 'week', day: null, rest: '调度' });
    expect(readDeadline('定期：通报典型案例', null)).toMatchObject({
      kind: 'recurring',
      every: 'unstated',
      day: null,
      rest: '通报典型案例',
    });
  });
  it('2018年上半年 → 2018-06-30; 2018年下半年 → 2018-12-31', () => {
    expect(readDeadline('2018年上半年', null)).toMatchObject({ kind: 'date', date: '2018-06-30' });
    expect(readDeadline('2018年下半年完成', null)).toMatchObject({ kind: 'date', date: '2018-12-31', rest: '' });
  });
  it("年底前 → the 31st of December of the table's year", () => {
    expect(readDeadline('年底前', 2017)).toMatchObject({ kind: 'date', date: '2017-12-31' });
    expect(readDeadline('年底前', null)).toMatchObject({ kind: 'unreadable' });
  });
  it('full dates, month dates, quarters, ISO dates and full-width digits', () => {
    expect(readDeadline('2016年12月前', null)).toMatchObject({ kind: 'date', date: '2016-12-31' });
    expect(readDeadline('2018年4月15日前', null)).toMatchObject({ kind: 'date', date: '2018-04-15' });
    expect(readDeadline('２０１８年２月底', null)).toMatchObject({ kind: 'date', date: '2018-02-28' });
    expect(readDeadline('2016年2月底', null)).toMatchObject({ kind: 'date', date: '2016-02-29' });
    expect(readDeadline('2018年第三季度', null)).toMatchObject({ kind: 'date', date: '2018-09-30' });
    expect(readDeadline('2018-09-30', null)).toMatchObject({ kind: 'date', date: '2018-09-30' });
    expect(readDeadline('2018年底前', null)).toMatchObject({ kind: 'date', date: '2018-12-31' });
  });
  it('a date followed by a deliverable is a milestone', () => {
    expect(readDeadline('2016年6月前：做好执行裁判文书上网意见的准备工作', null)).toMatchObject({
      kind: 'date',
      date: '2016-06-30',
      rest: '做好执行裁判文书上网意见的准备工作',
    });
  });
  it('impossible dates and unknown phrases are unreadable with the reason', () => {
    expect(readDeadline('2018年2月30日前', null)).toMatchObject({
      kind: 'unreadable',
      zh: '2018年2月没有30日：“2018年2月30日前”',
      en: '2018-2 has no day 30: "2018年2月30日前"',
    });
    expect(readDeadline('2018年13月', null)).toMatchObject({ kind: 'unreadable', zh: '月份 13 不存在：“2018年13月”' });
    expect(readDeadline('尽快', 2018)).toMatchObject({ kind: 'unreadable', zh: '读不懂完成时限“尽快”' });
  });
  it("yearIn finds a title's year", () => {
    expect(yearIn('某某市中级人民法院2018年基本解决执行难工作任务分解表')).toBe(2018);
    expect(yearIn('任务分解表')).toBeNull();
  });
});
