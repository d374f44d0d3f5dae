// Replay: every indicator, target and milestone at each step of a date range, computed incrementally.
//
// Stages: the windows a replay needs and their points (as-of dates: the steps, deadlines and the trend's
// look-back) are planned here; each window's aggregates are summed at every point in one incremental pass
// over the cases (./window-pass.ts, which re-evaluates a case for a condition only on the days that can
// change it — ./dependencies.ts); the series, statuses and milestones are then assembled from those sums.
// Cost: cases' critical days × conditions, plus points × aggregates — not points × cases. A condition that
// depends on T in a way not recognised is evaluated at every point (correct, slower; `method` says so).
import type { IRExpr, IRWindow, PlanIR } from '../ir/types.js';
import type { CaseStore } from '../data/store.js';
import type { ProgressReport, StaffingRecord } from '../data/record.js';
import type { MilestoneStatus, TargetStatus } from '../report/model.js';
import { dayOf, endOfMonth, endOfYear, formatDay, parseIsoDay, yearOf, civilOf, type Day } from '../time/calendar.js';
import type { ExprCompiler, FunctionTable } from '../eval/expr.js';
import { collectAggregates, type AggregateNode, type AggregateResult, type StaffingRow } from '../eval/aggregate.js';
import { compilerFor } from '../eval/jobs.js';
import { figureOf, figureReader, planBool, type FigureReader } from '../eval/figures.js';
import { planWindow, stageWindow, windowAt } from '../eval/window.js';
import { identifyStaffing, TREND_DAYS } from '../eval/plan-jobs.js';
import { project } from '../eval/targets.js';
import { DUE_SOON_DAYS, milestoneStatus, stageInForce, targetStatus, worstStatus } from '../eval/status.js';
import { identifyCourts, type CourtIdentity, type CourtOptions } from '../data/identity.js';
import { byName } from '../report/groups.js';
import { timed, type Metrics } from '../pipeline/metrics.js';
import type { ReplayResult, ReplaySeries, Step } from './types.js';
import { replayScores } from '../scoring/replay.js';
import { windowPass } from './window-pass.js';

export interface ReplayInput {
  ir: PlanIR;
  store: CaseStore;
  from: string;
  to: string;
  step: Step;
  progress?: readonly ProgressReport[];
  staffing?: readonly StaffingRecord[];
  /** Calendar for working days (a plugin); default Monday–Friday. */
  addWorkdays?: (day: Day, n: number) => Day;
  /** Plugins' functions, for plans that call them. */
  functions?: FunctionTable;
  /** Court aliases and unmatched courts (luoshi.config.yaml `courts`), as for an evaluation. */
  courts?: CourtOptions;
  /** Days before a deadline that count as "due soon", as for an evaluation. */
  dueSoonDays?: number;
  /** Records each stage's time (`--metrics`); nothing is timed without it. */
  metrics?: Metrics;
  /**
   * Called as the windows' passes go (every REPLAY_SLICE cases and at the end), for a progress bar: `done` of
   * `total` case passes, one pass of every case per window (n cases over 2 windows is 2n) — the same shape as
   * EvaluateInput.onProgress.
   */
  onProgress?: (done: number, total: number) => void;
}

/** Cases per slice of a window's pass between two progress reports. */
export const REPLAY_SLICE = 50_000;

export class ReplayError extends Error {}

/** The as-of dates of a replay: every day; every 7th day; each month's end — always ending on `to`. */
export function stepDates(from: Day, to: Day, step: Step): Day[] {
  if (to < from) throw new ReplayError(`replay range is backwards: ${formatDay(from)} > ${formatDay(to)}`);
  const out: Day[] = [];
  if (step === 'day') for (let d = from; d <= to; d++) out.push(d);
  else if (step === 'week') for (let d = from + 6; d <= to; d += 7) out.push(d);
  else {
    const { y, m } = civilOf(from);
    for (let k = 0; ; k++) {
      const total = y * 12 + (m - 1) + k;
      const e = endOfMonth(Math.floor(total / 12), (total % 12) + 1);
      if (e > to) break;
      out.push(e);
    }
  }
  if (out.length === 0 || out[out.length - 1] !== to) out.push(to);
  return out;
}

// ---------------------------------------------------------------- the plan's replay

/** One window's replay work, as plain data (it crosses to worker threads). */
export interface ReplayWindowJob {
  key: string;
  from: Day;
  to: Day;
  points: Day[];
  nodes: AggregateNode[];
}
/** Per window: sums per point, per node (in the job's node order). */
export type ReplaySums = Record<string, { perPoint: AggregateResult[][]; exhaustive: boolean }>;

export interface PreparedReplay {
  /** The cases as the plan sees them (court identity applied). */
  store: CaseStore;
  identity: CourtIdentity;
  windowJobs: ReplayWindowJob[];
  staffing: StaffingRow[];
  assemble(sums: ReplaySums): ReplayResult & { method: string };
}

export function executeReplayWindows(
  ir: PlanIR,
  store: CaseStore,
  jobs: ReplayWindowJob[],
  staffing: StaffingRow[],
  compiler: ExprCompiler = compilerFor(ir, store),
  onProgress?: (done: number, total: number) => void,
): ReplaySums {
  const out: ReplaySums = {};
  const total = jobs.length * store.n;
  let done = 0;
  for (const j of jobs) {
    const pass = windowJobPass(ir, store, j, staffing, compiler);
    for (let lo = 0; lo < store.n; lo += REPLAY_SLICE) {
      const hi = Math.min(store.n, lo + REPLAY_SLICE);
      pass.run(lo, hi);
      done += hi - lo;
      onProgress?.(done, total);
    }
    out[j.key] = pass.sums();
  }
  return out;
}

/** One window job's pass, to run in case slices (see WindowPass); `executeReplayWindows` runs it whole. */
export function windowJobPass(
  ir: PlanIR,
  store: CaseStore,
  job: ReplayWindowJob,
  staffing: StaffingRow[],
  compiler: ExprCompiler,
): { run(lo: number, hi: number): void; sums(): ReplaySums[string] } {
  const rules = new Map(
    ir.rules.map((r) => [r.name, r.conditions.filter((c) => c.severity === 'error').map((c) => c.expr)]),
  );
  const pass = windowPass(store, compiler, job.nodes, job.points, { from: job.from, to: job.to }, rules, staffing);
  return {
    run: (lo, hi) => pass.run(lo, hi),
    sums: () => {
      const r = pass.result();
      return { exhaustive: r.exhaustive, perPoint: r.perPoint.map((m) => job.nodes.map((n) => m.get(n.key)!)) };
    },
  };
}

/** Replays a plan here, over the whole store. */
export function replayPlan(input: ReplayInput): ReplayResult & { method: string } {
  const prepared = prepareReplay({ ...input, execute: false });
  const compiler = compilerFor(input.ir, prepared.store, input.addWorkdays, input.functions);
  return prepared.assemble(
    timed(input.metrics, 'replay windows', () =>
      executeReplayWindows(
        input.ir,
        prepared.store,
        prepared.windowJobs,
        prepared.staffing,
        compiler,
        input.onProgress,
      ),
    ),
  );
}

/** The windows of a replay (timed as 'replay plan'), and how to assemble its series once they have run ('replay assemble'). */
export function prepareReplay(input: ReplayInput & { execute?: boolean }): PreparedReplay {
  const { metrics } = input;
  const prepared = timed(metrics, 'replay plan', () => planReplay(input));
  return { ...prepared, assemble: (sums) => timed(metrics, 'replay assemble', () => prepared.assemble(sums)) };
}

function planReplay(input: ReplayInput & { execute?: boolean }): PreparedReplay {
  const { ir } = input;
  const { store, identity } = identifyCourts(ir, input.store, input.courts);
  const from0 = parseIsoDay(input.from),
    to0 = parseIsoDay(input.to);
  if (from0 === null || to0 === null) throw new ReplayError(`invalid replay range ${input.from} – ${input.to}`);
  const from: Day = from0,
    to: Day = to0;
  const steps = stepDates(from, to, input.step);
  const staffing: StaffingRow[] = identifyStaffing(ir, input.staffing ?? [], identity, input.courts);
  const period = planWindow(ir);
  const nodesOf = (exprs: IRExpr[]): AggregateNode[] => {
    const mm = new Map<string, AggregateNode>();
    for (const e of exprs) collectAggregates(e, mm);
    return [...mm.values()];
  };

  // Windows: the plan's, each explicit period, and each calendar year of a yearly target.
  const deadlines = ir.targets
    .flatMap((t) => t.stages.map((s) => (s.by ? parseIsoDay(s.by)! : null)))
    .filter((d): d is Day => d !== null && d <= to);
  const trendDay = to - TREND_DAYS;
  const points = [...new Set([...steps, ...deadlines, ...(trendDay >= from ? [trendDay] : [])])].sort((a, b) => a - b);
  const windows = new Map<string, { win: { from: Day; to: Day }; exprs: IRExpr[]; points: Day[] }>();
  const windowFor = (w: IRWindow, exprs: IRExpr[], at: Day[]) => {
    const groups: Array<{ win: { from: Day; to: Day }; at: Day[] }> = [];
    if (w.kind === 'plan') groups.push({ win: period, at });
    else if (w.kind === 'period') groups.push({ win: windowAt(ir, w, from), at });
    else
      for (const y of [...new Set(at.map(yearOf))])
        groups.push({ win: { from: dayOf(y, 1, 1), to: endOfYear(y) }, at: at.filter((d) => yearOf(d) === y) });
    for (const g of groups) {
      const key = `${g.win.from}|${g.win.to}`;
      const entry = windows.get(key) ?? { win: g.win, exprs: [], points: [] };
      entry.exprs.push(...exprs);
      entry.points = [...new Set([...entry.points, ...g.at])].sort((a, b) => a - b);
      windows.set(key, entry);
    }
  };
  windowFor(
    { kind: 'plan', from: null, to: null },
    [
      ...ir.indicators.map((i) => i.expr),
      ...ir.tasks.flatMap((t) => t.milestones.flatMap((m) => (m.condition ? [m.condition.expr] : []))),
    ],
    points,
  );
  for (const t of ir.targets) {
    const ind = ir.indicators.find((i) => i.name === t.indicator);
    const own = [
      ...new Map(
        t.stages
          .map((st) => stageWindow(t, st))
          .filter((w) => w.kind !== 'plan')
          .map((w) => [JSON.stringify(w), w]),
      ).values(),
    ];
    if (ind) for (const w of own) windowFor(w, [ind.expr], points);
  }
  // A stage not yet due is judged on its projection (eval/evaluate.ts): each step also needs the value
  // TREND_DAYS earlier, in the window of that step.
  for (const t of ir.targets) {
    const last = t.stages.reduce<Day | null>((m, s) => (s.by ? parseIsoDay(s.by)! : m), null);
    for (const d of steps) {
      if (last === null || last <= d) continue;
      const win = windowAt(ir, stageWindow(t, stageInForce(t.stages, formatDay(d))), d);
      const entry = windows.get(`${win.from}|${win.to}`);
      if (entry && !entry.points.includes(d - TREND_DAYS))
        entry.points = [...entry.points, d - TREND_DAYS].sort((a, b) => a - b);
    }
  }
  const windowJobs: ReplayWindowJob[] = [...windows].map(([key, w]) => ({
    key,
    from: w.win.from,
    to: w.win.to,
    points: w.points,
    nodes: nodesOf(w.exprs),
  }));
  return { store, identity, windowJobs, staffing, assemble: (sums: ReplaySums) => assembleReplay(sums) };

  function assembleReplay(sums: ReplaySums): ReplayResult & { method: string } {
    let exhaustiveAll = true;
    const results = new Map<
      string,
      { nodes: Map<string, AggregateNode>; at: Map<Day, Map<string, AggregateResult>> }
    >();
    for (const job of windowJobs) {
      const r = sums[job.key]!;
      exhaustiveAll &&= r.exhaustive;
      results.set(job.key, {
        nodes: new Map(job.nodes.map((n) => [n.key, n])),
        at: new Map(job.points.map((d, k) => [d, new Map(job.nodes.map((n, a) => [n.key, r.perPoint[k]![a]!]))])),
      });
    }
    const planKey = `${period.from}|${period.to}`;
    const planRes = results.get(planKey)!;
    const resultAt = (w: IRWindow, day: Day) => {
      const win = windowAt(ir, w, day);
      const r = results.get(`${win.from}|${win.to}`)!;
      return { res: r.at.get(day)!, nodes: r.nodes, at: r.at };
    };

    // Each indicator's figure read over each window's aggregates: made once, read at every step in every group.
    const readers = new Map<IRExpr, Map<Map<string, AggregateNode>, FigureReader>>();
    const readerOf = (expr: IRExpr, nodes: Map<string, AggregateNode>): FigureReader => {
      let byNodes = readers.get(expr);
      if (!byNodes) readers.set(expr, (byNodes = new Map()));
      let read = byNodes.get(nodes);
      if (!read) byNodes.set(nodes, (read = figureReader(expr, nodes)));
      return read;
    };
    const planAt = steps.map((d) => planRes.at.get(d)!);

    const series = (expr: IRExpr, kind: 'overall' | 'court', g: number): ReplaySeries => {
      const s: ReplaySeries = { values: [], numerators: [], denominators: [] };
      const read = readerOf(expr, planRes.nodes);
      for (const res of planAt) {
        const f = read(res, kind, g);
        s.values.push(f.value);
        s.numerators.push(f.numerator);
        s.denominators.push(f.denominator);
      }
      return s;
    };
    const indicators: ReplayResult['indicators'] = ir.indicators.map((ind) => {
      const courts = byName<ReplaySeries>();
      store.courts.forEach((c, g) => {
        courts[c] = series(ind.expr, 'court', g);
      });
      return { name: ind.name, title: ind.title, unit: ind.unit, overall: series(ind.expr, 'overall', 0), courts };
    });

    const planCourts = new Set(
      ir.plan.courts.map((n) => ir.courts.find((c) => c.name === n)?.fullName).filter((x): x is string => !!x),
    );
    const targets: ReplayResult['targets'] = ir.targets.map((t) => {
      const ind = ir.indicators.find((i) => i.name === t.indicator)!;
      const courtIdx =
        t.scope.kind === 'court'
          ? store.courts.map((c, g) => ({ c, g })).filter((x) => planCourts.size === 0 || planCourts.has(x.c))
          : [];
      // What a step's status is read from, the same in every court: the stage in force, its window's results.
      const stepOf = (d: Day) => {
        const stage = stageInForce(t.stages, formatDay(d));
        const by = stage.by ? parseIsoDay(stage.by)! : null;
        const due = by !== null && by <= d;
        // A due stage is measured on its deadline (even before --from), over its own window.
        const at = due ? by! : d;
        const r = resultAt(stageWindow(t, stage), at);
        return { d, stage, by, due, r, read: readerOf(ind.expr, r.nodes), pastRes: r.at.get(d - TREND_DAYS) };
      };
      const statusAt = (
        { d, stage, by, due, r, read, pastRes }: ReturnType<typeof stepOf>,
        kind: 'overall' | 'court',
        g: number,
      ): { status: TargetStatus; threshold: number } => {
        const v = r.res ? read(r.res, kind, g).value : null;
        if (due || by === null || v === null)
          return { status: targetStatus(v, t.op, stage.value, due), threshold: stage.value };
        const past = pastRes ? read(pastRes, kind, g).value : null;
        return {
          status: targetStatus(project(v, past, by - d, ind.dimension === 'ratio'), t.op, stage.value, false),
          threshold: stage.value,
        };
      };
      const statuses: TargetStatus[] = [],
        thresholds: number[] = [];
      const courts = byName<TargetStatus[]>();
      for (const { c } of courtIdx) courts[c] = [];
      for (const d of steps) {
        const step = stepOf(d);
        if (t.scope.kind === 'court') {
          const list = courtIdx.map(({ c, g }) => {
            const s = statusAt(step, 'court', g);
            courts[c]!.push(s.status);
            return s;
          });
          statuses.push(worstStatus(list.map((x) => x.status)));
          thresholds.push(list[0]?.threshold ?? t.stages[0]!.value);
        } else {
          const s = statusAt(step, 'overall', 0);
          statuses.push(s.status);
          thresholds.push(s.threshold);
        }
      }
      const firstOf = (st: TargetStatus) => {
        const k = statuses.indexOf(st);
        return k < 0 ? null : formatDay(steps[k]!);
      };
      const lastStage = t.stages.find((s) => s.by === null || parseIsoDay(s.by)! > to) ?? null;
      let projection: ReplayResult['targets'][number]['projection'] = null;
      if (lastStage && lastStage.by && t.scope.kind === 'overall') {
        const w = stageWindow(t, lastStage);
        const now = figureOf(ind.expr, resultAt(w, to).res, resultAt(w, to).nodes, 'overall', 0).value;
        const pastR = trendDay >= from ? resultAt(w, trendDay) : null;
        const past = pastR && pastR.res ? figureOf(ind.expr, pastR.res, pastR.nodes, 'overall', 0).value : null;
        const deadline = parseIsoDay(lastStage.by)!;
        const value = now === null ? null : project(now, past, deadline - to, ind.dimension === 'ratio');
        projection = {
          deadline: lastStage.by,
          value,
          method:
            past === null
              ? '按当前值持平推算 / current value held'
              : `按近 ${TREND_DAYS} 日趋势线性外推 / linear trend of the last ${TREND_DAYS} days`,
          status: targetStatus(value, t.op, lastStage.value, false),
        };
      }
      return {
        id: t.id,
        indicator: t.indicator,
        unit: ind.unit,
        op: t.op,
        scope: t.scope.kind,
        thresholds,
        statuses,
        courts,
        deadlines: t.stages.map((s) => s.by).filter((x): x is string => x !== null),
        firstMet: firstOf('met'),
        firstMissed: firstOf('missed'),
        projection,
      };
    });

    const progress = input.progress ?? [];
    const soon = input.dueSoonDays ?? DUE_SOON_DAYS;
    const milestones: ReplayResult['milestones'] = ir.tasks.flatMap((task) =>
      task.milestones.map((m) => {
        const due = parseIsoDay(m.due)!;
        const reported = progress
          .filter(
            (p) => p.task === task.id && (p.milestone === m.name || p.milestone === m.text || p.milestone === m.id),
          )
          .map((p) => parseIsoDay(p.done))
          .filter((d): d is Day => d !== null);
        let done: Day | null = reported.length ? Math.min(...reported) : null;
        if (m.condition) {
          const k = points.findIndex((d) =>
            condHolds(m.condition!.expr, m.condition!.scope, planRes.at.get(d), planRes.nodes, store),
          );
          if (k >= 0 && (done === null || points[k]! < done)) done = points[k]!;
        }
        const statuses: MilestoneStatus[] = steps.map((d) =>
          milestoneStatus(done !== null && done <= d ? done : null, due, d, soon),
        );
        return {
          task: task.id,
          id: m.id,
          text: m.text,
          due: m.due,
          statuses,
          done: done === null ? null : formatDay(done),
        };
      }),
    );

    const result = {
      replayVersion: 1 as const,
      plan: { name: ir.plan.name, title: ir.plan.title, period: ir.plan.period },
      from: formatDay(from),
      to: formatDay(to),
      step: input.step,
      dates: steps.map(formatDay),
      indicators,
      targets,
      milestones,
      courtIdentity: identity,
      method: exhaustiveAll ? 'incremental' : 'incremental, with some windows recomputed at every step',
    };
    const scores = ir.schemes.length ? replayScores(ir, result, progress, store.courts) : [];
    return scores.length ? { ...result, scores } : result;
  }
}

function condHolds(
  expr: IRExpr,
  scope: string,
  res: Map<string, AggregateResult> | undefined,
  nodes: Map<string, AggregateNode>,
  store: CaseStore,
): boolean {
  if (!res) return false;
  if (scope === 'overall') return planBool(expr, res, nodes, 'overall', 0);
  if (scope !== 'court') return false;
  for (let g = 0; g < store.courts.length; g++) if (!planBool(expr, res, nodes, 'court', g)) return false;
  return store.courts.length > 0;
}
