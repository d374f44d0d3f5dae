// Evaluation, stage 4 (status) for targets: each stage's figure per group, measured at its deadline once
// due, else projected to it along its trend; its status (status.ts), the worst group's for a scoped target;
// the target's status is its stage in force.
import type { IRTarget, PlanIR } from '../ir/types.js';
import { formatDay, parseIsoDay } from '../time/calendar.js';
import type { TargetReport, TargetStatus } from '../report/model.js';
import { byName } from '../report/groups.js';
import { Cursor, type ExprCompiler } from './expr.js';
import type { GroupKind } from './aggregate.js';
import { figureOf } from './figures.js';
import type { JobResults } from './jobs.js';
import { TREND_DAYS, type PlannedJobs } from './plan-jobs.js';
import { groupNames, resultsOf } from './indicators.js';
import { meets, missedStages, stageInForce, targetStatus, worstStatus } from './status.js';

/** The full names of the courts the plan names (none: every court in the data counts). */
export function planCourtNames(ir: PlanIR): Set<string> {
  return new Set(
    ir.plan.courts.map((n) => ir.courts.find((c) => c.name === n)?.fullName).filter((x): x is string => !!x),
  );
}

export function targetReports(ir: PlanIR, p: PlannedJobs, results: JobResults, compiler: ExprCompiler): TargetReport[] {
  const { store, T, stageJobs, trendJobs } = p;
  const planCourts = planCourtNames(ir);
  const scopeMembers = (t: IRTarget, kind: GroupKind): Array<{ name: string; g: number }> => {
    if (kind === 'overall') return [{ name: '', g: 0 }];
    let list = groupNames(store, kind).map((name, g) => ({ name, g }));
    if (kind === 'court' && planCourts.size > 0) list = list.filter((x) => planCourts.has(x.name));
    if (kind === 'court' && t.scope.filter) {
      const f = compiler.compile(t.scope.filter);
      const cur = new Cursor(store, T, p.planWin.from, Math.min(T, p.planWin.to));
      list = list.filter((x) => {
        for (let i = 0; i < store.n; i++)
          if (store.court[i] === x.g) {
            cur.moveTo(i);
            return f(cur) === true;
          }
        return false;
      });
    }
    return list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  };

  return ir.targets.map((t) => {
    const ind = ir.indicators.find((i) => i.name === t.indicator)!;
    const jobsForT = stageJobs.get(t)!;
    const kind: GroupKind = t.scope.kind;
    const members = scopeMembers(t, kind);
    const projections: Array<{ deadline: string; value: number }> = [];
    const stages = t.stages.map((s, si) => {
      const j = jobsForT[si]!;
      const res = resultsOf(results, j);
      const by = s.by ? parseIsoDay(s.by)! : null;
      const due = by !== null && by <= T;
      const trend = !due && by !== null ? (trendJobs.get(t)?.[si] ?? undefined) : undefined;
      const trendRes = trend ? resultsOf(results, trend) : null;
      const evalGroup = (g: number) => {
        const f = figureOf(ind.expr, res, j.nodes, kind, g);
        if (!trend || !trendRes || f.value === null)
          return { figure: f, status: targetStatus(f.value, t.op, s.value, due), projected: null };
        // Not yet due: the value projected to the deadline along its trend over the last TREND_DAYS days.
        const past = figureOf(ind.expr, trendRes, trend.nodes, kind, g).value;
        const projected = project(f.value, past, by! - T, ind.dimension === 'ratio');
        return { figure: f, status: targetStatus(projected, t.op, s.value, false), projected };
      };
      const groups: TargetReport['stages'][number]['groups'] = byName();
      let status: TargetStatus;
      if (kind === 'overall') {
        const r = evalGroup(0);
        status = r.status;
        if (r.projected !== null && by !== null) projections.push({ deadline: formatDay(by), value: r.projected });
        return {
          value: s.value,
          display: s.display,
          stretch: s.stretch,
          by: s.by,
          measuredAt: formatDay(j.asOf),
          window: s.window,
          due,
          status,
          figure: r.figure,
          stretchMet: stretchMet(r.figure.value, t.op, s.stretch),
          groups,
        };
      }
      const statuses: TargetStatus[] = [];
      for (const { name, g } of members) {
        const r = evalGroup(g);
        groups[name] = {
          ...r.figure,
          status: r.status,
          stretchMet: stretchMet(r.figure.value, t.op, s.stretch),
          projected: r.projected,
        };
        statuses.push(r.status);
      }
      status = worstStatus(statuses);
      return {
        value: s.value,
        display: s.display,
        stretch: s.stretch,
        by: s.by,
        measuredAt: formatDay(j.asOf),
        window: s.window,
        due,
        status,
        figure: null,
        stretchMet: null,
        groups,
      };
    });
    // The target's status is that of the stage in force at T (status.ts).
    const current = stageInForce(stages, formatDay(T));
    const missed = missedStages(stages).length;
    const lagging =
      kind === 'overall'
        ? []
        : Object.entries(current.groups)
            .filter(([, g]) => g.status === 'missed' || g.status === 'at risk')
            .map(([n]) => n);
    return {
      id: t.id,
      title: t.title,
      indicator: t.indicator,
      unit: ind.unit,
      op: t.op,
      scope: t.scope.kind,
      window: t.window,
      task: t.task,
      status: current.status,
      stages,
      missedStages: missed,
      lagging,
      projection:
        current.due || !trendJobs.has(t)
          ? null
          : {
              method: `按近 ${TREND_DAYS} 日趋势线性外推至截止日 / linear trend of the last ${TREND_DAYS} days extended to the deadline`,
              deadline: current.by,
              value: projections.find((x) => x.deadline === current.by)?.value ?? null,
            },
      source: t.source,
    };
  });
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
