// The test-file reader: shape, inheritance, names made from what a test checks, and every mistake
// located at file:line:col.
import { describe, expect, test } from 'vitest';
import { parseTestFile, quantity } from '../../src/engine/tester/parse.js';
import type { TestSpec } from '../../src/engine/tester/model.js';

const parse = (text: string) => parseTestFile('p.test.yaml', text);

function only(text: string): TestSpec[] {
  const r = parse(text);
  expect(r.errors).toEqual([]);
  return r.model!.tests;
}

describe('structure', () => {
  test('groups pass asOf, court and the data source down; own values win', () => {
    const tests = only(`plan: a.plan
asOf: 2018-12-31
tests:
  - name: 海曙
    court: 海曙法院
    fixtures: [甲]
    tests:
      - { indicator: 结案率, equals: 50% }
      - { indicator: 结案率, asOf: 2018-06-30, court: 江北法院, equals: 1 }
      - name: 内层
        data: 全量
        tests:
          - { target: T, status: met }
  - { task: 一.1, status: overdue }
`);
    expect(tests.map((t) => t.fullName)).toEqual([
      '海曙 › 结案率 [海曙法院] @2018-12-31 = 50%',
      '海曙 › 结案率 [江北法院] @2018-06-30 = 1',
      '海曙 › 内层 › T [海曙法院] @2018-12-31 met (全量)',
      '一.1 @2018-12-31 overdue',
    ]);
    expect(tests[0]!.context.source).toMatchObject({ kind: 'fixtures', names: [{ text: '甲' }] });
    expect(tests[2]!.context.source).toMatchObject({ kind: 'data', name: { text: '全量' } });
    expect(tests[3]!.context.group).toBeNull();
    expect(tests[1]!.loc).toEqual({ line: 9, col: 9 });
  });

  test('a skipped group skips everything in it', () => {
    const tests = only(`plan: a.plan
tests:
  - skip: true
    tests:
      - { indicator: 结案率, equals: 1 }
  - { indicator: 结案率, equals: 1 }
`);
    expect(tests.map((t) => t.skip)).toEqual([true, false]);
  });

  test('data sets: a path, a list, or by kind', () => {
    const r = parse(`plan: a.plan
data:
  one: x.ndjson
  two: [x.ndjson, y.csv]
  three: { cases: c.ndjson, progress: p.ndjson, staffing: s.ndjson }
`);
    expect(
      r.model!.data.map((d) => [d.name, d.cases.map((c) => c.text), d.progress.length, d.staffing.length]),
    ).toEqual([
      ['one', ['x.ndjson'], 0, 0],
      ['two', ['x.ndjson', 'y.csv'], 0, 0],
      ['three', ['c.ndjson'], 1, 1],
    ]);
  });

  test('statuses in English or Chinese, any spacing of words', () => {
    const tests = only(`plan: a.plan
tests:
  - { target: T, status: 达标 }
  - { target: T, status: on_track }
  - { milestone: M, status: 逾期完成 }
  - { task: K, status: 持续推进 }
`);
    expect(tests.map((t) => (t.expect as { status: { value: string } }).status.value)).toEqual([
      'met',
      'on track',
      'done late',
      'ongoing',
    ]);
  });

  test('replay tests: range, step, firstMet/firstMissed (never = null) and statuses by date', () => {
    const [t] = only(`plan: a.plan
tests:
  - replay: { from: 2018-01-01, to: 2018-12-31, step: week }
    target: T
    firstMet: never
    firstMissed: 2018-12-31
    statuses: { 2018-06-30: at risk }
`);
    expect(t!.expect).toMatchObject({
      kind: 'replay',
      step: 'week',
      firstMet: { value: null },
      firstMissed: { value: '2018-12-31' },
      statuses: [{ date: { text: '2018-06-30' }, status: { value: 'at risk' } }],
    });
  });
});

describe('quantities', () => {
  const q = (s: string | number) =>
    quantity({ kind: 'scalar', loc: { line: 1, col: 1 }, value: s, source: String(s) }, 'equals');
  test('units and the digits written', () => {
    expect(q('66.67%')).toMatchObject({ number: 66.67, unit: '%', decimals: 2 });
    expect(q('1‰')).toMatchObject({ number: 1, unit: '‰', decimals: 0 });
    expect(q('1.2万元')).toMatchObject({ number: 1.2, unit: '万元', decimals: 1 });
    expect(q('12,000元')).toMatchObject({ number: 12000, unit: '元' });
    expect(q('30天')).toMatchObject({ number: 30, unit: '日' });
    expect(q('5人')).toMatchObject({ number: 5, unit: '件' });
    expect(q(0.125)).toMatchObject({ number: 0.125, unit: null, decimals: 3 });
  });
  test('not a quantity', () => {
    expect(() => q('about 50%')).toThrow(/must be a number/);
  });
});

describe('mistakes are located', () => {
  const errors = (text: string) => parse(text).errors.map((e) => `${e.line}:${e.col} ${e.message}`);

  test('YAML syntax', () => {
    const e = errors('plan: a.plan\ntests:\n  - { indicator: 结案率, equals: [50%\n');
    expect(e[0]).toMatch(/^4:1 YAML 语法错误 \/ YAML syntax error: Flow sequence/);
  });
  test('an empty file and a missing plan', () => {
    expect(errors('')).toEqual(['1:1 测试文件是空的 / the test file is empty']);
    expect(errors('tests: []\n')[0]).toMatch(/^1:1 .*missing plan/);
  });
  test('an unknown key, with a suggestion', () => {
    expect(errors('plan: a.plan\ntests:\n  - { target: T, statsu: met }\n')[0]).toMatch(
      /^3:18 .*unknown key "statsu".*did you mean "status"/,
    );
    expect(errors('plan: a.plan\nfixture: []\n')[0]).toMatch(/^2:1 .*unknown key "fixture".*did you mean "fixtures"/);
  });
  test('impossible dates, unknown statuses, a test that checks nothing', () => {
    expect(errors('plan: a.plan\ntests:\n  - { indicator: X, asOf: 2018-02-30, equals: 1 }\n')[0]).toMatch(
      /^3:27 .*2018-02-30/,
    );
    expect(errors('plan: a.plan\ntests:\n  - { target: T, status: done }\n')[0]).toMatch(
      /^3:26 .*unknown status "done"/,
    );
    expect(errors('plan: a.plan\ntests:\n  - { target: T }\n')[0]).toMatch(/^3:5 .*needs status/);
    expect(errors('plan: a.plan\ntests:\n  - { court: X }\n')[0]).toMatch(/^3:5 .*needs one of indicator/);
    expect(errors('plan: a.plan\ntests:\n  - { rule: R, passes: true }\n')[0]).toMatch(/needs case/);
  });
  test('contradictions and impossible combinations', () => {
    expect(errors('plan: a.plan\ntests:\n  - { rule: R, case: K, passes: true, failed: [a] }\n')[0]).toMatch(
      /contradicts/,
    );
    expect(errors('plan: a.plan\ntests:\n  - { indicator: X, court: A, team: B, equals: 1 }\n')[0]).toMatch(
      /only one of court, handler, team/,
    );
    expect(errors('plan: a.plan\ntests:\n  - { indicator: X, fixtures: [a], data: b, equals: 1 }\n')[0]).toMatch(
      /fixtures or data, not both/,
    );
    expect(errors('plan: a.plan\ntests:\n  - { indicator: X, approx: true }\n')[0]).toMatch(/approx goes with equals/);
    expect(
      errors(
        'plan: a.plan\ntests:\n  - replay: { from: 2018-12-31, to: 2018-01-01 }\n    target: T\n    final: met\n',
      )[0],
    ).toMatch(/backwards/);
  });
  test('every mistake in the tests is reported, not only the first', () => {
    expect(
      errors(
        'plan: a.plan\ntests:\n  - { target: T }\n  - { task: K, status: nope }\n  - { indicator: X, equals: 1 }\n',
      ),
    ).toHaveLength(2);
  });
  test('duplicate fixture block names and keys', () => {
    expect(errors('plan: a.plan\nfixtures:\n  - { name: a }\n  - { name: a }\n')[0]).toMatch(
      /^4:13 .*duplicate fixture block name a/,
    );
    expect(errors('plan: a.plan\nplan: b.plan\n')[0]).toMatch(/^2:1 YAML/);
  });
});
