// Series over a date range for the workbench's charts, built by evaluating the plan at each step (until
// the engine's incremental replayPlan is used here; see docs/workbench.md). Cooperative: it yields
// between steps so a newer request can supersede it, and reports progress.
import type { PlanIR } from '../engine/ir/types.js';
import type { CaseStore } from '../engine/data/store.js';
import type { ProgressReport, StaffingRecord } from '../engine/data/record.js';
import { evaluatePlan } from '../engine/eval/evaluate.js';
import type { Figure, PlanReport } from '../engine/report/model.js';
import type { ReplayResult, ReplaySeries, Step } from '../engine/replay/types.js';
import { addMonths, civilOf, endOfMonth, formatDay, parseIsoDay, type Day } from '../engine/time/calendar.js';

/** The as-of dates of a replay: from, then every step, always ending on `to`. */
export function stepDates(from: string, to: string, step: Step): string[] {
  const a = parseIsoDay(from), b = parseIsoDay(to);
  if (a === null || b === null || b < a) return [];
  const out: Day[] = [];
  if (step === 'month') {
    // Month ends: the figures a monthly 通报 reports.
    const c = civilOf(a);
    for (let d = endOfMonth(c.y, c.m); d < b; d = addMonths(d, 1)) {
      const cc = civilOf(d);
      out.push(endOfMonth(cc.y, cc.m));
    }
  } else {
    const n = step === 'week' ? 7 : 1;
    for (let d = a; d < b; d += n) out.push(d);
  }
  if (out[out.length - 1] !== b) out.push(b);
  return out.map(formatDay);
}

const series = (): ReplaySeries => ({ values: [], numerators: [], denominators: [] });
function push(s: ReplaySeries, f: Figure | undefined): void {
  s.values.push(f?.value ?? null);
  s.numerators.push(f?.numerator ?? 0);
  s.denominators.push(f ? f.denominator : null);
}

export interface StepwiseInput {
  ir: PlanIR;
  store: CaseStore;
  progress: readonly ProgressReport[];
  staffing: readonly StaffingRecord[];
  from: string;
  to: string;
  step: Step;
}

/**
 * Evaluates at every step. `between` runs after each step: it reports progress and returns false to stop
 * (the request was superseded), in which case the result is null.
 */
export async function replayStepwise(input: StepwiseInput, between: (done: number, total: number) => Promise<boolean>): Promise<ReplayResult | null> {
  const { ir } = input;
  const dates = stepDates(input.from, input.to, input.step);
  const out: ReplayResult = {
    replayVersion: 1,
    plan: { name: ir.plan.name, title: ir.plan.title, period: ir.plan.period },
    from: input.from, to: input.to, step: input.step, dates,
    indicators: ir.indicators.map((i) => ({ name: i.name, title: i.title, unit: i.unit, overall: series(), courts: {} })),
    targets: ir.targets.map((t) => ({
      id: t.id, indicator: t.indicator, unit: ir.indicators.find((i) => i.name === t.indicator)?.unit ?? '', op: t.op, scope: t.scope.kind,
      thresholds: [], statuses: [], courts: {}, deadlines: t.stages.map((s) => s.by).filter((x): x is string => x !== null),
      firstMet: null, firstMissed: null, projection: null,
    })),
    milestones: ir.tasks.flatMap((t) => t.milestones.map((m) => ({ task: t.id, id: m.id, text: m.text, due: m.due, statuses: [], done: null }))),
  };
  let last: PlanReport | null = null;
  for (let k = 0; k < dates.length; k++) {
    const asOf = dates[k]!;
    const r = evaluatePlan({ ir, store: input.store, asOf, progress: input.progress, staffing: input.staffing });
    last = r;
    r.indicators.forEach((rep, i) => {
      const s = out.indicators[i]!;
      push(s.overall, rep.overall);
      for (const [court, f] of Object.entries(rep.courts)) {
        const cs = (s.courts[court] ??= { values: new Array<number | null>(k).fill(null), numerators: new Array<number>(k).fill(0), denominators: new Array<number | null>(k).fill(null) });
        push(cs, f);
      }
    });
    r.targets.forEach((t, i) => {
      const o = out.targets[i]!;
      const cur = t.stages.find((s) => !s.due) ?? t.stages[t.stages.length - 1]!;
      o.thresholds.push(cur.value);
      o.statuses.push(t.status);
      if (t.status === 'met' && o.firstMet === null) o.firstMet = asOf;
      if (t.status === 'missed' && o.firstMissed === null) o.firstMissed = asOf;
      for (const [g, f] of Object.entries(cur.groups)) (o.courts[g] ??= new Array(k).fill('not measurable')).push(f.status);
    });
    const ms = r.tasks.flatMap((t) => t.milestones);
    ms.forEach((m, i) => {
      const o = out.milestones[i];
      if (o) { o.statuses.push(m.status); o.done = m.done; }
    });
    if (!(await between(k + 1, dates.length))) return null;
  }
  if (last) {
    // Courts that appeared late were padded in front; pad the ones that vanished at the end.
    for (const s of out.indicators) for (const cs of Object.values(s.courts)) while (cs.values.length < dates.length) push(cs, undefined);
  }
  return out;
}
