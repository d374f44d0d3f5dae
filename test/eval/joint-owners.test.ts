// Owners that share a task (`责任人 A, B 共同负责`): none of them is its lead, the report says so (the task's
// `joint`, each person's entry `joint` with `lead` false), and the text report writes 共同负责.
import { describe, expect, it } from 'vitest';
import { evaluateText } from './helpers.js';
import { renderMarkdown, renderText } from '../../src/engine/report/render.js';

const PLAN = `方案 共 { 期间 2018-01-01 至 2018-12-31 }
人员 张三, 李四
任务 1 "共同负责的任务" {
  责任人 张三, 李四 共同负责
  完成 2018-03-31
}
任务 2 "牵头的任务" {
  责任人 张三, 李四
  完成 2018-12-31
}
`;

describe('joint owners', () => {
  it('no owner of a joint task leads; the first owner of another task does', () => {
    const r = evaluateText(PLAN, [], '2018-06-30');
    expect(r.tasks.map((t) => [t.id, t.joint ?? false])).toEqual([
      ['1', true],
      ['2', false],
    ]);
    expect(r.people.map((p) => [p.name, p.tasks.map((t) => [t.task, t.lead, t.joint ?? false])])).toEqual([
      [
        '张三',
        [
          ['1', false, true],
          ['2', true, false],
        ],
      ],
      [
        '李四',
        [
          ['1', false, true],
          ['2', false, false],
        ],
      ],
    ]);
    expect(renderText(r, 'zh')).toContain('张三、李四（共同负责）');
    expect(renderMarkdown(r, 'en')).toContain('| 1 | 共同负责的任务 | 张三, 李四 (jointly) |');
    expect(renderMarkdown(r, 'en')).toContain('| 2 | 牵头的任务 | 张三, 李四 |');
  });
});
