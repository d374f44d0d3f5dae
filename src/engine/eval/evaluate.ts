// Evaluates a compiled plan against case data as of a date: indicators, targets (staged, stretch, per
// scope), milestones, recurring duties, per-case rules, roll-ups per person / department / court and
// rankings. Deterministic: the same inputs give the same report, byte for byte.
import type { IRExpr, IRMilestone, IRTarget, IRTask, IRWindow, PlanIR, ScopeKind } from '../ir/types.js';
import type { CaseStore } from '../data/store.js';
import { courtResolver, identifyCourts, type CourtIdentity, type CourtOptions } from '../data/identity.js';
import type { ProgressReport, StaffingRecord } from '../data/record.js';
import { NO_DAY, formatDay, parseIsoDay, yearOf, dayOf, type Day } from '../time/calendar.js';
import { Cursor, type ExprCompiler, type FunctionTable } from './expr.js';
import { collectAggregates, type AggregateNode, type AggregateResult, type GroupKind, type StaffingRow } from './aggregate.js';
import { figureOf, planBool } from './figures.js';
import { planWindow, stageWindow, windowAt, type Window } from './window.js';
import { compilerFor, executeJobs, type AggregateJob, type JobResults, type RuleJob } from './jobs.js';
import type {
  Figure, IndicatorReport, MilestoneReport, MilestoneStatus, PlanReport, RuleReport, TargetReport, TargetStatus, TaskReport, TaskStatus,
} from '../report/model.js';
import { byName } from '../report/groups.js';
import { REPORT_VERSION } from '../report/model.js';
import { reportSource, schemeScopes } from '../scoring/source.js';
import { scoreSchemes } from '../scoring/score.js';
import { DUE_SOON_DAYS, meets, milestoneStatus, missedStages, stageInForce, targetStatus, worstStatus } from './status.js';

export interface EvaluateInput {
  ir: PlanIR;
  store: CaseStore;
  asOf: string;
  progress?: readonly ProgressReport[];
  staffing?: readonly StaffingRecord[];
  /** What the loaders read (read = accepted + rejected). */
  data?: PlanReport['data'];
  /** Days before a deadline that count as "due soon". */
  dueSoonDays?: number;
  /** Calendar for working days (a plugin); default Monday–Friday. */
  addWorkdays?: (day: Day, n: number) => Day;
  /** Plugins' functions, for plans that call them. */
  functions?: FunctionTable;
  /** Court aliases and whether cases of courts the plan does not name count (luoshi.config.yaml `courts`). */
  courts?: CourtOptions;
}



/** Runs the jobs of an evaluation; the default runs them here, over the whole store. */
export type JobExecutor = (jobs: { aggregates: AggregateJob[]; rules: RuleJob[] }, staffing: StaffingRow[]) => JobResults;

export function evaluatePlan(input: EvaluateInput): PlanReport {
  const prepared = prepareEvaluation(input);
  const compiler = compilerFor(input.ir, prepared.store, input.addWorkdays, input.functions);
  return prepared.assemble(executeJobs(input.ir, prepared.store, prepared.jobs, prepared.staffing, compiler), compiler);
}

/** The same evaluation with the jobs run elsewhere (worker threads over shards of `store`, the identified store). */
export async function evaluatePlanWith(input: EvaluateInput, execute: (jobs: Prepared['jobs'], staffing: StaffingRow[], store: CaseStore) => Promise<JobResults>): Promise<PlanReport> {
  const prepared = prepareEvaluation(input);
  const results = await execute(prepared.jobs, prepared.staffing, prepared.store);
  return prepared.assemble(results, compilerFor(input.ir, prepared.store, input.addWorkdays, input.functions));
}

export interface Prepared {
  /** The cases as the plan sees them (court identity applied: data/identity.ts). */
  store: CaseStore;
  identity: CourtIdentity;
  jobs: { aggregates: AggregateJob[]; rules: RuleJob[] };
  staffing: StaffingRow[];
  assemble(results: JobResults, compiler: ExprCompiler): PlanReport;
}

/** Staffing rows with the cases' court identity; rows of courts the plan does not cover count nowhere
 *  (unless the configuration includes unmatched courts). */
export function identifyStaffing(ir: PlanIR, rows: readonly StaffingRecord[], identity: CourtIdentity, opts?: CourtOptions): StaffingRow[] {
  const resolve = courtResolver(ir, opts);
  const covered = new Set(identity.covered);
  const out: StaffingRow[] = [];
  for (const s of rows) {
    const full = resolve(s.court);
    const ok = !identity.bound || (full !== null && covered.has(full));
    if (!ok && opts?.unmatched !== 'include') continue;
    out.push({ court: ok && full !== null ? full : s.court, day: parseIsoDay(s.date) ?? NO_DAY,
      values: { 执行人员: s.执行人员, 政法编制: s.政法编制, 员额法官: s.员额法官 ?? NaN } });
  }
  return out;
}

/** How far back the trend of a not-yet-due target is read, for its projection. */
export const TREND_DAYS = 90;

export function prepareEvaluation(input: EvaluateInput): Prepared {
  const { ir } = input;
  const { store, identity } = identifyCourts(ir, input.store, input.courts);
  const asOfDay = parseIsoDay(input.asOf);
  if (asOfDay === null) throw new Error(`invalid as-of date ${input.asOf}`);
  const T: Day = asOfDay;
  const period: Window | null = ir.plan.period ? planWindow(ir) : null;

  const staffing = identifyStaffing(ir, input.staffing ?? [], identity, input.courts);

  // Aggregates are computed per (as-of, window) job, each in one pass.
  const indicatorAggs = new Map<string, AggregateNode[]>();
  for (const ind of ir.indicators) {
    const m = new Map<string, AggregateNode>();
    collectAggregates(ind.expr, m);
    indicatorAggs.set(ind.name, [...m.values()]);
  }
  interface Job { key: string; asOf: Day; win: Window; nodes: Map<string, AggregateNode> }
  const jobs = new Map<string, Job>();
  const jobFor = (asOf: Day, win: Window, nodes: AggregateNode[]): Job => {
    const key = `${asOf}|${win.from}|${win.to}`;
    let j = jobs.get(key);
    if (!j) { j = { key, asOf, win, nodes: new Map() }; jobs.set(key, j); }
    for (const n of nodes) j.nodes.set(n.key, n);
    return j;
  };
  const planWin: Window = planWindow(ir);
  const windowOf = (w: IRWindow, asOf: Day): Window => windowAt(ir, w, asOf);

  // Register every job first so each (as-of, window) is one pass.
  const mainJob = jobFor(T, planWin, ir.indicators.flatMap((i) => indicatorAggs.get(i.name)!));
  const stageJobs = new Map<IRTarget, Job[]>();
  const trendJobs = new Map<IRTarget, Array<Job | null>>();
  for (const t of ir.targets) {
    const nodes = indicatorAggs.get(t.indicator) ?? [];
    stageJobs.set(t, t.stages.map((s) => {
      const by = s.by ? parseIsoDay(s.by)! : null;
      const at = by !== null && by < T ? by : T;
      return jobFor(at, windowOf(stageWindow(t, s), at), nodes);
    }));
    const past = T - TREND_DAYS;
    // Each stage not yet due: its trend over its own window.
    if (t.stages.some((s) => s.by !== null && parseIsoDay(s.by)! > T)) {
      trendJobs.set(t, t.stages.map((s) => (s.by !== null && parseIsoDay(s.by)! > T ? jobFor(past, windowOf(stageWindow(t, s), T), nodes) : null)));
    }
  }
  const milestoneJobs = new Map<IRMilestone, { atDue: Job | null; atT: Job }>();
  for (const task of ir.tasks) for (const m of task.milestones) {
    if (!m.condition) continue;
    const mm = new Map<string, AggregateNode>();
    collectAggregates(m.condition.expr, mm);
    const nodes = [...mm.values()];
    const due = parseIsoDay(m.due)!;
    milestoneJobs.set(m, { atDue: due < T ? jobFor(due, planWin, nodes) : null, atT: jobFor(T, planWin, nodes) });
  }
  const ruleJobs = new Map<string, RuleJob>();
  const checkKey = (rule: string, applies: IRExpr | null) => `${rule}|${JSON.stringify(applies)}`;
  for (const task of ir.tasks) for (const chk of task.checks) {
    const key = checkKey(chk.rule, chk.applies);
    if (!ruleJobs.has(key)) ruleJobs.set(key, { key, rule: chk.rule, applies: chk.applies, asOf: T, from: planWin.from, to: planWin.to });
  }
  const jobList = [...jobs.values()];
  const prepared: Prepared['jobs'] = {
    aggregates: jobList.map((j) => ({ key: j.key, asOf: j.asOf, from: j.win.from, to: j.win.to, nodes: [...j.nodes.values()] })),
    rules: [...ruleJobs.values()],
  };

  const assemble = (results: JobResults, compiler: ExprCompiler): PlanReport => {
  const run = (j: Job): Map<string, AggregateResult> => {
    const list = results.aggregates[j.key]!;
    const nodes = [...j.nodes.values()];
    return new Map(nodes.map((n, k) => [n.key, list[k]!]));
  };
  const groupNames = (kind: GroupKind): string[] =>
    kind === 'court' ? store.courts : kind === 'handler' ? store.handlers : kind === 'team' ? [...store.teams, ''] : [''];

  const figure = figureOf;


  // ---------------------------------------------------------------- indicators (plan window, at T)
  const mainRes = run(mainJob);
  const scopesUsed = new Map<string, Set<GroupKind>>();
  for (const t of ir.targets) {
    if (t.scope.kind === 'handler' || t.scope.kind === 'team') {
      const s = scopesUsed.get(t.indicator) ?? new Set(); s.add(t.scope.kind); scopesUsed.set(t.indicator, s);
    }
  }
  for (const [ind, kinds] of schemeScopes(ir)) { const s = scopesUsed.get(ind) ?? new Set(); for (const k of kinds) s.add(k); scopesUsed.set(ind, s); }
  const indicators: IndicatorReport[] = ir.indicators.map((ind) => {
    const courts = byName<Figure>();
    store.courts.forEach((c, g) => { courts[c] = figure(ind.expr, mainRes, mainJob.nodes, 'court', g); });
    const rep: IndicatorReport = { name: ind.name, title: ind.title, unit: ind.unit, dimension: ind.dimension, overall: figure(ind.expr, mainRes, mainJob.nodes, 'overall', 0), courts };
    for (const kind of scopesUsed.get(ind.name) ?? []) {
      const groups = byName<Figure>();
      groupNames(kind).forEach((h, g) => { groups[h] = figure(ind.expr, mainRes, mainJob.nodes, kind, g); });
      if (kind === 'handler') rep.handlers = groups; else rep.teams = groups;
    }
    return rep;
  });

  // ---------------------------------------------------------------- targets
  const planCourts = new Set(ir.plan.courts.map((n) => ir.courts.find((c) => c.name === n)?.fullName).filter((x): x is string => !!x));
  const targets: TargetReport[] = ir.targets.map((t) => {
    const ind = ir.indicators.find((i) => i.name === t.indicator)!;
    const jobsForT = stageJobs.get(t)!;
    const kind: GroupKind = t.scope.kind;
    const members = scopeMembers(t, kind);
    const projections: Array<{ deadline: string; value: number }> = [];
    const stages = t.stages.map((s, si) => {
      const j = jobsForT[si]!;
      const res = run(j);
      const by = s.by ? parseIsoDay(s.by)! : null;
      const due = by !== null && by <= T;
      const trend = !due && by !== null ? trendJobs.get(t)?.[si] ?? undefined : undefined;
      const trendRes = trend ? run(trend) : null;
      const evalGroup = (g: number) => {
        const f = figure(ind.expr, res, j.nodes, kind, g);
        if (!trend || !trendRes || f.value === null) return { figure: f, status: targetStatus(f.value, t.op, s.value, due), projected: null };
        // Not yet due: the value projected to the deadline along its trend over the last TREND_DAYS days.
        const past = figure(ind.expr, trendRes, trend.nodes, kind, g).value;
        const projected = project(f.value, past, by! - T, ind.dimension === 'ratio');
        return { figure: f, status: targetStatus(projected, t.op, s.value, false), projected };
      };
      const groups: TargetReport['stages'][number]['groups'] = byName();
      let status: TargetStatus;
      if (kind === 'overall') {
        const r = evalGroup(0);
        status = r.status;
        if (r.projected !== null && by !== null) projections.push({ deadline: formatDay(by), value: r.projected });
        return { value: s.value, display: s.display, stretch: s.stretch, by: s.by, measuredAt: formatDay(j.asOf), window: s.window, due, status, figure: r.figure, stretchMet: stretchMet(r.figure.value, t.op, s.stretch), groups };
      }
      const statuses: TargetStatus[] = [];
      for (const { name, g } of members) {
        const r = evalGroup(g);
        groups[name] = { ...r.figure, status: r.status, stretchMet: stretchMet(r.figure.value, t.op, s.stretch), projected: r.projected };
        statuses.push(r.status);
      }
      status = worstStatus(statuses);
      return { value: s.value, display: s.display, stretch: s.stretch, by: s.by, measuredAt: formatDay(j.asOf), window: s.window, due, status, figure: null, stretchMet: null, groups };
    });
    // The target's status is that of the stage in force at T (status.ts).
    const current = stageInForce(stages, formatDay(T));
    const missed = missedStages(stages).length;
    const lagging = kind === 'overall' ? [] : Object.entries(current.groups).filter(([, g]) => g.status === 'missed' || g.status === 'at risk').map(([n]) => n);
    return {
      id: t.id, title: t.title, indicator: t.indicator, unit: ind.unit, op: t.op, scope: t.scope.kind, window: t.window, task: t.task,
      status: current.status, stages, missedStages: missed, lagging,
      projection: current.due || !trendJobs.has(t) ? null : {
        method: `按近 ${TREND_DAYS} 日趋势线性外推至截止日 / linear trend of the last ${TREND_DAYS} days extended to the deadline`,
        deadline: current.by, value: projections.find((x) => x.deadline === current.by)?.value ?? null,
      },
      source: t.source,
    };
  });

  function scopeMembers(t: IRTarget, kind: GroupKind): Array<{ name: string; g: number }> {
    if (kind === 'overall') return [{ name: '', g: 0 }];
    const names = groupNames(kind);
    let list = names.map((name, g) => ({ name, g }));
    if (kind === 'court' && planCourts.size > 0) list = list.filter((x) => planCourts.has(x.name));
    if (kind === 'court' && t.scope.filter) {
      const f = compiler.compile(t.scope.filter);
      const cur = new Cursor(store, T, planWin.from, Math.min(T, planWin.to));
      list = list.filter((x) => {
        for (let i = 0; i < store.n; i++) if (store.court[i] === x.g) { cur.moveTo(i); return f(cur) === true; }
        return false;
      });
    }
    return list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  // ---------------------------------------------------------------- rules (per case)
  const ruleReports: RuleReport[] = [];
  const ruleByKey = new Map<string, RuleReport>();
  for (const task of ir.tasks) for (const chk of task.checks) {
    const key = checkKey(chk.rule, chk.applies);
    const existing = ruleByKey.get(key);
    if (existing) { if (!existing.tasks.includes(task.id)) existing.tasks.push(task.id); continue; }
    const r = ir.rules.find((x) => x.name === chk.rule);
    const res = results.rules[key];
    if (!r || !res) continue;
    const rep: RuleReport = {
      rule: r.name, title: r.title, tasks: [task.id], checked: res.checked, passed: res.checked - res.failed, failed: res.failed, warned: res.warned,
      byCondition: res.byCondition, conditions: r.conditions.map((c) => ({ name: c.name, label: c.label, severity: c.severity })),
      failures: res.failures, failuresListed: res.failures.length,
    };
    ruleByKey.set(key, rep);
    ruleReports.push(rep);
  }

  // ---------------------------------------------------------------- tasks and milestones
  const soon = input.dueSoonDays ?? DUE_SOON_DAYS;
  const progress = [...(input.progress ?? [])].filter((p) => { const d = parseIsoDay(p.done); return d !== null && d <= T; });
  const tasks: TaskReport[] = ir.tasks.map((task) => {
    const milestones: MilestoneReport[] = task.milestones.map((m) => {
      const due = parseIsoDay(m.due)!;
      const reports = progress.filter((p) => p.task === task.id && (p.milestone === m.name || p.milestone === m.text || p.milestone === m.id));
      let doneOn: Day | null = reports.length ? Math.min(...reports.map((p) => parseIsoDay(p.done)!)) : null;
      let evidence = reports.map((p) => ({ done: p.done, by: p.by ?? null, evidence: p.evidence ?? null }));
      let conditionHolds: boolean | null = null;
      const mj = milestoneJobs.get(m);
      if (mj && m.condition) {
        const holds = (j: ReturnType<typeof jobFor>) => conditionHoldsIn(m.condition!.expr, m.condition!.scope, run(j), j.nodes);
        const atT = holds(mj.atT);
        conditionHolds = atT;
        if (atT && doneOn === null) {
          // Done the day the condition first holds: by the deadline if it held then, else after it.
          // Without a replay the first day is known only to lie after the deadline: report T.
          doneOn = mj.atDue && holds(mj.atDue) ? due : T;
          evidence = [...evidence, { done: formatDay(doneOn), by: null, evidence: '条件已满足 / condition holds in the data' }];
        }
      }
      const status = milestoneStatus(doneOn, due, T, soon);
      return { id: m.id, name: m.name, text: m.text, due: m.due, dueText: m.dueText, status, done: doneOn === null ? null : formatDay(doneOn), evidence, conditionHolds, owners: m.owners.map((o) => o.name) };
    });
    const taskReports = progress.filter((p) => p.task === task.id && !p.milestone);
    const targetStatuses = targets.filter((t) => task.targets.includes(t.id));
    const status = taskStatus(task, milestones, taskReports, targetStatuses, T, soon);
    return {
      id: task.id, title: task.title, owners: task.owners, departments: task.departments, due: task.due, dueKind: task.dueKind,
      status, milestones, targets: task.targets, rules: ruleReports.filter((r) => r.tasks.includes(task.id)).map((r) => ({ rule: r.rule, failed: r.failed })),
      recurring: task.recurring.map((r) => recurringStatus(task, r, progress, period, T)),
      source: task.source,
    };
  });

  // Progress reports that name no task or deliverable of the plan are shown, never silently dropped.
  const unmatchedProgress = progress.filter((p) => {
    const task = ir.tasks.find((t) => t.id === p.task);
    if (!task) return true;
    if (!p.milestone) return false;
    return !task.milestones.some((m) => p.milestone === m.name || p.milestone === m.text || p.milestone === m.id)
      && !task.recurring.some((r) => r.text === p.milestone);
  }).map((p) => ({ task: p.task, milestone: p.milestone ?? null, done: p.done }));

  // ---------------------------------------------------------------- roll-ups and rankings
  const people = rollupPeople(ir, tasks);
  const departments = ir.departments.map((d) => {
    const mine = tasks.filter((t) => t.departments.includes(d.name));
    return { name: d.name, tasks: mine.map((t) => ({ id: t.id, status: t.status })), late: mine.filter((t) => isLate(t.status)).length };
  }).filter((d) => d.tasks.length > 0);
  const courtRollup = store.courts.filter((c) => planCourts.size === 0 || planCourts.has(c)).map((court) => {
    const rows = targets.filter((t) => t.scope === 'court').map((t) => {
      const stage = stageInForce(t.stages, formatDay(T));
      const g = stage.groups[court];
      return g ? { target: t.id, status: g.status, value: g.value } : null;
    }).filter((x): x is { target: string; status: TargetStatus; value: number | null } => x !== null);
    return { court, targets: rows, lagging: rows.filter((r) => r.status === 'missed' || r.status === 'at risk').length };
  });
  const rankings = targets.filter((t) => t.scope === 'court').map((t) => {
    const stage = stageInForce(t.stages, formatDay(T));
    const higherBetter = t.op === '>=' || t.op === '>';
    const rows = Object.entries(stage.groups).map(([court, g]) => ({ court, value: g.value, numerator: g.numerator, denominator: g.denominator, status: g.status }));
    rows.sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? cmpStr(a.court, b.court) : 1) : -1;
      return (higherBetter ? b.value - a.value : a.value - b.value) || cmpStr(a.court, b.court);
    });
    // Tied courts share a rank: a court's rank is one more than the number of courts strictly ahead of it.
    const ranked = rows.map((r, k) => ({ rank: k + 1, ...r }));
    for (let k = 1; k < ranked.length; k++) if (ranked[k]!.value !== null && ranked[k]!.value === ranked[k - 1]!.value) ranked[k]!.rank = ranked[k - 1]!.rank;
    return { target: t.id, indicator: t.indicator, unit: t.unit, rows: ranked };
  });

  const count = <T extends string>(xs: T[]): Record<string, number> => {
    const o: Record<string, number> = {};
    for (const x of [...xs].sort()) o[x] = (o[x] ?? 0) + 1;
    return o;
  };
  const allMilestones = tasks.flatMap((t) => t.milestones);
  const summary = {
    targets: count(targets.map((t) => t.status)),
    dueTargetsMissed: targets.reduce((n, t) => n + t.missedStages, 0),
    tasks: count(tasks.map((t) => t.status)),
    milestones: count(allMilestones.map((m) => m.status)),
    ruleFailures: ruleReports.reduce((n, r) => n + r.failed, 0),
  };
  const scores = ir.schemes.length ? scoreSchemes(ir, reportSource(ir, { asOf: formatDay(T), indicators, targets, tasks }, progress, groupNames)) : null;
  return {
    reportVersion: REPORT_VERSION,
    plan: { name: ir.plan.name, title: ir.plan.title, period: ir.plan.period, courts: ir.plan.courts },
    asOf: formatDay(T),
    data: input.data ?? { read: input.store.n, accepted: input.store.n, rejected: 0, warnings: 0, problems: [] },
    courtIdentity: identity,
    summary,
    indicators, targets, tasks, rules: ruleReports, people, departments, courts: courtRollup, rankings, unmatchedProgress,
    facts: ir.facts,
    ...(scores ? { scores } : {}),
  };
  };
  return { store, identity, jobs: prepared, staffing, assemble };
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function conditionHoldsIn(expr: IRExpr, scope: ScopeKind, res: Map<string, AggregateResult>, nodes: Map<string, AggregateNode>): boolean {
  if (scope === 'overall') return planBool(expr, res, nodes, 'overall', 0);
  const first = res.values().next().value as AggregateResult | undefined;
  const n = first ? first.sum[scope].length : 0;
  for (let g = 0; g < n; g++) if (!planBool(expr, res, nodes, scope, g)) return false;
  return n > 0;
}

/** Linear projection of `now` to `ahead` days from its change over the last TREND_DAYS days; ratios stay in [0, 1]. */
export function project(now: number, past: number | null, ahead: number, ratio: boolean): number {
  if (past === null || Number.isNaN(past) || ahead <= 0) return now;
  const v = now + ((now - past) / TREND_DAYS) * ahead;
  return ratio ? Math.min(1, Math.max(0, v)) : v;
}

function stretchMet(v: number | null, op: IRTarget['op'], s: number | null): boolean | null {
  return s === null || v === null ? null : meets(v, op, s);
}

function isLate(s: TaskStatus): boolean {
  return s === 'overdue' || s === 'done late';
}

function taskStatus(task: IRTask, ms: MilestoneReport[], reports: readonly ProgressReport[], targets: TargetReport[], T: Day, soon: number): TaskStatus {
  if (ms.length > 0) {
    if (ms.some((m) => m.status === 'overdue')) return 'overdue';
    if (ms.every((m) => m.status === 'done on time')) return 'done on time';
    if (ms.every((m) => m.status === 'done on time' || m.status === 'done late')) return 'done late';
    if (ms.some((m) => m.status === 'due soon')) return 'due soon';
    return 'pending';
  }
  if (task.dueKind === 'ongoing') {
    if (targets.some((t) => t.status === 'missed')) return 'overdue';
    return 'ongoing';
  }
  const due = task.due ? parseIsoDay(task.due)! : null;
  if (reports.length) {
    const d = Math.min(...reports.map((p) => parseIsoDay(p.done)!));
    return due === null || d <= due ? 'done on time' : 'done late';
  }
  if (due === null) return 'pending';
  return milestoneStatus(null, due, T, soon) as TaskStatus;
}

/** Instances of a recurring duty due by T (each period's end), and which have a progress report. */
function recurringStatus(task: IRTask, r: IRTask['recurring'][number], progress: readonly ProgressReport[], period: Window | null, T: Day): TaskReport['recurring'][number] {
  if (!period) return { every: r.every, text: r.text, due: 0, reported: 0, missing: [] };
  const months = r.every === 'month' ? 1 : r.every === 'quarter' ? 3 : r.every === 'halfyear' ? 6 : 12;
  const instances: Array<{ label: string; from: Day; to: Day }> = [];
  let y = yearOf(period.from), m = 1;
  const start = formatDay(period.from);
  m = +start.slice(5, 7);
  m = Math.floor((m - 1) / months) * months + 1;
  for (let guard = 0; guard < 1200; guard++) {
    const from = dayOf(y, m, 1);
    let ny = y, nm = m + months;
    if (nm > 12) { ny += 1; nm -= 12; }
    const to = dayOf(ny, nm, 1) - 1;
    if (from > period.to) break;
    if (to <= T) instances.push({ label: months === 12 ? `${y}` : `${y}-${String(m).padStart(2, '0')}`, from, to });
    y = ny; m = nm;
  }
  const mine = progress.filter((p) => p.task === task.id && (p.milestone === r.text || !p.milestone));
  const missing = instances.filter((ins) => !mine.some((p) => { const d = parseIsoDay(p.done)!; return d >= ins.from && d <= ins.to; })).map((i) => i.label);
  return { every: r.every, text: r.text, due: instances.length, reported: instances.length - missing.length, missing };
}

function rollupPeople(ir: PlanIR, tasks: TaskReport[]): PlanReport['people'] {
  const byPerson = new Map<string, Array<{ task: string; via: string | null; status: TaskStatus; lead: boolean }>>();
  for (const p of ir.people) byPerson.set(p.name, []);
  // A role held per court names the court its holder holds it in: `分管执行工作院领导 @ 北仑`.
  const courtOf = new Map(ir.roles.flatMap((r) => r.byCourt.flatMap((c) => c.holders.map((h) => [`${r.name}|${h}`, c.court] as const))));
  const via = (role: string, holder: string): string => { const c = courtOf.get(`${role}|${holder}`); return c ? `${role} @ ${c}` : role; };
  for (const t of tasks) {
    t.owners.forEach((o, k) => {
      for (const h of o.holders) {
        const list = byPerson.get(h) ?? [];
        list.push({ task: t.id, via: o.kind === 'role' ? via(o.name, h) : null, status: t.status, lead: k === 0 });
        byPerson.set(h, list);
      }
    });
  }
  const roleless = tasks.flatMap((t) => t.owners.filter((o) => o.kind === 'role' && o.holders.length === 0).map((o) => ({ role: o.name, task: t.id, status: t.status })));
  const people = [...byPerson.entries()].filter(([, l]) => l.length > 0).sort(([a], [b]) => cmpStr(a, b)).map(([name, list]) => ({
    name, title: ir.people.find((p) => p.name === name)?.title ?? null, tasks: list, late: list.filter((x) => isLate(x.status)).length,
  }));
  const roles = new Map<string, Array<{ task: string; status: TaskStatus }>>();
  for (const r of roleless) { const l = roles.get(r.role) ?? []; l.push({ task: r.task, status: r.status }); roles.set(r.role, l); }
  for (const [role, list] of [...roles].sort(([a], [b]) => cmpStr(a, b))) {
    people.push({ name: role, title: '（角色未指定人员 / role without a holder）', tasks: list.map((x) => ({ ...x, via: role, lead: false })), late: list.filter((x) => isLate(x.status)).length });
  }
  return people;
}
