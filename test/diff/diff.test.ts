// Plan diffs: definition changes compared as lowered IR (reformatting is no change), outcome changes on
// the same data, the IR printed back in the plan's words, and `luoshi diff` end to end with its exit codes.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileText } from '../eval/helpers.js';
import { PLAN, captureIO } from '../tester/helpers.js';
import { diffDefinitions } from '../../src/engine/diff/definitions.js';
import { diffOutcomes } from '../../src/engine/diff/outcomes.js';
import { irText } from '../../src/engine/diff/irtext.js';
import { evaluatePlan } from '../../src/engine/eval/evaluate.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import type { CaseRecord } from '../../src/engine/data/record.js';
import { main } from '../../src/harness/cli.js';
import { PACKAGE_ROOT } from '../../src/harness/host.js';

const compiled = (text: string) => {
  const r = compileText(text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r;
};

const EXTRA = `
集合 大案 = 结案 其中 申请标的 >= 100000
指标 大案数 (件) = 计数(大案)
字段 三月期 日期 = 立案日期 + 3个月
`;

describe('definitions', () => {
  test('the same plan, reformatted and moved around, has no changes', () => {
    const a = compiled(PLAN + EXTRA);
    const b = compiled(EXTRA.replace('计数(大案)', '计数( 大案 )') + '\n\n' + PLAN.replace(/\n/g, '\n\n'));
    expect(diffDefinitions(a, b)).toEqual([]);
  });

  test('indicators, rules, sets, fields, targets, tasks and roles: added, removed, changed', () => {
    const a = compiled(PLAN + EXTRA);
    const b = compiled(
      (PLAN + EXTRA)
        .replace('申请标的 >= 100000', '申请标的 >= 50000')
        .replace('立案日期 + 3个月', '立案日期 + 6个月')
        .replace('提示 约谈 "约谈": 有 约谈', '条件 约谈 "约谈": 有 约谈 其中 日期 <= 结案日期')
        .replace('结案率 >= 50% 每个法院', '结案率 >= 60% 每个法院')
        .replace('角色 局长 = 张三', '角色 局长 = 李四')
        .replace('节点 "节点乙" 完成 2018-09-30', '节点 "节点乙" 完成 2018-10-31\n  节点 "节点丙" 完成 2018-11-30')
        .replace('指标 大案数 (件) = 计数(大案)', '指标 大案率 (%) = 计数(大案) / 计数(结案)'),
    );
    const d = diffDefinitions(a, b);
    expect(d.map((c) => `${c.kind} ${c.name} ${c.change}`)).toEqual([
      'indicator 大案数 removed',
      'indicator 大案率 added',
      'rule 查控 changed',
      'set 大案 changed',
      'field 三月期 changed',
      'target 结案达标 changed',
      'task 一.1 changed',
      'role 局长 changed',
    ]);
    const by = (name: string) => d.find((c) => c.name === name)!.details;
    expect(by('查控')).toEqual([
      '条件 / condition 约谈: 有 约谈 → 有 约谈 其中 (日期 <= 结案日期)',
      '条件 / condition 约谈 级别 / severity: warning → error',
    ]);
    expect(by('大案')).toEqual([
      '定义 / definition: 案件 其中 结案日期 在 窗口 且 申请标的 >= 100000 → 案件 其中 结案日期 在 窗口 且 申请标的 >= 50000',
    ]);
    expect(by('三月期')).toEqual(['定义 / definition: 立案日期 + 3个月 → 立案日期 + 6个月']);
    expect(by('结案达标')).toEqual(['阈值 / threshold: >= 50% 截至 2018-12-31 → >= 60% 截至 2018-12-31']);
    expect(by('一.1')).toEqual([
      '完成 / due: 2018-09-30 → 2018-11-30',
      '节点 / milestone “节点乙” 完成 / due: 2018-09-30 → 2018-10-31',
      '+ 节点 / milestone “节点丙” 完成 2018-11-30',
    ]);
    expect(by('局长')).toEqual(['担任者 / holders: 张三 → 李四']);
  });

  test("a changed indicator shows both definitions in the plan's words", () => {
    const a = compiled(PLAN + '指标 快结率 (%) = 计数(结案 其中 结案日期 - 立案日期 <= 90) / 计数(结案)\n');
    const b = compiled(
      PLAN +
        '指标 快结率 (%) = 计数(结案 其中 结案日期 - 立案日期 <= 60 且 结案方式 属于 (执行完毕, 终本)) / 计数(结案)\n',
    );
    expect(diffDefinitions(a, b)).toEqual([
      {
        kind: 'indicator',
        name: '快结率',
        change: 'changed',
        details: [
          '定义 / definition: 计数(案件 其中 结案日期 在 窗口 且 结案日期 - 立案日期 <= 90) / 计数(案件 其中 结案日期 在 窗口) → 计数(案件 其中 结案日期 在 窗口 且 结案日期 - 立案日期 <= 60 且 结案方式 属于 (执行完毕, 终结本次执行程序)) / 计数(案件 其中 结案日期 在 窗口)',
        ],
      },
    ]);
  });
});

describe('irText', () => {
  test('precedence is kept with parentheses where needed', () => {
    const lit = (value: number) => ({ op: 'lit' as const, type: 'number' as const, value });
    expect(
      irText({
        op: 'arith',
        arith: '*',
        left: { op: 'arith', arith: '+', left: lit(1), right: lit(2) },
        right: lit(3),
      }),
    ).toBe('(1 + 2) * 3');
    expect(
      irText({
        op: 'arith',
        arith: '-',
        left: lit(1),
        right: { op: 'arith', arith: '-', left: lit(2), right: lit(3) },
      }),
    ).toBe('1 - (2 - 3)');
    expect(
      irText({
        op: 'and',
        args: [
          {
            op: 'or',
            args: [
              { op: 'lit', type: 'boolean', value: true },
              { op: 'lit', type: 'boolean', value: false },
            ],
          },
          { op: 'isNull', subject: { op: 'field', name: 'closed' }, negated: true },
        ],
      }),
    ).toBe('(真 或 假) 且 结案日期 不为空');
    expect(irText({ op: 'followedBy', types: ['案款发放'], within: { days: 30, months: 0, workdays: 0 } })).toBe(
      '之后有 案款发放 在 30日 内',
    );
  });
});

const rec = (id: string, court: string, closed: string | null): CaseRecord => ({
  id,
  court,
  type: '首执',
  filed: '2018-01-10',
  closed,
  closure: closed ? '执行完毕' : null,
  claimed: 0,
  recovered: 0,
  property: null,
  handler: '',
  events: [],
});
const STORE = storeFromRecords([
  rec('A1', '甲市人民法院', '2018-05-01'),
  rec('A2', '甲市人民法院', null),
  rec('B1', '乙市人民法院', '2018-03-01'),
  rec('B2', '乙市人民法院', null),
  rec('B3', '乙市人民法院', null),
]);

describe('outcomes', () => {
  test('target statuses (overall and per court), task statuses, owners, rule failures', () => {
    const a = compiled(PLAN),
      b = compiled(
        PLAN.replace('结案率 >= 50% 每个法院', '结案率 >= 40% 每个法院')
          .replace('角色 局长 = 张三', '角色 局长 = 李四')
          .replace('完成 2018-06-30', '完成 2018-12-31'),
      );
    const ev = (c: ReturnType<typeof compiled>) => evaluatePlan({ ir: c.ir, store: STORE, asOf: '2018-12-31' });
    const d = diffOutcomes(ev(a), ev(b));
    // 甲 1/2 = 50% (met either way); 乙 1/3 = 33% (missed either way): nothing changes for 结案达标.
    expect(d).toEqual([
      { kind: 'task', name: '一.2', before: 'overdue', after: 'due soon', details: [] },
      { kind: 'owner', name: '张三', before: '一.1 (牵头 / lead)', after: null, details: ['− 一.1 (牵头 / lead)'] },
      {
        kind: 'owner',
        name: '李四',
        before: '一.2 (牵头 / lead)',
        after: '一.1 (牵头 / lead), 一.2 (牵头 / lead)',
        details: ['+ 一.1 (牵头 / lead)'],
      },
    ]);
    const c = compiled(PLAN.replace('结案率 >= 50% 每个法院', '结案率 >= 30% 每个法院'));
    expect(diffOutcomes(ev(a), ev(c))).toEqual([
      {
        kind: 'target',
        name: '结案达标',
        before: 'missed',
        after: 'met',
        details: ['乙市人民法院: missed → met (33.33% → 33.33%)'],
      },
    ]);
    // Both 执行完毕 cases lack 总对总查控; once the rule checks only 终本 cases, none is checked.
    const e = compiled(PLAN.replace('适用 结案方式 = 执行完毕', '适用 结案方式 = 终本'));
    expect(diffOutcomes(ev(a), ev(e))).toEqual([
      {
        kind: 'rule',
        name: '查控 [一.1]',
        before: '2/2 不合格 / failing',
        after: '0/0 不合格 / failing',
        details: ['网络: 2 → 0', '约谈: 2 → 0'],
      },
    ]);
  });
});

describe('luoshi diff', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'luoshi-diff-'));
    const plan = readFileSync(join(PACKAGE_ROOT, 'policies/ningbo-2018.plan'), 'utf8');
    writeFileSync(join(dir, 'old.plan'), plan);
    writeFileSync(join(dir, 'same.plan'), plan.replace(/\n\n/g, '\n\n\n'));
    writeFileSync(join(dir, 'new.plan'), plan.replace('终本合格率 > 90% 力争 95%', '终本合格率 > 80% 力争 95%'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const data = join(PACKAGE_ROOT, 'examples/data/ningbo-2018.ndjson');
  const run = async (...args: string[]) => {
    const io = captureIO(dir);
    const code = await main(['diff', ...args], io);
    return { code, out: io.out(), err: io.err() };
  };

  test('exit 0 when no outcome changes', async () => {
    const r = await run('old.plan', 'same.plan', '--data', data);
    expect(r.code).toBe(0);
    expect(r.out).toContain('结果没有变化 / no outcome changed');
  });

  test('exit 1 when outcomes change; text, json and md', async () => {
    const r = await run('old.plan', 'new.plan', '--data', data);
    expect(r.code).toBe(1);
    expect(r.out).toContain('目标 target    终本合格: 未达标 (missed) → ');
    expect(r.out).toContain('阈值 / threshold: > 90% 力争 95% 截至 2018-12-31 → > 80% 力争 95% 截至 2018-12-31');
    const j = JSON.parse((await run('old.plan', 'new.plan', '--data', data, '--format', 'json')).out);
    expect(j.changed).toBe(true);
    expect(j.asOf).toBe('2018-12-31');
    expect(j.definitions).toEqual([expect.objectContaining({ kind: 'target', name: '终本合格', change: 'changed' })]);
    expect(j.outcomes[0]).toMatchObject({ kind: 'target', name: '终本合格', before: 'missed' });
    const md = (await run('old.plan', 'new.plan', '--data', data, '--format', 'md', '--as-of', '2018-06-30')).out;
    expect(md).toContain('截至 / as of **2018-06-30**');
    expect(md).toContain('| 目标 target | 终本合格 |');
  });

  test('exit 2 when it cannot run', async () => {
    expect((await run('old.plan', 'new.plan')).code).toBe(2);
    expect((await run('old.plan', '--data', data)).code).toBe(2);
    expect((await run('old.plan', 'missing.plan', '--data', data)).err).toContain('no such plan file: missing.plan');
    expect((await run('old.plan', 'new.plan', '--data', data, '--as-of', '2018-02-30')).code).toBe(2);
    expect((await run('old.plan', 'new.plan', '--data', data, '--format', 'html')).code).toBe(2);
    writeFileSync(join(dir, 'broken.plan'), '方案 X { 期间 2018-01-01 至 2017-01-01 }\n');
    const b = await run('old.plan', 'broken.plan', '--data', data);
    expect(b.code).toBe(2);
    expect(b.err).toContain('the plans have errors: nothing compared');
  });
});
