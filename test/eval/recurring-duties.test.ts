// Weekly duties (每周, 每周五), duties whose period the original leaves unstated (定期), and the instances
// each is due in: a week runs Monday to Sunday, a 每周五 duty falls due on the Friday.
import { describe, expect, it } from 'vitest';
import { evaluateText } from './helpers.js';
import { recurInstances, recurWord, weekdayOf } from '../../src/engine/eval/recurring.js';
import { parseIsoDay } from '../../src/engine/time/calendar.js';
import { deadlineCell } from '../../src/engine/documents/task-table.js';
import { compileText } from './helpers.js';

// 2018-01-01 is a Monday.
const PLAN = `方案 周 { 期间 2018-01-01 至 2018-01-31 }
人员 张三
任务 2.1 "周沟通小结" {
  责任人 张三
  完成 持续
  每周五 "每周五下班前召开局务会"
  每周 "每周调度"
  定期 "定期通报（周期未写）"
}
`;

describe('recurring duties by the week, and 定期', () => {
  it('counts a 每周五 duty once its Friday is past, a 每周 duty once its Sunday is', () => {
    const progress = [
      { task: '2.1', milestone: '每周五下班前召开局务会', done: '2018-01-05' },
      { task: '2.1', milestone: '每周五下班前召开局务会', done: '2018-01-19' },
      { task: '2.1', milestone: '每周调度', done: '2018-01-03' },
    ];
    // As of Friday 2018-01-19: Fridays 01-05, 01-12, 01-19 are due; weeks ending 01-07 and 01-14 are.
    const r = evaluateText(PLAN, [], '2018-01-19', { progress });
    const t = r.tasks.find((x) => x.id === '2.1')!;
    expect(t.recurring).toEqual([
      { every: 'week', text: '每周五下班前召开局务会', due: 3, reported: 2, missing: ['2018-01-08周'] },
      { every: 'week', text: '每周调度', due: 2, reported: 1, missing: ['2018-01-08周'] },
      { every: 'unstated', text: '定期通报（周期未写）', due: 0, reported: 0, missing: [] },
    ]);
  });

  it("compiles the day into the IR and writes the plan's word back in the task table", () => {
    const ir = compileText(PLAN).ir;
    const task = ir.tasks[0]!;
    expect(task.recurring.map((x) => [x.every, x.day ?? null])).toEqual([
      ['week', 5],
      ['week', null],
      ['unstated', null],
    ]);
    expect(deadlineCell(task).split('\n')).toEqual([
      '长期坚持',
      '每周五：每周五下班前召开局务会',
      '每周：每周调度',
      '定期：定期通报（周期未写）',
    ]);
  });

  it('weeks start on Monday; a plan starting mid-week has that week as its first', () => {
    expect(weekdayOf(parseIsoDay('2018-01-01')!)).toBe(1);
    expect(weekdayOf(parseIsoDay('2018-01-07')!)).toBe(7);
    expect(weekdayOf(parseIsoDay('1969-12-31')!)).toBe(3);
    const period = { from: parseIsoDay('2018-01-03')!, to: parseIsoDay('2018-01-31')! };
    expect(recurInstances('week', 1, period, parseIsoDay('2018-01-15')!).map((i) => i.label)).toEqual([
      '2018-01-01周',
      '2018-01-08周',
      '2018-01-15周',
    ]);
    expect(recurWord('week', 7)).toBe('每周日');
    expect(recurWord('unstated', null)).toBe('定期');
  });
});
