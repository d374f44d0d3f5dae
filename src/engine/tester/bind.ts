// Binding a test file to its compiled plan and data: every name (indicator, rule, condition, target,
// milestone, task, court, case, fixture block, data set) is checked, every quantity converted to the
// indicator's unit. A file with any unknown name is not run at all: the errors say file:line:col.
import type { IRIndicator, PlanIR } from '../ir/types.js';
import type { CaseStore } from '../data/store.js';
import { findCase, storeFromRecords } from '../data/store.js';
import type { ProgressReport, StaffingRecord } from '../data/record.js';
import type { MilestoneStatus, TargetStatus, TaskStatus } from '../report/model.js';
import type { Step } from '../replay/types.js';
import { closest } from '../check/suggest.js';
import { indicatorNamed } from '../eval/explain.js';
import { replayDates } from './replay.js';
import type { Expectation, Quantity, TestFileModel, TestSpec, ValueChecks } from './model.js';
import { buildFixtures, courtResolver, selectBlocks, type FixtureData } from './fixtures.js';
import { findGroup, identifyCourts, WITHIN_COURT } from '../data/identity.js';
import { TestFileProblem, fail, type Loc, type TestFileError } from './yaml.js';
import { bindScoreCheck, type ScoreCheck } from './score.js';

/** A loaded data set (the harness reads the files). */
export interface DataSet {
  store: CaseStore;
  progress: ProgressReport[];
  staffing: StaffingRecord[];
}

/** Where a test's cases come from: some fixture blocks, or a data set. */
export interface Source extends DataSet {
  key: string;
  label: string;
}

export interface Checks {
  equals?: { value: number; tol: number; text: string; approx: boolean };
  isNull?: true;
  atLeast?: { value: number; text: string };
  atMost?: { value: number; text: string };
  numerator?: number;
  denominator?: number;
}

export type Check =
  | { kind: 'indicator'; indicator: string; unit: string; checks: Checks }
  | {
      kind: 'rule';
      rule: string;
      caseId: string;
      caseIndex: number;
      passes: boolean | null;
      applies: boolean | null;
      failed: string[] | null;
      warnings: string[] | null;
    }
  | {
      kind: 'target';
      target: string;
      unit: string;
      stage: number | null;
      status: TargetStatus | null;
      checks: Checks;
      stretchMet: boolean | null;
      lagging: string[] | null;
    }
  | {
      kind: 'milestone';
      task: string;
      milestone: string;
      text: string;
      status: MilestoneStatus | null;
      done: string | null | undefined;
    }
  | { kind: 'task'; task: string; status: TaskStatus }
  | {
      kind: 'replay';
      target: string;
      from: string;
      to: string;
      step: Step;
      firstMet: string | null | undefined;
      firstMissed: string | null | undefined;
      final: TargetStatus | null;
      statuses: Array<{ date: string; status: TargetStatus }>;
    }
  | ScoreCheck;

export interface BoundTest {
  spec: TestSpec;
  asOf: string;
  /** The group, resolved (a court's full name). */
  group: { kind: 'court' | 'handler' | 'team'; name: string; shown: string } | null;
  source: Source;
  check: Check;
}

export interface BoundFile {
  model: TestFileModel;
  ir: PlanIR;
  /** Every fixture of the file (all blocks). */
  fixtures: Source;
  tests: BoundTest[];
}

export interface BindResult {
  bound: BoundFile | null;
  errors: TestFileError[];
}

export function bindTestFile(model: TestFileModel, ir: PlanIR, data: ReadonlyMap<string, DataSet>): BindResult {
  const errors: TestFileError[] = [];
  const located = (f: () => void): void => {
    try {
      f();
    } catch (e) {
      if (e instanceof TestFileProblem)
        errors.push({ file: model.file, line: e.loc.line, col: e.loc.col, message: e.message });
      else throw e;
    }
  };
  const fixtures = buildFixtures(model, ir, located);
  const sources = new Map<string, Source>();
  const fixtureSource = (blocks: Set<number>): Source => {
    const key = `fixtures:${[...blocks].sort((a, b) => a - b).join(',')}`;
    let s = sources.get(key);
    if (!s) {
      s = {
        key,
        label:
          blocks.size === model.fixtures.length
            ? 'fixtures'
            : `fixtures ${[...blocks].map((b) => model.fixtures[b]!.name?.text ?? `#${b + 1}`).join(', ')}`,
        store: storeFromRecords(fixtures.cases.filter((c) => blocks.has(c.block)).map((c) => c.record)),
        progress: fixtures.progress.filter((p) => blocks.has(p.block)).map((p) => p.record),
        staffing: fixtures.staffing.filter((p) => blocks.has(p.block)).map((p) => p.record),
      };
      sources.set(key, s);
    }
    return s;
  };
  const all = errors.length ? null : fixtureSource(new Set(model.fixtures.map((_, i) => i)));
  const tests: BoundTest[] = [];
  if (all)
    for (const spec of model.tests) located(() => tests.push(bindTest(spec, ir, model, fixtures, data, fixtureSource)));
  if (errors.length) return { bound: null, errors };
  return { bound: { model, ir, fixtures: all!, tests }, errors };
}

function unknown(kind: [string, string], name: string, loc: Loc, candidates: Iterable<string>): never {
  const hint = closest(name, candidates);
  fail(
    loc,
    `计划中没有${kind[0]}“${name}”${hint ? `（是否应为“${hint}”？）` : ''}`,
    `the plan has no ${kind[1]} "${name}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
  );
}

function bindTest(
  spec: TestSpec,
  ir: PlanIR,
  model: TestFileModel,
  fixtures: FixtureData,
  data: ReadonlyMap<string, DataSet>,
  fixtureSource: (blocks: Set<number>) => Source,
): BoundTest {
  const ctx = spec.context;
  const asOf = ctx.asOf?.text ?? ir.plan.period?.to;
  if (!asOf) fail(spec.loc, '没有 asOf，且计划没有期间：请写 asOf', 'no asOf and the plan has no period: give asOf');
  let source: Source;
  if (ctx.source.kind === 'data') {
    const name = ctx.source.name;
    const ds = data.get(name.text);
    if (!ds) {
      const hint = closest(
        name.text,
        model.data.map((d) => d.name),
      );
      fail(
        name.loc,
        `没有名为“${name.text}”的数据集（在 data: 中声明）${hint ? `（是否应为“${hint}”？）` : ''}`,
        `no data set named "${name.text}" (declare it under data:)${hint ? ` (did you mean "${hint}"?)` : ''}`,
      );
    }
    source = { ...ds, key: `data:${name.text}`, label: name.text };
  } else source = fixtureSource(selectBlocks(model.fixtures, ctx.source.names));

  let group: BoundTest['group'] = null;
  if (ctx.group) {
    const g = ctx.group;
    let name = g.kind === 'court' ? courtResolver(ir)(g.name, g.loc) : g.name;
    if (g.kind !== 'court') {
      // Handlers and teams are named within their court ("court · name"); a bare name one court has is enough.
      const pool = identifyCourts(ir, source.store).store[g.kind === 'handler' ? 'handlers' : 'teams'];
      const what = g.kind === 'handler' ? '承办人' : '团队';
      const found = findGroup(pool, name);
      if (found === null) {
        const hint = closest(
          name,
          pool.map((p) => p.slice(p.indexOf(WITHIN_COURT) + WITHIN_COURT.length)),
        );
        fail(
          g.loc,
          `${source.label} 中没有${what}“${name}”${hint ? `（是否应为“${hint}”？）` : ''}`,
          `no ${g.kind} "${name}" in ${source.label}${hint ? ` (did you mean "${hint}"?)` : ''}`,
        );
      }
      if ('ambiguous' in found) {
        fail(
          g.loc,
          `${what}“${name}”在多个法院中，请写明法院：${found.ambiguous.join('、')}`,
          `the ${g.kind} "${name}" is in several courts; name the court: ${found.ambiguous.join(', ')}`,
        );
      }
      name = found.name;
    }
    group = { kind: g.kind, name, shown: g.name };
  }
  return { spec, asOf, group, source, check: bindCheck(spec.expect, ir, source, group, fixtures) };
}

function indicatorOf(ir: PlanIR, name: string, loc: Loc): IRIndicator {
  const ind = indicatorNamed(ir, name);
  if (!ind)
    unknown(
      ['指标', 'indicator'],
      name,
      loc,
      ir.indicators.flatMap((i) => [i.name, ...i.aliases]),
    );
  return ind;
}

function bindCheck(
  e: Expectation,
  ir: PlanIR,
  source: Source,
  group: BoundTest['group'],
  fixtures: FixtureData,
): Check {
  switch (e.kind) {
    case 'score':
      return bindScoreCheck(e, ir, group);
    case 'indicator': {
      const ind = indicatorOf(ir, e.indicator.text, e.indicator.loc);
      if (group && group.kind !== 'court') {
        const grouped = ir.targets.some((t) => t.indicator === ind.name && t.scope.kind === group.kind);
        if (!grouped)
          fail(
            e.indicator.loc,
            `指标 ${ind.name} 没有按${group.kind === 'handler' ? '承办人' : '团队'}分组的目标，报告中没有该分组的值`,
            `no per-${group.kind} target uses ${ind.name}, so the report has no per-${group.kind} values`,
          );
      }
      return { kind: 'indicator', indicator: ind.name, unit: ind.unit, checks: checks(e.checks, ind) };
    }
    case 'rule': {
      const rule = ir.rules.find((r) => r.name === e.rule.text);
      if (!rule)
        unknown(
          ['规则', 'rule'],
          e.rule.text,
          e.rule.loc,
          ir.rules.map((r) => r.name),
        );
      const conds = (list: typeof e.failed, severity: 'error' | 'warning'): string[] | null => {
        if (!list) return null;
        return list
          .map((c) => {
            const cond = rule.conditions.find((x) => x.name === c.text);
            if (!cond) {
              const hint = closest(
                c.text,
                rule.conditions.map((x) => x.name),
              );
              fail(
                c.loc,
                `规则 ${rule.name} 没有条件“${c.text}”${hint ? `（是否应为“${hint}”？）` : ''}；条件：${rule.conditions.map((x) => x.name).join('、')}`,
                `rule ${rule.name} has no condition "${c.text}"${hint ? ` (did you mean "${hint}"?)` : ''}; conditions: ${rule.conditions.map((x) => x.name).join(', ')}`,
              );
            }
            if (cond.severity !== severity) {
              fail(
                c.loc,
                severity === 'error'
                  ? `“${c.text}”是提示条件，应写在 warnings 下`
                  : `“${c.text}”是必备条件，应写在 failed 下`,
                severity === 'error'
                  ? `"${c.text}" is a warning condition: list it under warnings`
                  : `"${c.text}" is an error condition: list it under failed`,
              );
            }
            return c.text;
          })
          .sort();
      };
      const i = findCase(source.store, e.caseId.text);
      if (i < 0) {
        const ids = source.key.startsWith('fixtures') ? fixtures.cases.map((c) => c.record.id) : [];
        const hint = closest(e.caseId.text, ids);
        const elsewhere =
          source.key.startsWith('fixtures') && fixtures.cases.some((c) => c.record.id === e.caseId.text);
        fail(
          e.caseId.loc,
          `${source.label} 中没有案件“${e.caseId.text}”${elsewhere ? '（它在未选中的夹具块中）' : hint ? `（是否应为“${hint}”？）` : ''}`,
          `no case "${e.caseId.text}" in ${source.label}${elsewhere ? ' (it is in a fixture block this test does not select)' : hint ? ` (did you mean "${hint}"?)` : ''}`,
        );
      }
      return {
        kind: 'rule',
        rule: rule.name,
        caseId: e.caseId.text,
        caseIndex: i,
        passes: e.passes?.value ?? null,
        applies: e.applies?.value ?? null,
        failed: conds(e.failed, 'error'),
        warnings: conds(e.warnings, 'warning'),
      };
    }
    case 'target': {
      const t = targetOf(ir, e.target.text, e.target.loc);
      checkScope(t, group, e.target.loc);
      const ind = indicatorOf(ir, t.indicator, e.target.loc);
      let stage: number | null = null;
      if (e.stage) {
        stage = e.stage.index !== null ? e.stage.index - 1 : t.stages.findIndex((s) => s.by === e.stage!.by);
        if (stage < 0 || stage >= t.stages.length)
          fail(
            e.stage.loc,
            `目标 ${t.id} 没有这一阶段（共 ${t.stages.length} 个：${t.stages.map((s) => s.by ?? '无期限').join('、')}）`,
            `target ${t.id} has no such stage (${t.stages.length}: ${t.stages.map((s) => s.by ?? 'no deadline').join(', ')})`,
          );
      }
      const values = Object.keys(e.checks).length > 0;
      if (values && t.scope.kind !== 'overall' && !group)
        fail(
          e.target.loc,
          `目标 ${t.id} 按${scopeZh(t.scope.kind)}计：检查数值时请写 ${t.scope.kind}:`,
          `target ${t.id} is per ${t.scope.kind}: give ${t.scope.kind}: to check a value`,
        );
      const court = courtResolver(ir);
      return {
        kind: 'target',
        target: t.id,
        unit: ind.unit,
        stage,
        status: e.status?.value ?? null,
        checks: checks(e.checks, ind),
        stretchMet: e.stretchMet?.value ?? null,
        lagging: e.lagging
          ? e.lagging.map((c) => (t.scope.kind === 'court' ? court(c.text, c.loc) : c.text)).sort()
          : null,
      };
    }
    case 'milestone': {
      let task = e.task ? ir.tasks.find((t) => t.id === e.task!.text) : undefined;
      if (e.task && !task)
        unknown(
          ['任务', 'task'],
          e.task.text,
          e.task.loc,
          ir.tasks.map((t) => t.id),
        );
      const ms = e.milestone.text;
      const all = task ? task.milestones : ir.tasks.flatMap((t) => t.milestones);
      const k = task && /^\d+$/.test(ms) ? Number(ms) - 1 : -1;
      const found =
        (k >= 0 ? task!.milestones[k] : undefined) ??
        all.find((m) => m.id === ms || (task && m.id === `${task.id}/${ms}`)) ??
        (() => {
          const hits = all.filter((m) => m.name === ms || m.text === ms);
          return hits.length === 1 ? hits[0] : undefined;
        })();
      if (!found && task) {
        fail(
          e.milestone.loc,
          `任务 ${task.id} 没有节点“${ms}”（可用序号 1…${task.milestones.length}、节点编号或原文）`,
          `task ${task.id} has no milestone "${ms}" (use 1…${task.milestones.length}, the id or the text)`,
        );
      }
      if (!found)
        unknown(
          ['节点', 'milestone'],
          ms,
          e.milestone.loc,
          all.flatMap((m) => [m.id, ...(m.name ? [m.name] : [])]),
        );
      task = ir.tasks.find((t) => t.milestones.includes(found))!;
      return {
        kind: 'milestone',
        task: task.id,
        milestone: found.id,
        text: found.text,
        status: e.status?.value ?? null,
        done: e.done ? e.done.value : undefined,
      };
    }
    case 'task': {
      const task = ir.tasks.find((t) => t.id === e.task.text);
      if (!task)
        unknown(
          ['任务', 'task'],
          e.task.text,
          e.task.loc,
          ir.tasks.map((t) => t.id),
        );
      return { kind: 'task', task: task.id, status: e.status!.value };
    }
    case 'replay': {
      const t = targetOf(ir, e.target.text, e.target.loc);
      checkScope(t, group, e.target.loc);
      const from = e.from?.text ?? ir.plan.period?.from,
        to = e.to?.text ?? ir.plan.period?.to;
      if (!from || !to)
        fail(
          e.loc,
          '计划没有期间：请写 replay 的 from 和 to',
          'the plan has no period: give the replay its from and to',
        );
      if (from > to)
        fail(e.loc, `回放区间颠倒：${from} 晚于 ${to}`, `the replay range is backwards: ${from} is after ${to}`);
      const steps = replayDates(from, to, e.step);
      const shown =
        steps.length > 6 ? `${steps.slice(0, 3).join(', ')} … ${steps.slice(-2).join(', ')}` : steps.join(', ');
      for (const x of [
        e.firstMet,
        e.firstMissed,
        ...e.statuses.map((y) => ({ value: y.date.text, loc: y.date.loc })),
      ]) {
        if (x && x.value !== null && !steps.includes(x.value))
          fail(x.loc, `${x.value} 不是回放的步进日期（${shown}）`, `${x.value} is not a step of the replay (${shown})`);
      }
      return {
        kind: 'replay',
        target: t.id,
        from,
        to,
        step: e.step,
        firstMet: e.firstMet ? e.firstMet.value : undefined,
        firstMissed: e.firstMissed ? e.firstMissed.value : undefined,
        final: e.final?.value ?? null,
        statuses: e.statuses.map((x) => ({ date: x.date.text, status: x.status.value })),
      };
    }
  }
}

function scopeZh(k: string): string {
  return k === 'court' ? '法院' : k === 'handler' ? '承办人' : k === 'team' ? '团队' : '整体';
}

function targetOf(ir: PlanIR, name: string, loc: Loc): PlanIR['targets'][number] {
  const t = ir.targets.find((x) => x.id === name);
  if (!t)
    unknown(
      ['目标', 'target'],
      name,
      loc,
      ir.targets.map((x) => x.id),
    );
  return t;
}

function checkScope(t: PlanIR['targets'][number], group: BoundTest['group'], loc: Loc): void {
  if (group && group.kind !== t.scope.kind) {
    fail(
      loc,
      `目标 ${t.id} 按${scopeZh(t.scope.kind)}计，不能按${scopeZh(group.kind)}检查`,
      `target ${t.id} is ${t.scope.kind === 'overall' ? 'overall' : `per ${t.scope.kind}`}: it cannot be checked per ${group.kind}`,
    );
  }
}

/** Converts what a test wrote (50%, 1‰, 3件, 1.2万元) to the indicator's internal value (0.5, 0.001, 3, 12000). */
function toValue(q: Quantity, ind: IRIndicator): number {
  const factor = unitFactor(q, ind);
  return q.number * factor;
}

function unitFactor(q: Quantity, ind: IRIndicator): number {
  const bad = (): never =>
    fail(
      q.loc,
      `“${q.text}”的单位与指标 ${ind.name}（${ind.unit}）不符`,
      `the unit of "${q.text}" does not fit indicator ${ind.name} (${ind.unit})`,
    );
  if (q.unit === null) return 1;
  switch (ind.dimension) {
    case 'ratio':
      return q.unit === '%' ? 0.01 : q.unit === '‰' ? 0.001 : bad();
    case 'count':
      return q.unit === '件' ? 1 : bad();
    case 'days':
      return q.unit === '日' ? 1 : bad();
    case 'money':
      return q.unit === '元' ? 1 : q.unit === '万元' ? 1e4 : q.unit === '亿元' ? 1e8 : bad();
    default:
      return bad();
  }
}

/**
 * A ratio's numerator or denominator in its own unit: `3件` for a count (计数), `28000元` or `2.8万元` for a
 * sum of money (求和), a bare number for either; a ratio's unit (%, ‰) is not a part's unit.
 */
function partValue(q: Quantity, ind: IRIndicator, side: 'numerator' | 'denominator'): number {
  if (q.unit === null) return q.number;
  const ratio = ind.expr.op === 'arith' && ind.expr.arith === '/';
  const part = ratio && ind.expr.op === 'arith' ? (side === 'numerator' ? ind.expr.left : ind.expr.right) : ind.expr;
  const money: Record<string, number> = { 元: 1, 万元: 1e4, 亿元: 1e8 };
  if (q.unit === '件' && part.op === 'count') return q.number;
  if (q.unit in money && (part.op === 'sum' || part.op === 'mean')) return q.number * money[q.unit]!;
  if (q.unit === '日' && (part.op === 'sum' || part.op === 'mean')) return q.number;
  const what =
    part.op === 'count'
      ? { zh: '件数（如 3件）', en: 'a count (e.g. 3件)' }
      : part.op === 'sum' || part.op === 'mean'
        ? { zh: '合计值（如 28000元、45日）', en: 'a sum (e.g. 28000元, 45日)' }
        : { zh: '数值', en: 'a number' };
  return fail(
    q.loc,
    `${side} “${q.text}”的单位不符：指标 ${ind.name} 的${side === 'numerator' ? '分子' : '分母'}是${what.zh}`,
    `the unit of ${side} "${q.text}" does not fit: the ${side} of indicator ${ind.name} is ${what.en}`,
  );
}

function checks(c: ValueChecks, ind: IRIndicator): Checks {
  const out: Checks = {};
  if (c.isNull) out.isNull = true;
  if (c.equals) {
    const value = toValue(c.equals, ind);
    let tol = 1e-9 * Math.max(1, Math.abs(value));
    if (c.approx && 'auto' in c.approx) tol = 0.5 * 10 ** -c.equals.decimals * unitFactor(c.equals, ind) + 1e-12;
    else if (c.approx) tol = toValue(c.approx, ind);
    out.equals = { value, tol, text: c.equals.text, approx: c.approx !== undefined };
  }
  if (c.atLeast) out.atLeast = { value: toValue(c.atLeast, ind), text: c.atLeast.text };
  if (c.atMost) out.atMost = { value: toValue(c.atMost, ind), text: c.atMost.text };
  if (c.numerator) out.numerator = partValue(c.numerator, ind, 'numerator');
  if (c.denominator) out.denominator = partValue(c.denominator, ind, 'denominator');
  return out;
}
