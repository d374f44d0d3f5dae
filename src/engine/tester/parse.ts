// A test file's text → TestFileModel: the shape, dates, statuses and quantities, each mistake located.
// Names (indicators, rules, cases, courts …) are checked later against the compiled plan (bind.ts).
import { parseIsoDay } from '../time/calendar.js';
import type { MilestoneStatus, TargetStatus, TaskStatus } from '../report/model.js';
import type { Step } from '../replay/types.js';
import type {
  Context,
  DataSetRef,
  Expectation,
  FixtureBlock,
  GroupRef,
  Named,
  Quantity,
  Source,
  StatusName,
  TestFileModel,
  TestSpec,
  ValueChecks,
} from './model.js';
import {
  TestFileProblem,
  asBoolean,
  asList,
  asMap,
  asString,
  checkKeys,
  fail,
  get,
  parseYaml,
  type Loc,
  type TestFileError,
  type YMap,
  type YNode,
} from './yaml.js';
import { parseScoreExpectation, SCORE_KEYS, scoreTestName } from './score.js';

export const TARGET_STATUSES: Readonly<Record<string, TargetStatus>> = {
  met: 'met',
  达标: 'met',
  missed: 'missed',
  未达标: 'missed',
  'on track': 'on track',
  进展正常: 'on track',
  'at risk': 'at risk',
  有风险: 'at risk',
  'not measurable': 'not measurable',
  无法计算: 'not measurable',
};
export const MILESTONE_STATUSES: Readonly<Record<string, MilestoneStatus>> = {
  'done on time': 'done on time',
  按时完成: 'done on time',
  'done late': 'done late',
  逾期完成: 'done late',
  overdue: 'overdue',
  已逾期: 'overdue',
  'due soon': 'due soon',
  即将到期: 'due soon',
  pending: 'pending',
  未到期: 'pending',
};
export const TASK_STATUSES: Readonly<Record<string, TaskStatus>> = {
  ...MILESTONE_STATUSES,
  ongoing: 'ongoing',
  持续推进: 'ongoing',
};

const CONTEXT_KEYS = ['name', 'asOf', 'as-of', 'court', 'handler', 'team', 'fixtures', 'data', 'skip'];
const VALUE_KEYS = ['equals', 'atLeast', 'atMost', 'approx', 'numerator', 'denominator'];
const KIND_KEYS: Record<Expectation['kind'], readonly string[]> = {
  indicator: ['indicator', ...VALUE_KEYS],
  rule: ['rule', 'case', 'passes', 'applies', 'failed', 'warnings'],
  target: ['target', 'stage', 'status', 'stretchMet', 'lagging', ...VALUE_KEYS],
  milestone: ['milestone', 'task', 'status', 'done'],
  task: ['task', 'status'],
  replay: ['replay', 'target', 'firstMet', 'firstMissed', 'final', 'statuses'],
  score: SCORE_KEYS,
};

/**
 * `model` is null when the file's frame (plan, fixtures, data) could not be read; with mistakes only in
 * some tests, it holds the other tests, so binding can report every unknown name in one pass.
 */
export interface ParseResult {
  model: TestFileModel | null;
  errors: TestFileError[];
}

/** Parses one test file; `file` is its display path. Never throws for a mistake in the file. */
export function parseTestFile(file: string, text: string): ParseResult {
  const y = parseYaml(file, text);
  if (y.errors.length > 0) return { model: null, errors: y.errors };
  const errors: TestFileError[] = [];
  const located = (f: () => void): void => {
    try {
      f();
    } catch (e) {
      if (e instanceof TestFileProblem) errors.push({ file, line: e.loc.line, col: e.loc.col, message: e.message });
      else throw e;
    }
  };
  if (y.root === null)
    return { model: null, errors: [{ file, line: 1, col: 1, message: '测试文件是空的 / the test file is empty' }] };
  let model: TestFileModel | null = null;
  located(() => {
    const root = asMap(y.root!, '测试文件 / the test file');
    checkKeys(
      root,
      ['plan', 'name', 'asOf', 'as-of', 'defaults', 'fixtures', 'data', 'tests'],
      '测试文件顶层 / the top level',
    );
    const planEntry = get(root, 'plan');
    if (!planEntry)
      fail(root.loc, '缺少 plan:（被测计划文件的路径）', 'missing plan: (the path of the plan under test)');
    const plan = named(planEntry.value, 'plan');
    const defaultsEntry = get(root, 'defaults');
    const defaults = defaultsEntry ? asMap(defaultsEntry.value, 'defaults') : null;
    const fixtures: FixtureBlock[] = [];
    const fx = get(root, 'fixtures');
    if (fx) for (const b of asList(fx.value)) located(() => fixtures.push(fixtureBlock(b)));
    const data: DataSetRef[] = [];
    const dx = get(root, 'data');
    if (dx) located(() => data.push(...dataSets(dx.value)));
    const top: Context = { asOf: null, group: null, source: { kind: 'fixtures', names: null } };
    const fileAsOf = get(root, 'asOf', 'as-of');
    if (fileAsOf)
      located(() => {
        top.asOf = date(fileAsOf.value, 'asOf');
      });
    const names = new Set<string>();
    for (const b of fixtures)
      if (b.name) {
        if (names.has(b.name.text))
          located(() =>
            fail(b.name!.loc, `夹具块名称重复：${b.name!.text}`, `duplicate fixture block name ${b.name!.text}`),
          );
        names.add(b.name.text);
      }
    const frameErrors = errors.length;
    const tests: TestSpec[] = [];
    const tx = get(root, 'tests');
    if (tx) for (const t of asList(tx.value)) located(() => collectTests(t, top, [], tests, false, located));
    if (frameErrors === 0) model = { file, plan, defaults, fixtures, data, tests };
  });
  return { model, errors };
}

function named(n: YNode, what: string): Named {
  return { text: asString(n, what), loc: n.loc };
}

function date(n: YNode, what: string): Named {
  const s = asString(n, what);
  if (parseIsoDay(s) === null)
    fail(n.loc, `${what} 应是有效日期 YYYY-MM-DD，而不是“${s}”`, `${what} must be a valid date YYYY-MM-DD, not "${s}"`);
  return { text: s, loc: n.loc };
}

function dateOrNull(n: YNode, what: string): { value: string | null; loc: Loc } {
  if (n.kind === 'scalar' && (n.value === null || n.value === '无' || n.value === 'never'))
    return { value: null, loc: n.loc };
  return { value: date(n, what).text, loc: n.loc };
}

function fixtureBlock(n: YNode): FixtureBlock {
  const m = asMap(n, '夹具块 / a fixture block');
  checkKeys(m, ['name', 'defaults', 'cases', 'progress', 'staffing'], '夹具块 / a fixture block');
  const nm = get(m, 'name'),
    d = get(m, 'defaults');
  return {
    name: nm ? named(nm.value, 'name') : null,
    loc: m.loc,
    defaults: d ? asMap(d.value, 'defaults') : null,
    cases: asList(get(m, 'cases')?.value ?? { kind: 'seq', loc: m.loc, items: [] }),
    progress: asList(get(m, 'progress')?.value ?? { kind: 'seq', loc: m.loc, items: [] }),
    staffing: asList(get(m, 'staffing')?.value ?? { kind: 'seq', loc: m.loc, items: [] }),
  };
}

/** `data:` a path, a list of paths, or named sets: `{name: path | [paths] | {cases, progress, staffing}}`. */
function dataSets(n: YNode): DataSetRef[] {
  const paths = (v: YNode): Named[] => asList(v).map((p) => named(p, 'data'));
  if (n.kind !== 'map') return [{ name: 'default', loc: n.loc, cases: paths(n), progress: [], staffing: [] }];
  return n.entries.map((e) => {
    if (e.value.kind !== 'map')
      return { name: e.key, loc: e.keyLoc, cases: paths(e.value), progress: [], staffing: [] };
    checkKeys(e.value, ['cases', 'progress', 'staffing'], `数据集 ${e.key} / data set ${e.key}`);
    const part = (k: string): Named[] => {
      const x = get(e.value as YMap, k);
      return x ? paths(x.value) : [];
    };
    return { name: e.key, loc: e.keyLoc, cases: part('cases'), progress: part('progress'), staffing: part('staffing') };
  });
}

function kindOf(m: YMap): Expectation['kind'] | 'group' {
  if (get(m, 'tests')) return 'group';
  if (get(m, 'replay')) return 'replay';
  if (get(m, 'indicator')) return 'indicator';
  if (get(m, 'rule')) return 'rule';
  if (get(m, 'target')) return 'target';
  if (get(m, 'milestone')) return 'milestone';
  if (get(m, 'task')) return 'task';
  if (get(m, 'score')) return 'score';
  fail(
    m.loc,
    '测试应含 indicator、rule、target、milestone、task、replay、score 之一，或 tests（一组测试）',
    'a test needs one of indicator, rule, target, milestone, task, replay, score — or tests (a group)',
  );
}

function collectTests(
  n: YNode,
  outer: Context,
  path: string[],
  out: TestSpec[],
  skipped: boolean,
  located: (f: () => void) => void,
): void {
  const m = asMap(n, '测试 / a test');
  const kind = kindOf(m);
  const ctx = context(m, outer);
  const nameEntry = get(m, 'name');
  const own = nameEntry ? asString(nameEntry.value, 'name') : null;
  const skipEntry = get(m, 'skip');
  const skip = skipped || (skipEntry ? asBoolean(skipEntry.value, 'skip') : false);
  if (kind === 'group') {
    checkKeys(m, [...CONTEXT_KEYS, 'tests'], '测试组 / a group of tests');
    const sub = own ? [...path, own] : path;
    for (const t of asList(get(m, 'tests')!.value)) located(() => collectTests(t, ctx, sub, out, skip, located));
    return;
  }
  checkKeys(m, [...CONTEXT_KEYS, ...KIND_KEYS[kind]], `${kind} 测试 / a ${kind} test`);
  const expect = expectation(kind, m);
  const name = own ?? autoName(expect, ctx);
  out.push({ name, fullName: [...path, name].join(' › '), loc: m.loc, skip, context: ctx, expect });
}

function context(m: YMap, outer: Context): Context {
  const ctx: Context = { ...outer };
  const a = get(m, 'asOf', 'as-of');
  if (a) ctx.asOf = date(a.value, 'asOf');
  const groups = (['court', 'handler', 'team'] as const).filter((k) => get(m, k));
  if (groups.length > 1) fail(m.loc, 'court、handler、team 只能写一个', 'give only one of court, handler, team');
  if (groups.length === 1) {
    const e = get(m, groups[0]!)!;
    ctx.group = { kind: groups[0]!, name: asString(e.value, groups[0]!), loc: e.value.loc } satisfies GroupRef;
  }
  const f = get(m, 'fixtures'),
    d = get(m, 'data');
  if (f && d) fail(d.keyLoc, 'fixtures 与 data 只能写一个', 'give fixtures or data, not both');
  if (f) ctx.source = { kind: 'fixtures', names: asList(f.value).map((x) => named(x, 'fixtures')) } satisfies Source;
  if (d) ctx.source = { kind: 'data', name: named(d.value, 'data') };
  return ctx;
}

function list(m: YMap, key: string): { items: Named[]; loc: Loc } | null {
  const e = get(m, key);
  return e ? { items: asList(e.value).map((x) => named(x, key)), loc: e.value.loc } : null;
}

function flag(m: YMap, key: string): { value: boolean; loc: Loc } | null {
  const e = get(m, key);
  return e ? { value: asBoolean(e.value, key), loc: e.value.loc } : null;
}

function status<T extends string>(m: YMap, key: string, table: Readonly<Record<string, T>>): StatusName<T> | null {
  const e = get(m, key);
  return e ? statusValue(e.value, key, table) : null;
}

function statusValue<T extends string>(n: YNode, what: string, table: Readonly<Record<string, T>>): StatusName<T> {
  const s = asString(n, what).trim().replace(/[_-]/g, ' ');
  const v = table[s] ?? table[s.toLowerCase()];
  if (!v)
    fail(
      n.loc,
      `未知的状态“${s}”；可用：${Object.keys(table).join('、')}`,
      `unknown status "${s}"; one of: ${Object.keys(table).join(', ')}`,
    );
  return { value: v, loc: n.loc };
}

function expectation(kind: Expectation['kind'], m: YMap): Expectation {
  switch (kind) {
    case 'score':
      return parseScoreExpectation(m);
    case 'indicator':
      return { kind, indicator: named(get(m, 'indicator')!.value, 'indicator'), checks: valueChecks(m) };
    case 'rule': {
      const c = get(m, 'case');
      if (!c) fail(m.loc, 'rule 测试需要 case:（案号）', 'a rule test needs case: (a case id)');
      const failed = list(m, 'failed'),
        warnings = list(m, 'warnings');
      const passes = flag(m, 'passes'),
        applies = flag(m, 'applies');
      if (!passes && !failed && !warnings && !applies)
        fail(
          m.loc,
          'rule 测试需要 passes、failed、warnings 或 applies',
          'a rule test needs passes, failed, warnings or applies',
        );
      if (passes?.value === true && failed && failed.items.length > 0)
        fail(failed.loc, 'passes: true 与 failed 矛盾', 'passes: true contradicts failed');
      return {
        kind,
        rule: named(get(m, 'rule')!.value, 'rule'),
        caseId: named(c.value, 'case'),
        passes,
        applies,
        failed: failed?.items ?? null,
        failedLoc: failed?.loc ?? null,
        warnings: warnings?.items ?? null,
        warningsLoc: warnings?.loc ?? null,
      };
    }
    case 'target': {
      const st = get(m, 'stage');
      let stage: { index: number | null; by: string | null; loc: Loc } | null = null;
      if (st) {
        const v = st.value;
        if (v.kind === 'scalar' && typeof v.value === 'number') {
          if (!Number.isInteger(v.value) || v.value < 1)
            fail(v.loc, 'stage 应是从 1 起的序号或日期', 'stage must be a 1-based number or a date');
          stage = { index: v.value, by: null, loc: v.loc };
        } else stage = { index: null, by: date(v, 'stage').text, loc: v.loc };
      }
      const lagging = list(m, 'lagging');
      const t: Expectation = {
        kind,
        target: named(get(m, 'target')!.value, 'target'),
        stage,
        status: status(m, 'status', TARGET_STATUSES),
        checks: valueChecks(m),
        stretchMet: flag(m, 'stretchMet'),
        lagging: lagging?.items ?? null,
        laggingLoc: lagging?.loc ?? null,
      };
      if (!t.status && !t.stretchMet && !t.lagging && Object.keys(t.checks).length === 0)
        fail(
          m.loc,
          'target 测试需要 status、equals、atLeast、atMost、stretchMet 或 lagging',
          'a target test needs status, equals, atLeast, atMost, stretchMet or lagging',
        );
      return t;
    }
    case 'milestone': {
      const task = get(m, 'task');
      const s = status(m, 'status', MILESTONE_STATUSES);
      const d = get(m, 'done');
      if (!s && !d) fail(m.loc, 'milestone 测试需要 status 或 done', 'a milestone test needs status or done');
      return {
        kind,
        task: task ? named(task.value, 'task') : null,
        milestone: named(get(m, 'milestone')!.value, 'milestone'),
        status: s,
        done: d ? dateOrNull(d.value, 'done') : null,
      };
    }
    case 'task': {
      const s = status(m, 'status', TASK_STATUSES);
      if (!s) fail(m.loc, 'task 测试需要 status', 'a task test needs status');
      return { kind, task: named(get(m, 'task')!.value, 'task'), status: s };
    }
    case 'replay': {
      const r = get(m, 'replay')!;
      const rm = asMap(r.value, 'replay');
      checkKeys(rm, ['from', 'to', 'step'], 'replay');
      const stepE = get(rm, 'step');
      const step = stepE ? asString(stepE.value, 'step') : 'month';
      if (!['day', 'week', 'month'].includes(step))
        fail(stepE!.value.loc, 'step 应是 day、week 或 month', 'step must be day, week or month');
      const from = get(rm, 'from'),
        to = get(rm, 'to');
      const target = get(m, 'target');
      if (!target) fail(m.loc, 'replay 测试需要 target:', 'a replay test needs target:');
      const fm = get(m, 'firstMet'),
        fx = get(m, 'firstMissed'),
        sx = get(m, 'statuses');
      const statuses = sx
        ? asMap(sx.value, 'statuses').entries.map((e) => {
            if (parseIsoDay(e.key) === null)
              fail(
                e.keyLoc,
                `statuses 的键应是日期，而不是“${e.key}”`,
                `the keys of statuses must be dates, not "${e.key}"`,
              );
            return { date: { text: e.key, loc: e.keyLoc }, status: statusValue(e.value, e.key, TARGET_STATUSES) };
          })
        : [];
      const out: Expectation = {
        kind,
        loc: r.value.loc,
        step: step as Step,
        from: from ? date(from.value, 'from') : null,
        to: to ? date(to.value, 'to') : null,
        target: named(target.value, 'target'),
        firstMet: fm ? dateOrNull(fm.value, 'firstMet') : null,
        firstMissed: fx ? dateOrNull(fx.value, 'firstMissed') : null,
        final: status(m, 'final', TARGET_STATUSES),
        statuses,
      };
      if (!out.firstMet && !out.firstMissed && !out.final && statuses.length === 0)
        fail(
          m.loc,
          'replay 测试需要 firstMet、firstMissed、final 或 statuses',
          'a replay test needs firstMet, firstMissed, final or statuses',
        );
      if (out.from && out.to && out.from.text > out.to.text)
        fail(
          out.to.loc,
          `回放区间颠倒：${out.from.text} 晚于 ${out.to.text}`,
          `the replay range is backwards: ${out.from.text} is after ${out.to.text}`,
        );
      return out;
    }
  }
}

const UNIT_RE = /^\s*(-?[\d,]*\.?\d+)\s*(%|‰|件|人次|人|次|个|日|天|元|万元|亿元)?\s*$/;

export function quantity(n: YNode, what: string): Quantity {
  if (n.kind === 'scalar' && typeof n.value === 'number') {
    const src = n.source.trim();
    const dot = src.indexOf('.');
    return { text: src, number: n.value, unit: null, decimals: dot < 0 ? 0 : src.length - dot - 1, loc: n.loc };
  }
  const s = asString(n, what);
  const mm = UNIT_RE.exec(s);
  if (!mm)
    fail(
      n.loc,
      `${what} 应是数值（可带单位 %、‰、件、日、元、万元），而不是“${s}”`,
      `${what} must be a number (optionally with a unit %, ‰, 件, 日, 元, 万元), not "${s}"`,
    );
  const num = mm[1]!.replace(/,/g, '');
  const dot = num.indexOf('.');
  const unit =
    mm[2] === '天'
      ? '日'
      : mm[2] === '人' || mm[2] === '次' || mm[2] === '人次' || mm[2] === '个'
        ? '件'
        : (mm[2] ?? null);
  return { text: s.trim(), number: Number(num), unit, decimals: dot < 0 ? 0 : num.length - dot - 1, loc: n.loc };
}

function valueChecks(m: YMap): ValueChecks {
  const c: ValueChecks = {};
  const eq = get(m, 'equals');
  if (eq) {
    if (eq.value.kind === 'scalar' && eq.value.value === null) c.isNull = eq.value.loc;
    else c.equals = quantity(eq.value, 'equals');
  }
  const lo = get(m, 'atLeast'),
    hi = get(m, 'atMost'),
    ap = get(m, 'approx');
  if (lo) c.atLeast = quantity(lo.value, 'atLeast');
  if (hi) c.atMost = quantity(hi.value, 'atMost');
  if (ap) {
    if (!c.equals) fail(ap.keyLoc, 'approx 只与 equals 一起使用', 'approx goes with equals');
    if (ap.value.kind === 'scalar' && ap.value.value === true) c.approx = { loc: ap.value.loc, auto: true };
    else if (ap.value.kind === 'scalar' && ap.value.value === false) {
      /* exact */
    } else c.approx = quantity(ap.value, 'approx');
  }
  const num = get(m, 'numerator'),
    den = get(m, 'denominator');
  if (num) c.numerator = quantity(num.value, 'numerator');
  if (den) c.denominator = quantity(den.value, 'denominator');
  return c;
}

function autoName(e: Expectation, ctx: Context): string {
  const g = ctx.group ? ` [${ctx.group.name}]` : '';
  const at = ctx.asOf ? ` @${ctx.asOf.text}` : '';
  const src = ctx.source.kind === 'data' ? ` (${ctx.source.name.text})` : '';
  const v = (c: ValueChecks): string => {
    const parts: string[] = [];
    if (c.isNull) parts.push('= null');
    if (c.equals) parts.push(`${c.approx ? '≈' : '='} ${c.equals.text}`);
    if (c.atLeast) parts.push(`≥ ${c.atLeast.text}`);
    if (c.atMost) parts.push(`≤ ${c.atMost.text}`);
    if (c.numerator || c.denominator) parts.push(`(${c.numerator?.text ?? '?'}/${c.denominator?.text ?? '?'})`);
    return parts.length ? ` ${parts.join(' ')}` : '';
  };
  switch (e.kind) {
    case 'indicator':
      return `${e.indicator.text}${g}${at}${v(e.checks)}${src}`;
    case 'rule': {
      const verdict = e.failed?.length
        ? `fails ${e.failed.map((x) => x.text).join(', ')}`
        : e.passes
          ? e.passes.value
            ? 'passes'
            : 'fails'
          : e.applies
            ? e.applies.value
              ? 'applies'
              : 'does not apply'
            : 'warnings';
      return `${e.rule.text} ${e.caseId.text}${at} ${verdict}${src}`;
    }
    case 'target':
      return `${e.target.text}${g}${at}${e.status ? ` ${e.status.value}` : ''}${v(e.checks)}${src}`;
    case 'milestone':
      return `${e.task ? `${e.task.text} ` : ''}${e.milestone.text}${at}${e.status ? ` ${e.status.value}` : ''}${e.done ? ` done ${e.done.value ?? 'never'}` : ''}${src}`;
    case 'task':
      return `${e.task.text}${at} ${e.status!.value}${src}`;
    case 'score':
      return scoreTestName(e, g, at, src);
    case 'replay': {
      const parts = [
        e.firstMet ? `firstMet ${e.firstMet.value ?? 'never'}` : '',
        e.firstMissed ? `firstMissed ${e.firstMissed.value ?? 'never'}` : '',
        e.final ? `final ${e.final.value}` : '',
        ...e.statuses.map((x) => `${x.date.text} ${x.status.value}`),
      ].filter(Boolean);
      return `replay ${e.target.text}${g} ${e.from?.text ?? ''}..${e.to?.text ?? ''}/${e.step}: ${parts.join(', ')}${src}`;
    }
  }
}
