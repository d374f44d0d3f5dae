// The one status model: whether a value meets a threshold, a target's and a milestone's status, the worst
// of several, and which stage of a staged target is in force on a day. Evaluation, replay, plan tests and
// every renderer use these, so no two faces can disagree on a status or a threshold.
import type { IRTask } from '../ir/types.js';
import type { ProgressReport } from '../data/record.js';
import type { MilestoneReport, MilestoneStatus, TargetReport, TargetStatus, TaskStatus } from '../report/model.js';
import { parseIsoDay, type Day } from '../time/calendar.js';

export type Comparison = '>=' | '>' | '<=' | '<';

/** Days before a deadline that count as "due soon" unless the caller says otherwise. */
export const DUE_SOON_DAYS = 14;

/** Whether `v` meets `op x` (ratios computed as floats are compared with a tolerance at the bound). */
export function meets(v: number, op: Comparison, x: number): boolean {
  const eps = 1e-12;
  return op === '>=' ? v >= x - eps : op === '>' ? v > x : op === '<=' ? v <= x + eps : v < x;
}

/** A target's status: met/missed once its stage is due (on or after its deadline), else on track/at risk. */
export function targetStatus(v: number | null, op: Comparison, x: number, due: boolean): TargetStatus {
  if (v === null || Number.isNaN(v)) return 'not measurable';
  const ok = meets(v, op, x);
  if (due) return ok ? 'met' : 'missed';
  return ok ? 'on track' : 'at risk';
}

/** Worst first. */
export const TARGET_SEVERITY: readonly TargetStatus[] = ['missed', 'at risk', 'not measurable', 'on track', 'met'];

/** The worst of several groups' statuses; a group that cannot be measured counts only when none can. */
export function worstStatus(xs: readonly TargetStatus[]): TargetStatus {
  const measurable = xs.filter((x) => x !== 'not measurable');
  const pool = measurable.length ? measurable : xs;
  if (pool.length === 0) return 'not measurable';
  return pool.reduce((a, b) => (TARGET_SEVERITY.indexOf(a) <= TARGET_SEVERITY.indexOf(b) ? a : b));
}

export function milestoneStatus(done: Day | null, due: Day, T: Day, soon: number): MilestoneStatus {
  if (done !== null) return done <= due ? 'done on time' : 'done late';
  if (T > due) return 'overdue';
  if (due - T <= soon) return 'due soon';
  return 'pending';
}

/** The stage in force on `asOf` (ISO dates): the first whose deadline is on or after it (or has none), else the last. */
export function stageInForce<S extends { by: string | null }>(stages: readonly S[], asOf: string): S {
  return stages.find((s) => s.by === null || s.by >= asOf) ?? stages[stages.length - 1]!;
}

/** The stages whose deadline has passed (on or before `asOf`) and whose target was missed then. */
export function missedStages<S extends { by: string | null; due: boolean; status: TargetStatus }>(
  stages: readonly S[],
): S[] {
  return stages.filter((s) => s.due && s.status === 'missed');
}

/** A task's status: from its milestones; an ongoing duty is overdue once one of its targets is missed; else
 *  from its own progress reports and deadline. */
export function taskStatus(
  task: IRTask,
  ms: readonly MilestoneReport[],
  reports: readonly ProgressReport[],
  targets: readonly TargetReport[],
  T: Day,
  soon: number,
): TaskStatus {
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

/** A task finished late or not finished by its deadline. */
export function isLate(s: TaskStatus): boolean {
  return s === 'overdue' || s === 'done late';
}
