// The generic function call in the plan language: `Name(args)` parsed, resolved against the registered
// signatures (unknown → E0201 with did-you-mean), typed, lowered to `{op: 'call'}`, formatted, evaluated
// through the registered implementation, replayed; plugin event types silence W0302.
import { describe, expect, it } from 'vitest';
import { compile, type CompileOptions } from '../../src/engine/check/compile.js';
import type { FunctionSignature } from '../../src/engine/check/functions.js';
import { parsePlan } from '../../src/engine/syntax/parse.js';
import { formatPlan } from '../../src/engine/syntax/format.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import { evaluatePlan } from '../../src/engine/eval/evaluate.js';
import { replayPlan } from '../../src/engine/replay/replay.js';
import { irText } from '../../src/engine/diff/irtext.js';
import { NO_DAY, dayOf, formatDay } from '../../src/engine/time/calendar.js';
import type { FunctionImpl, Value } from '../../src/engine/eval/expr.js';
import type { CaseRecord } from '../../src/engine/data/record.js';
import { memoryHost } from '../corpus/host.js';
import { validatePlanIR } from '../../src/engine/ir/validate.js';

const SIGS: FunctionSignature[] = [
  {
    name: '工作日数',
    params: [
      { name: '从', type: 'date' },
      { name: '到', type: 'date' },
    ],
    returns: 'days',
  },
  {
    name: '加倍',
    params: [
      { name: 'x', type: 'money' },
      { name: '倍数', type: 'number', optional: true },
    ],
    returns: 'money',
  },
  { name: '某类', params: [{ name: 't', type: 'eventType' }], returns: 'boolean' },
];
const HEAD = '方案 P {\n  期间 2018-01-01 至 2018-12-31\n  使用 std\n}\n';

function check(body: string, options: CompileOptions = { functions: SIGS }) {
  return compile('p.plan', memoryHost({ 'p.plan': HEAD + body }), options);
}
const diag = (body: string, options?: CompileOptions) =>
  check(body, options).diagnostics.map(
    (d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.column + 1} ${d.message}`,
  );

describe('parsing', () => {
  it('reads Name(args) as a call (full-width parentheses and commas too), keeping 计数/首次 as they were', () => {
    const p = parsePlan('p.plan', '指标 X (件) = 计数(新收 其中 工作日数（立案日期，首次(执行通知)） <= 7)\n');
    expect(p.diagnostics).toEqual([]);
    const ind = p.program.items[0] as unknown as {
      expr: { kind: string; fn: string; args: Array<{ kind: string; predicate: { left: Record<string, unknown> } }> };
    };
    expect(ind.expr).toMatchObject({ kind: 'Call', fn: 'count' });
    const call = ind.expr.args[0]!.predicate.left;
    expect(call).toMatchObject({ kind: 'Call', fn: 'call', name: { kind: 'Name', text: '工作日数' } });
    expect((call.args as Array<{ kind: string }>).map((a) => a.kind)).toEqual(['Name', 'First']);
  });

  it('formats a call canonically and without loss', () => {
    const r = formatPlan('指标 X (件) = 计数(新收 其中 工作日数 （ 立案日期 ，首次(执行通知) ） <= 7)\n');
    expect(r).toEqual({ ok: true, text: '指标 X (件) = 计数(新收 其中 工作日数(立案日期, 首次(执行通知)) <= 7)\n' });
  });
});

describe('checking', () => {
  it('lowers a call to {op: call} with its typed arguments', () => {
    const r = check(
      '指标 X (件) = 计数(新收 其中 工作日数(立案日期, 首次(执行通知)) <= 7 且 加倍(申请标的) > 5万元 且 某类(执行通知))',
    );
    expect(r.diagnostics).toEqual([]);
    const where = (r.ir.indicators.find((i) => i.name === 'X')!.expr as { set: { where: unknown[] } }).set.where;
    expect(where).toContainEqual({
      op: 'cmp',
      cmp: '<=',
      left: {
        op: 'call',
        fn: '工作日数',
        args: [
          { op: 'field', name: 'filed' },
          { op: 'first', type: '执行通知' },
        ],
      },
      right: { op: 'lit', type: 'number', value: 7 },
    });
    expect(where).toContainEqual({ op: 'call', fn: '某类', args: [{ op: 'lit', type: 'string', value: '执行通知' }] });
    expect(validatePlanIR(r.ir)).toEqual({ ok: true }); // the IR's JSON Schema knows the node
    expect(
      validatePlanIR({ ...r.ir, indicators: [{ ...r.ir.indicators[0]!, expr: { op: 'call', fn: 'f', args: [] } }] }).ok,
    ).toBe(false);
    expect(
      irText({
        op: 'call',
        fn: '工作日数',
        args: [
          { op: 'field', name: 'filed' },
          { op: 'first', type: '执行通知' },
        ],
      }),
    ).toBe('工作日数(立案日期, 首次(执行通知))');
  });

  it('reports an unknown function with did-you-mean and a fix (E0201)', () => {
    const r = check('指标 X (件) = 计数(新收 其中 工做日数(立案日期, 首次(执行通知)) <= 7)');
    expect(r.diagnostics.map((d) => [d.code, d.message, d.fix?.edits])).toEqual([
      [
        'E0201',
        '未定义的函数“工做日数”，是否指“工作日数”？',
        [{ range: [HEAD.length + 20, HEAD.length + 24], text: '工作日数' }],
      ],
    ]);
    expect(diag('指标 X (件) = 计数(新收 其中 完全不同(立案日期) <= 7)')).toEqual([
      'E0201 5:21 未定义的函数“完全不同”',
    ]);
    // Without plugins there are no functions at all.
    expect(diag('指标 X (件) = 计数(新收 其中 工作日数(立案日期, 立案日期) <= 7)', {})).toEqual([
      'E0201 5:21 未定义的函数“工作日数”',
    ]);
  });

  it('checks the number and types of arguments, and where a function may be used', () => {
    expect(diag('指标 X (件) = 计数(新收 其中 工作日数(立案日期) <= 7)')).toEqual([
      'E0209 5:21 函数“工作日数”需要 2 个参数，这里有 1 个',
    ]);
    expect(diag('指标 X (件) = 计数(新收 其中 加倍(申请标的, 2, 3) > 0)')).toEqual([
      'E0209 5:21 函数“加倍”需要 1–2 个参数，这里有 3 个',
    ]);
    expect(diag('指标 X (件) = 计数(新收 其中 工作日数(立案日期, 申请标的) <= 7)')).toEqual([
      'E0209 5:32 函数“工作日数”的参数“到”应为日期，但这是金额',
    ]);
    expect(diag('指标 X (件) = 计数(新收 其中 加倍(立案日期) > 0)')).toEqual([
      'E0209 5:24 函数“加倍”的参数“x”应为金额，但这是日期',
    ]);
    expect(diag('指标 X (件) = 计数(新收 其中 工作日数(立案日期, 首次(执行通知)) = 真)')).toEqual([
      'E0209 5:21 无法比较天数与条件（真/假）',
    ]);
    expect(diag('指标 X (件) = 计数(新收 其中 加倍(计数(新收)) > 0)')).toEqual([
      'E0209 5:24 函数“加倍”的参数按案件计算，不能是计数、求和或平均',
    ]);
    expect(diag('指标 X (件) = 加倍(5万元)')[0]).toMatch(/^E0209 5:12 函数“加倍”按案件计算，只能用在案件集合的条件中/);
    expect(diag('指标 X (件) = 计数(新收 其中 某类(听证))')).toEqual([
      'W0302 5:24 未知的事件类型“听证”（插件可定义新类型）',
    ]);
    expect(diag('指标 X (件) = 计数(新收 其中 某类(听证))', { functions: SIGS, eventTypes: ['听证'] })).toEqual([]);
  });
});

describe('evaluation', () => {
  const rec = (id: string, filed: string, notice: string | null, claimed: number): CaseRecord => ({
    id,
    court: '某法院',
    type: '首执',
    filed,
    closed: null,
    closure: null,
    claimed,
    recovered: 0,
    property: null,
    handler: '甲',
    events: notice ? [{ type: '执行通知', date: notice }] : [],
  });
  const records = [
    rec('A', '2018-01-01', '2018-01-05', 100),
    rec('B', '2018-02-01', '2018-03-01', 200),
    rec('C', '2018-03-01', null, 300),
  ];
  const body =
    '指标 快 (件) = 计数(新收 其中 工作日数(立案日期, 首次(执行通知)) <= 7)\n指标 大 (件) = 计数(新收 其中 加倍(申请标的) >= 400)\n';
  const seen: Value[][] = [];
  const table = new Map<string, FunctionImpl>([
    [
      '工作日数',
      (args) => {
        seen.push([...args]);
        const [a, b] = args as number[];
        return a === NO_DAY || b === NO_DAY ? NaN : b! - a!;
      },
    ],
    ['加倍', (args) => (args[0] as number) * ((args[1] as number | undefined) ?? 2)],
  ]);

  it("calls the registered implementation per case, with the evaluator's values", () => {
    const r = check(body);
    const report = evaluatePlan({
      ir: r.ir,
      store: storeFromRecords(records),
      asOf: '2018-12-31',
      functions: { get: (n) => table.get(n) },
    });
    expect(
      report.indicators.filter((i) => i.name === '快' || i.name === '大').map((i) => [i.name, i.overall.numerator]),
    ).toEqual([
      ['快', 1],
      ['大', 2],
    ]);
    expect(seen).toContainEqual([dayOf(2018, 1, 1), dayOf(2018, 1, 5)]);
    expect(seen).toContainEqual([dayOf(2018, 3, 1), NO_DAY]);
    expect(formatDay(dayOf(2018, 1, 5))).toBe('2018-01-05');
  });

  it('refuses to evaluate a call without its implementation, saying which function', () => {
    const r = check(body);
    expect(() => evaluatePlan({ ir: r.ir, store: storeFromRecords(records), asOf: '2018-12-31' })).toThrow(
      'function "工作日数" is not available: the plugin that contributes it is not loaded',
    );
  });

  it('replays a plan with calls: the last step agrees with the evaluation', () => {
    const r = check(body);
    const functions = { get: (n: string) => table.get(n) };
    const store = storeFromRecords(records);
    const rp = replayPlan({ ir: r.ir, store, from: '2018-01-01', to: '2018-12-31', step: 'month', functions });
    const ev = evaluatePlan({ ir: r.ir, store, asOf: '2018-12-31', functions });
    for (const name of ['快', '大']) {
      const series = rp.indicators.find((i) => i.name === name)!.overall.values;
      expect(series[series.length - 1]).toBe(ev.indicators.find((i) => i.name === name)!.overall.value);
    }
    // 快 at 2018-01-31: only A exists and was served in 4 days.
    expect(rp.indicators.find((i) => i.name === '快')!.overall.values[0]).toBe(1);
  });
});
