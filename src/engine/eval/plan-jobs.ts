// Evaluation, stage 1 (plan): the cases as the plan sees them (court identity), the staffing rows, and the
// jobs — each (as-of day, window) with every aggregate asked of it, and each distinct rule check once; all
// of them are then run in one pass over the cases (one-pass.ts). Nothing is computed over the cases here.
import type { IRExpr, IRMilestone, IRTarget, PlanIR } from '../ir/types.js';
import type { CaseStore } from '../data/store.js';
import { courtResolver, identifyCourts, type CourtIdentity, type CourtOptions } from '../data/identity.js';
import type { StaffingRecord } from '../data/record.js';
import { NO_DAY, parseIsoDay, type Day } from '../time/calendar.js';
import { collectAggregates, type AggregateNode, type StaffingRow } from './aggregate.js';
import { planWindow, stageWindow, windowAt, type Window } from './window.js';
import type { AggregateJob, RuleJob } from './jobs.js';

/** How far back the trend of a not-yet-due target is read, for its projection. */
export const TREND_DAYS = 90;

/** Every aggregate asked at one as-of day over one window. */
export interface Job {
  key: string;
  asOf: Day;
  win: Window;
  nodes: Map<string, AggregateNode>;
}

export interface PlannedJobs {
  /** The cases as the plan sees them (court identity applied: data/identity.ts). */
  store: CaseStore;
  identity: CourtIdentity;
  staffing: StaffingRow[];
  /** The as-of day. */
  T: Day;
  period: Window | null;
  planWin: Window;
  /** The indicators at T over the plan's window. */
  mainJob: Job;
  /** Each target's stages: the job measuring it (at its deadline if passed, else at T). */
  stageJobs: Map<IRTarget, Job[]>;
  /** Targets with a stage not yet due: TREND_DAYS before T, per stage (null for a due stage). */
  trendJobs: Map<IRTarget, Array<Job | null>>;
  /** Conditional milestones: their condition at the deadline (if passed) and at T. */
  milestoneJobs: Map<IRMilestone, { atDue: Job | null; atT: Job }>;
  /** The jobs as plain data, for whoever runs them (here, a worker thread, a SQL engine). */
  jobs: { aggregates: AggregateJob[]; rules: RuleJob[] };
}

/** The key of a rule check: the same rule with the same `适用` is checked once for every task naming it. */
export const checkKey = (rule: string, applies: IRExpr | null): string => `${rule}|${JSON.stringify(applies)}`;

/** Staffing rows with the cases' court identity; rows of courts the plan does not cover count nowhere
 *  (unless the configuration includes unmatched courts). */
export function identifyStaffing(
  ir: PlanIR,
  rows: readonly StaffingRecord[],
  identity: CourtIdentity,
  opts?: CourtOptions,
): StaffingRow[] {
  const resolve = courtResolver(ir, opts);
  const covered = new Set(identity.covered);
  const out: StaffingRow[] = [];
  for (const s of rows) {
    const full = resolve(s.court);
    const ok = !identity.bound || (full !== null && covered.has(full));
    if (!ok && opts?.unmatched !== 'include') continue;
    out.push(staffingRow(s, ok && full !== null ? full : s.court));
  }
  return out;
}

/** A staffing record as the evaluator and the canonical SQL table hold it, under the court name given. */
export function staffingRow(s: StaffingRecord, court: string): StaffingRow {
  return {
    court,
    day: parseIsoDay(s.date) ?? NO_DAY,
    values: { 执行人员: s.执行人员, 政法编制: s.政法编制, 员额法官: s.员额法官 ?? NaN },
  };
}

export interface PlanJobsInput {
  ir: PlanIR;
  store: CaseStore;
  asOf: string;
  staffing?: readonly StaffingRecord[] | undefined;
  courts?: CourtOptions | undefined;
}

export function planJobs(input: PlanJobsInput): PlannedJobs {
  const { ir } = input;
  const { store, identity } = identifyCourts(ir, input.store, input.courts);
  const asOfDay = parseIsoDay(input.asOf);
  if (asOfDay === null) throw new Error(`invalid as-of date ${input.asOf}`);
  const T: Day = asOfDay;
  const period: Window | null = ir.plan.period ? planWindow(ir) : null;
  const staffing = identifyStaffing(ir, input.staffing ?? [], identity, input.courts);

  // Aggregates are computed per (as-of, window) job.
  const indicatorAggs = new Map<string, AggregateNode[]>();
  for (const ind of ir.indicators) {
    const m = new Map<string, AggregateNode>();
    collectAggregates(ind.expr, m);
    indicatorAggs.set(ind.name, [...m.values()]);
  }
  const jobs = new Map<string, Job>();
  const jobFor = (asOf: Day, win: Window, nodes: AggregateNode[]): Job => {
    const key = `${asOf}|${win.from}|${win.to}`;
    let j = jobs.get(key);
    if (!j) {
      j = { key, asOf, win, nodes: new Map() };
      jobs.set(key, j);
    }
    for (const n of nodes) j.nodes.set(n.key, n);
    return j;
  };
  const planWin: Window = planWindow(ir);

  // Register every job first so each (as-of, window) is one job.
  const mainJob = jobFor(
    T,
    planWin,
    ir.indicators.flatMap((i) => indicatorAggs.get(i.name)!),
  );
  const stageJobs = new Map<IRTarget, Job[]>();
  const trendJobs = new Map<IRTarget, Array<Job | null>>();
  for (const t of ir.targets) {
    const nodes = indicatorAggs.get(t.indicator) ?? [];
    stageJobs.set(
      t,
      t.stages.map((s) => {
        const by = s.by ? parseIsoDay(s.by)! : null;
        const at = by !== null && by < T ? by : T;
        return jobFor(at, windowAt(ir, stageWindow(t, s), at), nodes);
      }),
    );
    const past = T - TREND_DAYS;
    // Each stage not yet due: its trend over its own window.
    if (t.stages.some((s) => s.by !== null && parseIsoDay(s.by)! > T)) {
      trendJobs.set(
        t,
        t.stages.map((s) =>
          s.by !== null && parseIsoDay(s.by)! > T ? jobFor(past, windowAt(ir, stageWindow(t, s), T), nodes) : null,
        ),
      );
    }
  }
  const milestoneJobs = new Map<IRMilestone, { atDue: Job | null; atT: Job }>();
  for (const task of ir.tasks)
    for (const m of task.milestones) {
      if (!m.condition) continue;
      const mm = new Map<string, AggregateNode>();
      collectAggregates(m.condition.expr, mm);
      const nodes = [...mm.values()];
      const due = parseIsoDay(m.due)!;
      milestoneJobs.set(m, { atDue: due < T ? jobFor(due, planWin, nodes) : null, atT: jobFor(T, planWin, nodes) });
    }
  const ruleJobs = new Map<string, RuleJob>();
  for (const task of ir.tasks)
    for (const chk of task.checks) {
      const key = checkKey(chk.rule, chk.applies);
      if (!ruleJobs.has(key))
        ruleJobs.set(key, { key, rule: chk.rule, applies: chk.applies, asOf: T, from: planWin.from, to: planWin.to });
    }
  const jobList = [...jobs.values()];
  return {
    store,
    identity,
    staffing,
    T,
    period,
    planWin,
    mainJob,
    stageJobs,
    trendJobs,
    milestoneJobs,
    jobs: {
      aggregates: jobList.map((j) => ({
        key: j.key,
        asOf: j.asOf,
        from: j.win.from,
        to: j.win.to,
        nodes: [...j.nodes.values()],
      })),
      rules: [...ruleJobs.values()],
    },
  };
}
