// Running plan tests in memory against a small plan: every kind of expectation passes when right and
// fails (with expected and actual) when wrong; unknown names and bad fixtures stop the file with located
// errors; coverage and the output formats.
import { describe, expect, test } from 'vitest';
import { parse as parseYamlText } from 'yaml';
import { FIXTURES, PLAN, runYaml, withTests } from './helpers.js';
import { coverageOf } from '../../src/engine/tester/coverage.js';
import {
  renderTestJUnit,
  renderTestJson,
  renderTestTap,
  renderTestText,
  summarize,
} from '../../src/engine/tester/format.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import type { CaseRecord } from '../../src/engine/data/record.js';

async function outcomes(tests: string): Promise<Array<[string, string, string]>> {
  const r = await runYaml(withTests(tests));
  expect(r.errors).toEqual([]);
  return r.result!.results.map((x) => [x.status, x.expected, x.actual]);
}

async function errors(yaml: string): Promise<string[]> {
  const r = await runYaml(yaml);
  return r.errors.map((e) => `${e.line}:${e.col} ${e.message}`);
}

describe('indicators', () => {
  test('value, numerator and denominator, per court and overall (hand-worked)', async () => {
    // 甲: 受理 A1 A2 A3, 结案 A1 A3 → 2/3. Overall: + B1 → 2/4.
    expect(
      await outcomes(`  - { indicator: 结案率, court: 甲法院, asOf: 2018-12-31, equals: 66.67%, approx: true, numerator: 2, denominator: 3 }
  - { indicator: 结案率, asOf: 2018-12-31, equals: 50%, numerator: 2, denominator: 4 }
  - { indicator: 结案率, court: 乙法院, equals: 0% }
  - { indicator: 受理数, equals: 4 }
  - { indicator: 结案率, court: 甲法院, asOf: 2018-06-01, equals: 0.333333, approx: 0.000001 }
`),
    ).toEqual([
      ['passed', '≈ 66.67%, numerator 2, denominator 3', '66.67% [0.666667] (2/3)'],
      ['passed', '= 50%, numerator 2, denominator 4', '50.00% [0.5] (2/4)'],
      ['passed', '= 0%', '0.00% (0/1)'],
      ['passed', '= 4', '4件'],
      ['passed', '≈ 0.333333', '33.33% [0.333333] (1/3)'],
    ]);
  });

  test('wrong figures fail, showing what was found', async () => {
    const r = await outcomes(`  - { indicator: 结案率, court: 甲法院, equals: 66.67% }
  - { indicator: 结案率, court: 甲法院, equals: 66.6%, approx: true }
  - { indicator: 结案率, court: 甲法院, numerator: 3 }
  - { indicator: 结案率, court: 甲法院, atLeast: 70% }
  - { indicator: 结案率, court: 甲法院, atMost: 60% }
  - { indicator: 结案率, court: 甲法院, equals: null }
  - { indicator: 结案率, court: 甲法院, atLeast: 60%, atMost: 70% }
`);
    expect(r.map((x) => x[0])).toEqual(['failed', 'failed', 'failed', 'failed', 'failed', 'failed', 'passed']);
    expect(r[0]![2]).toBe('66.67% [0.666667] (2/3)');
  });

  test('not measurable (an empty denominator) is its own value', async () => {
    // As of 2018-01-05 nothing is filed yet: 0/0.
    expect(
      await outcomes(`  - { indicator: 结案率, asOf: 2018-01-05, equals: null }
  - { indicator: 结案率, asOf: 2018-01-05, equals: 0% }
`),
    ).toEqual([
      ['passed', '= — (not measurable)', '— (无法计算 / not measurable) (0/0)'],
      ['failed', '= 0%', '— (无法计算 / not measurable) (0/0)'],
    ]);
  });

  test('a unit that does not fit the indicator is an error', async () => {
    expect(await errors(withTests('  - { indicator: 结案率, equals: 3件 }\n'))).toEqual([
      '16:31 “3件”的单位与指标 结案率（%）不符 / the unit of "3件" does not fit indicator 结案率 (%)',
    ]);
  });
});

describe('rules', () => {
  test('verdicts per case: passes, failed conditions, warnings, applies, visibility by date', async () => {
    expect(
      await outcomes(`  - { rule: 查控, case: A1, passes: true, warnings: [约谈] }
  - { rule: 查控, case: A3, failed: [网络], warnings: [] }
  - { rule: 查控, case: A2, applies: false }
  - { rule: 查控, case: A3, asOf: 2018-06-30, applies: false }
  - { rule: 查控, case: A3, passes: true }
  - { rule: 查控, case: B1, asOf: 2018-01-15, applies: false }
`),
    ).toEqual([
      ['passed', 'passes; warnings: 约谈', 'passes; warnings: 约谈'],
      ['passed', 'fails: 网络; warnings: none', 'fails: 网络; warnings: none'],
      ['passed', 'does not apply', 'does not apply'],
      ['passed', 'does not apply', 'does not apply'],
      ['failed', 'passes', 'fails: 网络'],
      ['failed', 'does not apply', '案件在 2018-01-15 尚未立案 / not filed by 2018-01-15'],
    ]);
  });

  test('a case the rule does not apply to fails a verdict test', async () => {
    const [r] = await outcomes('  - { rule: 查控, case: A2, failed: [网络] }\n');
    expect(r).toEqual(['failed', 'fails: 网络', 'does not apply']);
  });

  test('conditions: unknown names and the wrong list are errors', async () => {
    expect(
      await errors(
        withTests(
          '  - { rule: 查控, case: A1, failed: [网路] }\n  - { rule: 查控, case: A1, failed: [约谈] }\n  - { rule: 查控, case: A1, warnings: [网络] }\n',
        ),
      ),
    ).toEqual([
      '16:36 规则 查控 没有条件“网路”（是否应为“网络”？）；条件：网络、约谈 / rule 查控 has no condition "网路" (did you mean "网络"?); conditions: 网络, 约谈',
      '17:36 “约谈”是提示条件，应写在 warnings 下 / "约谈" is a warning condition: list it under warnings',
      '18:38 “网络”是必备条件，应写在 failed 下 / "网络" is an error condition: list it under failed',
    ]);
  });
});

describe('targets, milestones, tasks', () => {
  test('statuses, stages, groups, lagging (hand-worked)', async () => {
    // 整体结案 stage 1 (≥ 60% by 06-30): at 06-30 受理 4, 结案 A1 → 25%, missed; stage 2 (≥ 80% by 12-31): 2/4 = 50%, missed.
    // 结案达标 (≥ 50% per court by 12-31): 甲 2/3 met, 乙 0/1 missed.
    expect(
      await outcomes(`  - { target: 整体结案, stage: 1, status: missed, equals: 25%, numerator: 1, denominator: 4 }
  - { target: 整体结案, stage: 2018-12-31, status: missed, equals: 50% }
  - { target: 结案达标, court: 甲法院, status: met }
  - { target: 结案达标, court: 乙法院, status: missed, equals: 0% }
  - { target: 结案达标, status: missed, lagging: [乙法院] }
  - { milestone: 一.1/1, status: done on time, done: 2018-03-20 }
  - { task: 一.1, milestone: 节点乙, status: overdue, done: never }
  - { task: 一.1, milestone: 2, asOf: 2018-09-20, status: due soon }
  - { task: 一.1, status: overdue }
  - { task: 一.2, asOf: 2018-05-01, status: pending }
`),
    ).toEqual([
      ['passed', 'status missed; = 25%, numerator 1, denominator 4', 'status missed; 25.00% [0.25] (1/4)'],
      ['passed', 'status missed; = 50%', 'status missed; 50.00% [0.5] (2/4)'],
      ['passed', 'status met', 'status met'],
      ['passed', 'status missed; = 0%', 'status missed; 0.00% (0/1)'],
      ['passed', 'status missed; lagging [乙市人民法院]', 'status missed; lagging [乙市人民法院]'],
      ['passed', 'status done on time; done 2018-03-20', 'status done on time; done 2018-03-20'],
      ['passed', 'status overdue; done never', 'status overdue; done never'],
      ['passed', 'status due soon', 'status due soon'],
      ['passed', 'status overdue', 'status overdue'],
      ['passed', 'status pending', 'status pending'],
    ]);
  });

  test('wrong statuses fail', async () => {
    const r = await outcomes(`  - { target: 结案达标, court: 甲法院, status: missed }
  - { milestone: 一.1/1, status: done late }
  - { task: 一.2, status: done on time }
  - { target: 结案达标, lagging: [] }
`);
    expect(r.map((x) => x[0])).toEqual(['failed', 'failed', 'failed', 'failed']);
  });

  test('scope mistakes are errors', async () => {
    expect(
      await errors(
        withTests(
          '  - { target: 整体结案, court: 甲法院, status: met }\n  - { target: 结案达标, equals: 50% }\n  - { target: 整体结案, stage: 3, status: met }\n',
        ),
      ),
    ).toEqual([
      '16:15 目标 整体结案 按整体计，不能按法院检查 / target 整体结案 is overall: it cannot be checked per court',
      '17:15 目标 结案达标 按法院计：检查数值时请写 court: / target 结案达标 is per court: give court: to check a value',
      '18:28 目标 整体结案 没有这一阶段（共 2 个：2018-06-30、2018-12-31） / target 整体结案 has no such stage (2: 2018-06-30, 2018-12-31)',
    ]);
  });
});

describe('replay', () => {
  test('statuses at step dates, first met / missed, final', async () => {
    // Month ends. 甲: 01-31 受理 A1 A2 A3, 结案 0 → at risk; 05-31: A1 → 1/3, up from 0/3 ninety days before, so
    // projected past the threshold by 12-31 → on track (as an evaluation as of 05-31 says); 07-31: 2/3 on track; 12-31 met.
    expect(
      await outcomes(`  - replay: { from: 2018-01-01, to: 2018-12-31, step: month }
    target: 结案达标
    court: 甲法院
    statuses: { 2018-01-31: at risk, 2018-05-31: on track, 2018-07-31: on track }
    firstMet: 2018-12-31
    firstMissed: never
    final: met
  - replay: { from: 2018-01-01, to: 2018-12-31 }
    target: 整体结案
    firstMissed: 2018-06-30
`),
    ).toEqual([
      [
        'passed',
        'firstMet 2018-12-31; firstMissed never; 2018-01-31 at risk; 2018-05-31 on track; 2018-07-31 on track; final met',
        'firstMet 2018-12-31; firstMissed never; 2018-01-31 at risk; 2018-05-31 on track; 2018-07-31 on track; final met (12 steps)',
      ],
      ['passed', 'firstMissed 2018-06-30', 'firstMissed 2018-06-30 (12 steps)'],
    ]);
  });

  test('a date that is not a step is an error that lists the steps', async () => {
    const e = await errors(
      withTests(
        '  - replay: { from: 2018-01-01, to: 2018-12-31, step: month }\n    target: 结案达标\n    court: 甲法院\n    firstMet: 2018-12-30\n',
      ),
    );
    expect(e).toEqual([
      '19:15 2018-12-30 不是回放的步进日期（2018-01-31, 2018-02-28, 2018-03-31 … 2018-11-30, 2018-12-31） / 2018-12-30 is not a step of the replay (2018-01-31, 2018-02-28, 2018-03-31 … 2018-11-30, 2018-12-31)',
    ]);
  });
});

describe('names and fixtures', () => {
  test('unknown names with suggestions, all at once', async () => {
    expect(
      await errors(
        withTests(`  - { indicator: 结按率, equals: 1 }
  - { rule: 查空, case: A1, passes: true }
  - { rule: 查控, case: A9, passes: true }
  - { rule: 查控, case: B1, fixtures: [甲], passes: true }
  - { target: 结案达, status: met }
  - { milestone: 一.1/3, status: overdue }
  - { task: 一.3, status: overdue }
  - { indicator: 结案率, court: 丙法院, equals: 1 }
  - { indicator: 结案率, fixtures: [丙], equals: 1 }
  - { indicator: 结案率, data: 全量, equals: 1 }
  - { indicator: 结案率, handler: 王五, equals: 1 }
`),
      ),
    ).toEqual([
      '16:18 计划中没有指标“结按率”（是否应为“结案率”？） / the plan has no indicator "结按率" (did you mean "结案率"?)',
      '17:13 计划中没有规则“查空”（是否应为“查控”？） / the plan has no rule "查空" (did you mean "查控"?)',
      '18:23 fixtures 中没有案件“A9”（是否应为“A1”？） / no case "A9" in fixtures (did you mean "A1"?)',
      '19:23 fixtures 甲 中没有案件“B1”（它在未选中的夹具块中） / no case "B1" in fixtures 甲 (it is in a fixture block this test does not select)',
      '20:15 计划中没有目标“结案达”（是否应为“结案达标”？） / the plan has no target "结案达" (did you mean "结案达标"?)',
      '21:18 计划中没有节点“一.1/3”（是否应为“一.1/1”？） / the plan has no milestone "一.1/3" (did you mean "一.1/1"?)',
      '22:13 计划中没有任务“一.3”（是否应为“一.1”？） / the plan has no task "一.3" (did you mean "一.1"?)',
      '23:30 计划中没有法院“丙法院”（是否应为“乙法院”？） / the plan declares no court "丙法院" (did you mean "乙法院"?)',
      '24:34 没有名为“丙”的夹具块（是否应为“乙”？） / no fixture block named "丙" (did you mean "乙"?)',
      '25:29 没有名为“全量”的数据集（在 data: 中声明） / no data set named "全量" (declare it under data:)',
      '26:32 fixtures 中没有承办人“王五” / no handler "王五" in fixtures',
    ]);
  });

  test('a bad fixture is a located error (validation, unknown event type, duplicate id, unknown field)', async () => {
    const e = await errors(`plan: test.plan
fixtures:
  - defaults: { court: 甲法院, filed: 2018-03-01 }
    cases:
      - { id: K1, closed: 2018-02-01, closure: 执行完毕 }
      - { id: K2, events: [总对总@2018-03-02] }
      - { id: K3, events: [约谈 2018-03-02] }
      - { id: K4, colsed: 2018-05-01 }
      - { id: K5, closure: 终本 }
      - { id: K9 }
      - { id: K9 }
      - { id: K6, court: 丙法院 }
      - { id: K7, filed: 2018-02-30 }
      - { id: K8, closed: 2018-05-01, closure: 执行完毕, events: [约谈@2018-06-01] }
    progress:
      - 一.9/1@2018-03-01
      - 一.1/7@2018-03-01
tests: []
`);
    expect(e).toEqual([
      '5:27 结案日期 2018-02-01 早于立案日期 2018-03-01（closed） / closed 2018-02-01 is before filed 2018-03-01 (closed)',
      '6:28 未知事件类型“总对总”（是否应为“总对总查控”？） / unknown event type "总对总" (did you mean "总对总查控"?)',
      '7:28 事件应写作“类型@日期”，如 执行通知@2018-01-06，而不是“约谈 2018-03-02” / an event is written TYPE@DATE, e.g. 执行通知@2018-01-06, not "约谈 2018-03-02"',
      '8:19 案件没有字段“colsed”（是否应为“closed”？） / a case has no field "colsed" (did you mean "closed"?)',
      '9:28 有结案方式 "终本" 但没有结案日期（closure） / closure "终本" is set but closed is not (closure)',
      '11:9 案号重复：K9（首次出现于第 10 行） / duplicate case id K9 (first at line 10)',
      '12:26 计划中没有法院“丙法院”（是否应为“乙法院”？） / the plan declares no court "丙法院" (did you mean "乙法院"?)',
      '13:26 立案日期不是有效日期：2018-02-30（filed） / filed: 2018-02-30 is not a valid date (filed)',
      '14:63 事件“约谈”日期 2018-06-01 晚于结案日期 2018-05-01（events[0].date） / event 约谈 on 2018-06-01 is after closed 2018-05-01 (events[0].date)',
      '16:9 计划中没有任务“一.9”（是否应为“一.1”？） / the plan has no task "一.9" (did you mean "一.1"?)',
      '17:9 任务 一.1 没有节点“一.1/7”（可用序号 1…2、节点编号或原文） / task 一.1 has no milestone "一.1/7" (use 1…2, the id or the text)',
    ]);
  });

  test('shorthand: repeat, ×N events, amounts, 万元, Chinese field names, full court names', async () => {
    const r = await runYaml(`plan: test.plan
fixtures:
  - defaults: { 法院: 甲市人民法院, 立案日期: 2018-03-01 }
    cases:
      - { id: R, closed: 2018-04-01, closure: 执行完毕, claimed: 1.5万元, recovered: 15000, repeat: 3, events: [总对总查控@2018-03-02×2, 案款到账@2018-03-20 500元] }
      - { 案号: S, 结案日期: 2018-04-01, 结案方式: 执行完毕, 申请标的: 100, 到位金额: 50 }
tests:
  - { indicator: 结案数, equals: 4 }
  - { indicator: 执行到位率, equals: 99.89%, approx: true, numerator: 45050, denominator: 45100 }
  - { rule: 查控, case: R-2, passes: true }
`);
    expect(r.errors).toEqual([]);
    const store = r.bound!.fixtures.store;
    expect(store.n).toBe(4);
    expect(store.evStart[1]! - store.evStart[0]!).toBe(3);
    expect(r.result!.results.map((x) => x.status)).toEqual(['passed', 'passed', 'passed']);
  });
});

describe("a ratio's numerator and denominator in their own unit", () => {
  // 执结率 is std's other name (又称) of 结案率.
  test('28000元 and 2.8万元 for a sum of money, 3件 for a count; a ratio unit or the wrong one is a located error', async () => {
    const r = await runYaml(`plan: test.plan
fixtures:
  - defaults: { 法院: 甲市人民法院, 立案日期: 2018-03-01 }
    cases:
      - { id: R, closed: 2018-04-01, closure: 执行完毕, claimed: 40000, recovered: 28000 }
      - { id: S, closed: 2018-04-01, closure: 执行完毕, claimed: 10000, recovered: 0 }
tests:
  - { indicator: 执行到位率, equals: 56%, numerator: 28000元, denominator: 5万元 }
  - { indicator: 执行到位率, numerator: 2.8万元, denominator: 50000 }
  - { indicator: 执结率, numerator: 2件, denominator: 2 }
  - { indicator: 执行到位率, numerator: 28001元 }
`);
    expect(r.errors).toEqual([]);
    expect(r.result!.results.map((x) => [x.status, x.expected])).toEqual([
      ['passed', '= 56%, numerator 28000, denominator 50000'],
      ['passed', 'numerator 28000, denominator 50000'],
      ['passed', 'numerator 2, denominator 2'],
      ['failed', 'numerator 28001'],
    ]);
    expect(
      await errors(`plan: test.plan
fixtures:
  - cases: [{ id: R, 法院: 甲市人民法院, 立案日期: 2018-03-01 }]
tests:
  - { indicator: 结案率, numerator: 50% }
`),
    ).toEqual([
      '5:34 numerator “50%”的单位不符：指标 结案率 的分子是件数（如 3件） / the unit of numerator "50%" does not fit: the numerator of indicator 结案率 is a count (e.g. 3件)',
    ]);
    expect(
      await errors(`plan: test.plan
fixtures:
  - cases: [{ id: R, 法院: 甲市人民法院, 立案日期: 2018-03-01 }]
tests:
  - { indicator: 执行到位率, denominator: 3件 }
`),
    ).toEqual([
      '5:38 denominator “3件”的单位不符：指标 执行到位率 的分母是合计值（如 28000元、45日） / the unit of denominator "3件" does not fit: the denominator of indicator 执行到位率 is a sum (e.g. 28000元, 45日)',
    ]);
  });
});

describe('fixtures and data files share their Chinese field names', () => {
  test('names only data files used to accept (申请执行标的, 实际到位金额, 执行团队, 有财产可供执行, event 类型/日期/金额) work in fixtures', async () => {
    const r = await runYaml(`plan: test.plan
fixtures:
  - defaults: { 执行法院: 甲市人民法院, 立案日期: 2018-03-01 }
    cases:
      - { 案号: T, 结案日期: 2018-04-01, 结案方式: 执行完毕, 申请执行标的: 100, 实际到位金额: 50, 有财产可供执行: true, 承办人: 张三, 执行团队: 一队, 事件: [{ 类型: 案款到账, 日期: 2018-03-20, 金额: 50元 }] }
tests:
  - { indicator: 结案数, equals: 1 }
`);
    expect(r.errors).toEqual([]);
    const store = r.bound!.fixtures.store;
    expect([
      store.courts[store.court[0]!],
      store.teams[store.team[0]!],
      store.claimed[0],
      store.recovered[0],
      store.property[0],
    ]).toEqual(['甲市人民法院', '一队', 10000, 5000, 1]);
    expect(r.result!.results.map((x) => x.status)).toEqual(['passed']);
  });
});

describe('coverage', () => {
  test('a condition counts once some fixture case fails it and some passes it', async () => {
    const yaml = (tests: string, cases: string) => `plan: test.plan
fixtures:
  - defaults: { court: 甲法院, filed: 2018-01-10 }
    cases:
${cases}
tests:
${tests}`;
    const onlyPassing = await runYaml(
      yaml(
        '  - { rule: 查控, case: A1, passes: true }',
        '      - { id: A1, closed: 2018-05-01, closure: 执行完毕, events: [总对总查控@2018-01-11, 约谈@2018-01-12] }',
      ),
    );
    const c1 = coverageOf([
      {
        bound: onlyPassing.bound!,
        plan: 'test.plan',
        libraryFiles: onlyPassing.libraryFiles,
        result: onlyPassing.result!,
      },
    ]);
    expect(c1.items.filter((i) => i.kind !== 'milestone' && i.kind !== 'target')).toEqual([
      { plan: 'test.plan', kind: 'rule', name: '查控', exercised: true, note: null },
      {
        plan: 'test.plan',
        kind: 'condition',
        name: '查控.网络',
        exercised: false,
        note: '没有夹具案件不满足它 / no fixture case fails it',
      },
      {
        plan: 'test.plan',
        kind: 'condition',
        name: '查控.约谈',
        exercised: false,
        note: '没有夹具案件不满足它 / no fixture case fails it',
      },
    ]);
    const both = await runYaml(
      yaml(
        '  - { target: 结案达标, court: 甲法院, status: met }\n  - { milestone: 一.1/2, status: overdue }',
        `      - { id: A1, closed: 2018-05-01, closure: 执行完毕, events: [总对总查控@2018-01-11, 约谈@2018-01-12] }
      - { id: A2, closed: 2018-05-01, closure: 执行完毕 }`,
      ),
    );
    const c2 = coverageOf([
      { bound: both.bound!, plan: 'test.plan', libraryFiles: both.libraryFiles, result: both.result! },
    ]);
    expect(c2.items.map((i) => `${i.kind} ${i.name} ${i.exercised}`)).toEqual([
      'rule 查控 false',
      'condition 查控.网络 true',
      'condition 查控.约谈 true',
      'target 结案达标 true',
      'target 整体结案 false',
      'milestone 一.1/1 false',
      'milestone 一.1/2 true',
    ]);
    expect(c2.percent).toBeCloseTo((4 / 7) * 100);
  });

  test('filtered-out and skipped tests exercise nothing', async () => {
    const r = await runYaml(withTests('  - { target: 结案达标, court: 甲法院, status: met, skip: true }\n'));
    const c = coverageOf([{ bound: r.bound!, plan: 'test.plan', libraryFiles: r.libraryFiles, result: r.result! }]);
    expect(c.items.find((i) => i.name === '结案达标')!.exercised).toBe(false);
  });
});

describe('formats', () => {
  test('JSON, JUnit, TAP and text say the same', async () => {
    const r = await runYaml(
      withTests(`  - { indicator: 结案率, court: 甲法院, equals: 66.67%, approx: true }
  - { indicator: 结案率, court: 甲法院, equals: 10% }
  - { task: 一.2, status: overdue, skip: true }
`),
    );
    const files = [r.result!];
    expect(summarize(files)).toEqual({ files: 1, total: 3, passed: 1, failed: 1, skipped: 1 });
    const json = JSON.parse(renderTestJson(files, null));
    expect(json.summary.failed).toBe(1);
    expect(json.files[0].results[1]).toMatchObject({ status: 'failed', line: 17, col: 5, expected: '= 10%' });
    const junit = renderTestJUnit(files, null);
    expect(junit).toContain('<testsuites name="luoshi test" tests="3" failures="1" skipped="1" errors="0">');
    expect(junit).toContain(
      '<failure message="expected = 10%, got 66.67% [0.666667] (2/3)" type="assertion">t.test.yaml:17:5',
    );
    expect(junit).toContain('<skipped/>');
    expect(junit.match(/<testcase /g)).toHaveLength(3);
    const tap = renderTestTap(files, null).split('\n');
    expect(tap.slice(0, 2)).toEqual(['TAP version 13', '1..3']);
    expect(tap.filter((l) => /^(not )?ok \d/.test(l)).map((l) => l.split(' - ')[0])).toEqual([
      'ok 1',
      'not ok 2',
      'ok 3',
    ]);
    expect(tap).toContain('ok 3 - t.test.yaml › 一.2 overdue # SKIP');
    // The YAML block of a failure is valid YAML.
    const block = tap
      .slice(tap.indexOf('  ---') + 1, tap.indexOf('  ...'))
      .map((l) => l.slice(2))
      .join('\n');
    expect(parseYamlText(block)).toMatchObject({ expected: '= 10%', at: 't.test.yaml:17:5' });
    const text = renderTestText(files, null, false);
    expect(text).toContain(
      '✗ 结案率 [甲法院] = 10%\n      期望 expected: = 10%\n      实际 actual:   66.67% [0.666667] (2/3)\n      at t.test.yaml:17:5',
    );
    expect(text).toContain('测试 tests: 1 passed, 1 failed, 1 skipped, 3 total (1 file)');
  });

  test('results are deterministic', async () => {
    const a = await runYaml(withTests('  - { indicator: 结案率, equals: 50% }\n'));
    const b = await runYaml(withTests('  - { indicator: 结案率, equals: 50% }\n'));
    expect(renderTestJson([a.result!], null)).toBe(renderTestJson([b.result!], null));
  });
});

describe('data sets', () => {
  test('tests may run on a named data set instead of the fixtures', async () => {
    const rec = (id: string, closed: string | null): CaseRecord => ({
      id,
      court: '乙市人民法院',
      type: '首执',
      filed: '2018-01-01',
      closed,
      closure: closed ? '执行完毕' : null,
      claimed: 0,
      recovered: 0,
      property: null,
      handler: '',
      events: [],
    });
    const store = storeFromRecords([rec('D1', '2018-02-01'), rec('D2', '2018-03-01'), rec('D3', null)]);
    const r = await runYaml(
      `plan: test.plan
data:
  全量: whatever.ndjson
${FIXTURES}tests:
  - { indicator: 结案率, court: 乙法院, data: 全量, equals: 66.67%, approx: true, numerator: 2, denominator: 3 }
  - { indicator: 结案率, court: 乙法院, equals: 0% }
  - { rule: 查控, case: D1, data: 全量, failed: [网络] }
`,
      PLAN,
      new Map([['全量', { store, progress: [], staffing: [] }]]),
    );
    expect(r.errors).toEqual([]);
    expect(r.result!.results.map((x) => [x.status, x.data])).toEqual([
      ['passed', '全量'],
      ['passed', 'fixtures'],
      ['passed', '全量'],
    ]);
  });
});
