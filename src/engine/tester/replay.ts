// Replay for plan tests: a target's status at each step of a date range. The runner takes a replay
// function (the engine's replayPlan, through the harness); without one it evaluates the plan once per
// step with evaluatePlan — the same statuses, more slowly.
import type { PlanIR } from '../ir/types.js';
import type { CaseStore } from '../data/store.js';
import type { ProgressReport, StaffingRecord } from '../data/record.js';
import type { TargetStatus } from '../report/model.js';
import type { ReplayResult, Step } from '../replay/types.js';
import { evaluatePlan } from '../eval/evaluate.js';
import { addMonths, formatDay, parseIsoDay } from '../time/calendar.js';

export interface ReplayInput {
  ir: PlanIR;
  store: CaseStore;
  progress: readonly ProgressReport[];
  staffing: readonly StaffingRecord[];
  from: string;
  to: string;
  step: Step;
}

/** What a test needs of a replay: per target, the status at each step, overall and per group. */
export type ReplayFn = (input: ReplayInput) => Pick<ReplayResult, 'dates' | 'targets'> | Promise<Pick<ReplayResult, 'dates' | 'targets'>>;

/** The as-of dates of a replay: from, then every day / 7 days / month (same day of month), and `to`. */
export function stepDates(from: string, to: string, step: Step): string[] {
  const a = parseIsoDay(from), b = parseIsoDay(to);
  if (a === null || b === null || a > b) return [];
  const out: string[] = [];
  for (let k = 0; ; k++) {
    const d = step === 'day' ? a + k : step === 'week' ? a + 7 * k : addMonths(a, k);
    if (d >= b) break;
    out.push(formatDay(d));
  }
  out.push(formatDay(b));
  return out;
}

/** Replay by evaluating the plan at each step. */
export const replayByEvaluation: ReplayFn = (input) => {
  const dates = stepDates(input.from, input.to, input.step);
  const targets = input.ir.targets.map((t) => ({
    id: t.id, indicator: t.indicator, unit: '', op: t.op, scope: t.scope.kind as string,
    thresholds: [] as number[], statuses: [] as TargetStatus[], courts: {} as Record<string, TargetStatus[]>,
    deadlines: t.stages.map((s) => s.by).filter((x): x is string => x !== null),
    firstMet: null as string | null, firstMissed: null as string | null, projection: null,
  }));
  for (const asOf of dates) {
    const r = evaluatePlan({ ir: input.ir, store: input.store, asOf, progress: input.progress, staffing: input.staffing });
    r.targets.forEach((t, k) => {
      const out = targets[k]!;
      out.unit = t.unit;
      const stage = t.stages.find((s) => !s.due) ?? t.stages[t.stages.length - 1]!;
      out.thresholds.push(stage.value);
      out.statuses.push(t.status);
      for (const [g, f] of Object.entries(stage.groups)) (out.courts[g] ??= []).push(f.status);
    });
  }
  for (const t of targets) {
    t.firstMet = firstWhere(dates, t.statuses, (s) => s === 'met' || s === 'on track');
    t.firstMissed = firstWhere(dates, t.statuses, (s) => s === 'missed');
  }
  return { dates, targets };
};

/** The first date whose status satisfies `test`, or null. */
export function firstWhere(dates: readonly string[], statuses: readonly TargetStatus[], test: (s: TargetStatus) => boolean): string | null {
  const k = statuses.findIndex(test);
  return k < 0 ? null : dates[k] ?? null;
}
