// Reading a 任务分解表's rows: header words, owners, departments, group headings, continuation rows and
// what becomes a located 待定 diagnostic.
import { describe, expect, it } from 'vitest';
import { headerRole, readHeader } from '../../src/engine/documents/header.js';
import {
  NoHeaderError,
  readOwner,
  readTaskTable,
  splitList,
  type SourceRow,
} from '../../src/engine/documents/import-table.js';
import { emitPlan } from '../../src/engine/documents/emit-plan.js';
import { compilePlanText } from './helpers.js';

const rows = (cells: string[][]): SourceRow[] => cells.map((c, k) => ({ cells: c, ref: { row: k + 1 } }));

describe('header', () => {
  it('knows the words courts use', () => {
    expect(headerRole('工作任务')).toBe('task');
    expect(headerRole('工作措施')).toBe('content');
    expect(headerRole('责任人')).toBe('leader');
    expect(headerRole('牵头单位')).toBe('lead');
    expect(headerRole('配合部门')).toBe('support');
    expect(headerRole('时间节点')).toBe('due');
    expect(headerRole('完成 时限')).toBe('due');
    expect(headerRole('某某法院任务分解表')).toBeNull();
  });
  it('a 工作措施 column alone stands for the task', () => {
    expect(readHeader(['序号', '工作措施', '责任人', '责任单位', '完成时间'])).toEqual({
      seq: 0,
      task: 1,
      leader: 2,
      dept: 3,
      due: 4,
    });
  });
  it('a caption row is not a header', () => {
    expect(readHeader(['2018年任务分解表', '', ''])).toBeNull();
  });
});

describe('owners', () => {
  it('people, roles, and roles with holders', () => {
    expect(readOwner('孙启福')).toEqual({ name: '孙启福', kind: 'person', holders: [], unsure: false });
    expect(readOwner('执行局局长')).toEqual({ name: '执行局局长', kind: 'role', holders: [], unsure: false });
    expect(readOwner('分管执行工作院领导（吕宇、张三）')).toEqual({
      name: '分管执行工作院领导',
      kind: 'role',
      holders: ['吕宇', '张三'],
      unsure: false,
    });
    expect(readOwner('各基层法院')).toEqual({ name: '各基层法院', kind: 'role', holders: [], unsure: true });
  });
  it('lists split at the top level only', () => {
    expect(splitList('院长（甲、乙）、丙，丁\n戊')).toEqual(['院长（甲、乙）', '丙', '丁', '戊']);
  });
});

describe('readTaskTable', () => {
  const table = rows([
    ['附件1', '', '', '', ''],
    ['2018年执行工作任务分解表', '', '', '', ''],
    ['序号', '工作任务', '责任领导', '责任部门', '完成时限'],
    ['一、强化联动', '一、强化联动', '一、强化联动', '一、强化联动', '一、强化联动'],
    ['1', '建立联动机制', '院长（孙启福）', '执行局、办公室', '6月底前'],
    ['', '', '', '', ''],
    ['2', '完善查控', '', '执行局', '尽快'],
    ['注：每月报送进展。', '注：每月报送进展。', '注：每月报送进展。', '注：每月报送进展。', '注：每月报送进展。'],
  ]);
  const got = readTaskTable(table);

  it('finds the title, the year, the group and the tasks', () => {
    expect(got.title).toBe('2018年执行工作任务分解表');
    expect(got.year).toBe(2018);
    expect(got.groups).toEqual([{ label: '一', title: '强化联动' }]);
    expect(got.tasks.map((t) => [t.id, t.title, t.departments, t.due])).toEqual([
      ['一.1', '建立联动机制', ['执行局', '办公室'], '2018-06-30'],
      ['一.2', '完善查控', ['执行局'], null],
    ]);
    expect(got.notes).toEqual(['注：每月报送进展。']);
  });
  it('locates what it cannot read (row, column) and marks it 待定', () => {
    expect(got.diagnostics).toEqual([
      {
        ref: { row: 7 },
        col: 2,
        zh: '没有写责任领导，责任人记为“待定责任人”',
        en: 'no 责任领导; the owner is recorded as 待定责任人 (to be settled)',
      },
      { ref: { row: 7 }, col: 4, zh: '读不懂完成时限“尽快”', en: 'cannot read the deadline "尽快"' },
    ]);
    const plan = emitPlan(got, { source: 'table.xlsx' });
    expect(plan).toContain('// 待定: 完成时限：读不懂完成时限“尽快”，暂记为持续');
    expect(plan).toContain('角色 院长 = 孙启福');
    const compiled = compilePlanText(plan);
    expect(compiled.errorCount).toBe(0);
    expect(compiled.ir.tasks.map((t) => t.owners.map((o) => o.name))).toEqual([['院长'], ['待定责任人']]);
  });
  it('a row merged into the one above (a split multi-line cell) joins its task', () => {
    const split: SourceRow[] = [
      { cells: ['序号', '工作任务', '责任人', '责任部门', '完成时限'], ref: { row: 1 } },
      { cells: ['1', '充实执行力量', '周招社', '政治部', '2018年6月底前'], ref: { row: 2 } },
      {
        cells: ['1', '按案人比配备', '周招社', '政治部', '2018年6月底前'],
        ref: { row: 3 },
        mergedAbove: [true, false, true, true, true],
      },
    ];
    const t = readTaskTable(split).tasks;
    expect(t.map((x) => [x.id, x.title, x.text])).toEqual([['1', '充实执行力量', ['充实执行力量', '按案人比配备']]]);
  });
  it('no header: a clear error', () => {
    expect(() =>
      readTaskTable(
        rows([
          ['a', 'b'],
          ['c', 'd'],
        ]),
      ),
    ).toThrow(NoHeaderError);
  });
});
