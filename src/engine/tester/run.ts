// Running bound plan tests: evaluate the plan on each test's data as of its date (once per data set and
// date), judge rules case by case, replay where asked, and compare with what the test expects. Every
// result says what was expected, what was found, and where the test is (file:line:col).
import type { Figure, PlanReport } from '../report/model.js';
import { evaluatePlan, type EvaluateInput } from '../eval/evaluate.js';
import type { Metrics } from '../pipeline/metrics.js';
import { formatValue } from '../report/render.js';
import type { BoundFile, BoundTest, Check, Checks, Source } from './bind.js';
import { RuleJudge, type EvalHooksLike } from './verdict.js';
import { engineReplay, firstWith, type ReplayFn } from './replay.js';
import { stageInForce } from '../eval/status.js';
import { checkScore } from './score.js';

export type Outcome = 'passed' | 'failed' | 'skipped';

export interface TestResult {
  file: string;
  name: string;
  fullName: string;
  kind: Check['kind'];
  line: number;
  col: number;
  status: Outcome;
  asOf: string;
  data: string;
  expected: string;
  actual: string;
}

export interface FileResult {
  file: string;
  plan: string;
  results: TestResult[];
}

export interface RunOptions {
  /** Which tests run (by full name); the others are left out of the results. */
  filter?: (fullName: string) => boolean;
  /** The replay (default: the engine's replayPlan, in this thread). */
  replay?: ReplayFn;
  /** What configured plugins add to evaluation: functions a plan calls, the working-day calendar. */
  hooks?: EvalHooksLike;
  /** Records the evaluations' and the engine replays' stages (`--metrics`). */
  metrics?: Metrics;
  /** Who computes a report (a SQL engine: `luoshi test --engine duckdb`); default the memory engine, here. */
  evaluate?: (input: EvaluateInput) => Promise<PlanReport>;
  /** Told after each test: tests done of the file's tests that run (those `filter` selects). */
  onProgress?: (done: number, total: number) => void;
}

/** The tests of a file that a run includes: those `filter` selects (all without one). */
export function selectedTests(b: BoundFile, filter?: (fullName: string) => boolean): BoundTest[] {
  return filter ? b.tests.filter((t) => filter(t.spec.fullName)) : b.tests;
}

interface Found {
  ok: boolean;
  expected: string;
  actual: string;
}

export async function runBoundFile(b: BoundFile, plan: string, opts: RunOptions = {}): Promise<FileResult> {
  const hooks: EvalHooksLike = opts.hooks ?? {};
  const reports = new Map<string, Promise<PlanReport>>();
  const judges = new Map<string, RuleJudge>();
  const replays = new Map<string, ReturnType<ReplayFn>>();
  const report = (src: Source, asOf: string): Promise<PlanReport> => {
    const k = `${src.key}|${asOf}`;
    let r = reports.get(k);
    if (!r) {
      const input: EvaluateInput = {
        ir: b.ir,
        store: src.store,
        asOf,
        progress: src.progress,
        staffing: src.staffing,
        ...hooks,
        ...(opts.metrics ? { metrics: opts.metrics } : {}),
      };
      r = opts.evaluate ? opts.evaluate(input) : Promise.resolve(evaluatePlan(input));
      reports.set(k, r);
    }
    return r;
  };
  const judge = (src: Source): RuleJudge => {
    let j = judges.get(src.key);
    if (!j) {
      j = new RuleJudge(b.ir, src.store, hooks);
      judges.set(src.key, j);
    }
    return j;
  };
  const replayOf = (src: Source, c: Extract<Check, { kind: 'replay' }>): ReturnType<ReplayFn> => {
    const k = `${src.key}|${c.from}|${c.to}|${c.step}`;
    let r = replays.get(k);
    if (!r) {
      const input = {
        ir: b.ir,
        store: src.store,
        progress: src.progress,
        staffing: src.staffing,
        from: c.from,
        to: c.to,
        step: c.step,
      };
      // A replay elsewhere (a worker) gets plain data only: the recorder stays here.
      r = opts.replay
        ? opts.replay(input)
        : engineReplay({ ...input, ...(opts.metrics ? { metrics: opts.metrics } : {}) });
      replays.set(k, r);
    }
    return r;
  };
  const results: TestResult[] = [];
  const tests = selectedTests(b, opts.filter);
  for (const t of tests) {
    const base = {
      file: b.model.file,
      name: t.spec.name,
      fullName: t.spec.fullName,
      kind: t.check.kind,
      line: t.spec.loc.line,
      col: t.spec.loc.col,
      asOf: t.check.kind === 'replay' ? `${t.check.from}..${t.check.to}` : t.asOf,
      data: t.source.label,
    };
    if (t.spec.skip) {
      results.push({ ...base, status: 'skipped', expected: '', actual: '' });
      opts.onProgress?.(results.length, tests.length);
      continue;
    }
    let f: Found;
    const c = t.check;
    switch (c.kind) {
      case 'indicator':
        f = checkIndicator(t, c, await report(t.source, t.asOf));
        break;
      case 'rule':
        f = checkRule(c, judge(t.source), t.asOf);
        break;
      case 'target':
        f = checkTarget(t, c, await report(t.source, t.asOf));
        break;
      case 'milestone':
        f = checkMilestone(c, await report(t.source, t.asOf));
        break;
      case 'task': {
        const task = (await report(t.source, t.asOf)).tasks.find((x) => x.id === c.task)!;
        f = { ok: task.status === c.status, expected: `status ${c.status}`, actual: `status ${task.status}` };
        break;
      }
      case 'replay':
        f = checkReplay(t, c, await replayOf(t.source, c));
        break;
      case 'score':
        f = checkScore(c, t.group!.name, await report(t.source, t.asOf));
        break;
    }
    results.push({ ...base, status: f.ok ? 'passed' : 'failed', expected: f.expected, actual: f.actual });
    opts.onProgress?.(results.length, tests.length);
  }
  return { file: b.model.file, plan, results };
}

// ---------------------------------------------------------------- values

const num = (n: number): string => (Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6));

function figureText(f: Figure | null, unit: string): string {
  if (!f) return '— (没有这一分组的案件 / no cases in this group)';
  const v = f.value === null ? '— (无法计算 / not measurable)' : formatValue(f.value, unit);
  const precise = f.value !== null && !Number.isInteger(f.value) ? ` [${num(f.value)}]` : '';
  return f.denominator === null ? `${v}${precise}` : `${v}${precise} (${num(f.numerator)}/${num(f.denominator)})`;
}

function compareFigure(f: Figure | null, c: Checks, unit: string): Found {
  const exp: string[] = [];
  let ok = true;
  const v = f?.value ?? null;
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
  if (c.isNull) {
    exp.push('= — (not measurable)');
    ok &&= v === null;
  }
  if (c.equals) {
    exp.push(`${c.equals.approx ? '≈' : '='} ${c.equals.text}`);
    ok &&= v !== null && Math.abs(v - c.equals.value) <= c.equals.tol;
  }
  if (c.atLeast) {
    exp.push(`≥ ${c.atLeast.text}`);
    ok &&= v !== null && v >= c.atLeast.value - 1e-12;
  }
  if (c.atMost) {
    exp.push(`≤ ${c.atMost.text}`);
    ok &&= v !== null && v <= c.atMost.value + 1e-12;
  }
  if (c.numerator !== undefined) {
    exp.push(`numerator ${num(c.numerator)}`);
    ok &&= f !== null && close(f.numerator, c.numerator);
  }
  if (c.denominator !== undefined) {
    exp.push(`denominator ${num(c.denominator)}`);
    ok &&= f !== null && f.denominator !== null && close(f.denominator, c.denominator);
  }
  return { ok, expected: exp.join(', '), actual: figureText(f, unit) };
}

function groupFigure(t: BoundTest, groups: Record<string, Figure> | undefined): Figure | null {
  return groups?.[t.group!.name] ?? null;
}

function checkIndicator(t: BoundTest, c: Extract<Check, { kind: 'indicator' }>, r: PlanReport): Found {
  const ind = r.indicators.find((i) => i.name === c.indicator)!;
  const f = !t.group
    ? ind.overall
    : t.group.kind === 'court'
      ? groupFigure(t, ind.courts)
      : t.group.kind === 'handler'
        ? groupFigure(t, ind.handlers)
        : groupFigure(t, ind.teams);
  return compareFigure(f, c.checks, c.unit);
}

// ---------------------------------------------------------------- rules

function checkRule(c: Extract<Check, { kind: 'rule' }>, judge: RuleJudge, asOf: string): Found {
  const v = judge.verdict(c.rule, c.caseIndex, asOf);
  const exp: string[] = [];
  if (c.applies !== null) exp.push(c.applies ? 'applies' : 'does not apply');
  if (c.passes !== null || c.failed !== null) {
    const fails = c.failed ?? [];
    exp.push(
      c.passes === true || (c.passes === null && fails.length === 0)
        ? 'passes'
        : fails.length
          ? `fails: ${fails.join(', ')}`
          : 'fails',
    );
  }
  if (c.warnings !== null) exp.push(`warnings: ${c.warnings.length ? c.warnings.join(', ') : 'none'}`);
  if (!v.visible)
    return { ok: false, expected: exp.join('; '), actual: `案件在 ${asOf} 尚未立案 / not filed by ${asOf}` };
  const failed = [...v.failed].sort(),
    warnings = [...v.warnings].sort();
  const act: string[] = [];
  if (!v.applies) act.push('does not apply');
  else {
    if (c.applies !== null) act.push('applies');
    act.push(failed.length ? `fails: ${failed.join(', ')}` : 'passes');
    if (c.warnings !== null || warnings.length) act.push(`warnings: ${warnings.length ? warnings.join(', ') : 'none'}`);
  }
  let ok = true;
  if (c.applies !== null) ok &&= v.applies === c.applies;
  const judged = c.passes !== null || c.failed !== null || c.warnings !== null;
  if (judged) {
    ok &&= v.applies;
    if (c.passes !== null) ok &&= (failed.length === 0) === c.passes;
    if (c.failed !== null) ok &&= sameList(failed, c.failed);
    if (c.warnings !== null) ok &&= sameList(warnings, c.warnings);
  }
  return { ok, expected: exp.join('; '), actual: act.join('; ') };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

// ---------------------------------------------------------------- targets, milestones, replay

function checkTarget(t: BoundTest, c: Extract<Check, { kind: 'target' }>, r: PlanReport): Found {
  const target = r.targets.find((x) => x.id === c.target)!;
  const stage = c.stage !== null ? target.stages[c.stage]! : stageInForce(target.stages, r.asOf);
  const g = t.group ? (stage.groups[t.group.name] ?? null) : null;
  const exp: string[] = [],
    act: string[] = [];
  let ok = true;
  if (c.status !== null) {
    const s = t.group ? (g?.status ?? 'not measurable') : c.stage !== null ? stage.status : target.status;
    exp.push(`status ${c.status}`);
    act.push(`status ${s}`);
    ok &&= s === c.status;
  }
  if (Object.keys(c.checks).length > 0) {
    const f = compareFigure(t.group ? g : stage.figure, c.checks, c.unit);
    exp.push(f.expected);
    act.push(f.actual);
    ok &&= f.ok;
  }
  if (c.stretchMet !== null) {
    const s = t.group ? (g?.stretchMet ?? null) : stage.stretchMet;
    exp.push(`stretchMet ${c.stretchMet}`);
    act.push(`stretchMet ${s}`);
    ok &&= s === c.stretchMet;
  }
  if (c.lagging !== null) {
    const lag = Object.entries(stage.groups)
      .filter(([, x]) => x.status === 'missed' || x.status === 'at risk')
      .map(([n]) => n)
      .sort();
    exp.push(`lagging [${c.lagging.join(', ')}]`);
    act.push(`lagging [${lag.join(', ')}]`);
    ok &&= sameList(lag, c.lagging);
  }
  return { ok, expected: exp.join('; '), actual: act.join('; ') };
}

function checkMilestone(c: Extract<Check, { kind: 'milestone' }>, r: PlanReport): Found {
  const m = r.tasks.find((x) => x.id === c.task)!.milestones.find((x) => x.id === c.milestone)!;
  const exp: string[] = [],
    act: string[] = [];
  let ok = true;
  if (c.status !== null) {
    exp.push(`status ${c.status}`);
    act.push(`status ${m.status}`);
    ok &&= m.status === c.status;
  }
  if (c.done !== undefined) {
    exp.push(`done ${c.done ?? 'never'}`);
    act.push(`done ${m.done ?? 'never'}`);
    ok &&= m.done === c.done;
  }
  return { ok, expected: exp.join('; '), actual: act.join('; ') };
}

function checkReplay(t: BoundTest, c: Extract<Check, { kind: 'replay' }>, r: Awaited<ReturnType<ReplayFn>>): Found {
  const target = r.targets.find((x) => x.id === c.target);
  const statuses = !target ? [] : t.group ? (target.courts[t.group.name] ?? []) : target.statuses;
  const exp: string[] = [],
    act: string[] = [];
  let ok = true;
  if (c.firstMet !== undefined) {
    const v = firstWith(r.dates, statuses, 'met');
    exp.push(`firstMet ${c.firstMet ?? 'never'}`);
    act.push(`firstMet ${v ?? 'never'}`);
    ok &&= v === c.firstMet;
  }
  if (c.firstMissed !== undefined) {
    const v = firstWith(r.dates, statuses, 'missed');
    exp.push(`firstMissed ${c.firstMissed ?? 'never'}`);
    act.push(`firstMissed ${v ?? 'never'}`);
    ok &&= v === c.firstMissed;
  }
  for (const x of c.statuses) {
    const v = statuses[r.dates.indexOf(x.date)] ?? 'not measurable';
    exp.push(`${x.date} ${x.status}`);
    act.push(`${x.date} ${v}`);
    ok &&= v === x.status;
  }
  if (c.final !== null) {
    const v = statuses[statuses.length - 1] ?? 'not measurable';
    exp.push(`final ${c.final}`);
    act.push(`final ${v}`);
    ok &&= v === c.final;
  }
  return { ok, expected: exp.join('; '), actual: `${act.join('; ')} (${r.dates.length} steps)` };
}
