// Where scoring reads its values: an evaluation's report (its per-court, per-handler and per-team figures
// and its targets' statuses) and the plan's deadlines with the progress reports of each court.
import type { PlanIR } from '../ir/types.js';
import type { ProgressReport } from '../data/record.js';
import type { Figure, IndicatorReport, TargetReport, TaskReport } from '../report/model.js';
import { stageInForce } from '../eval/status.js';
import type { Deadline, ScoringSource } from './score.js';
import type { ScoreScope } from './types.js';

/** The courts a scheme scores: the plan's courts (full names) in the order declared, else every court in the data. */
export function scoredCourts(ir: PlanIR, dataCourts: readonly string[]): Array<{ group: string; name: string | null }> {
  const declared = ir.plan.courts
    .map((n) => ir.courts.find((c) => c.name === n))
    .filter((c): c is PlanIR['courts'][number] => !!c);
  if (declared.length) return declared.map((c) => ({ group: c.fullName, name: c.name }));
  return dataCourts.map((c) => ({ group: c, name: ir.courts.find((x) => x.fullName === c)?.name ?? null }));
}

/** The scopes other than courts that schemes need indicator figures for (evaluation computes those only when asked). */
export function schemeScopes(ir: PlanIR): Map<string, Set<'handler' | 'team'>> {
  const out = new Map<string, Set<'handler' | 'team'>>();
  for (const s of ir.schemes ?? []) {
    if (s.scope === 'court') continue;
    const visit = (g: NonNullable<PlanIR['schemes']>[number]['groups'][number]): void => {
      for (const it of g.items) {
        const r = it.rule;
        const ind =
          r.kind === 'threshold' || r.kind === 'linear'
            ? r.indicator
            : r.kind === 'per' && r.source.kind === 'indicator'
              ? r.source.indicator
              : null;
        if (ind) {
          const set = out.get(ind) ?? new Set();
          set.add(s.scope as 'handler' | 'team');
          out.set(ind, set);
        }
      }
      g.groups.forEach(visit);
    };
    s.groups.forEach(visit);
  }
  return out;
}

/**
 * The deadlines a late-day rule counts, each with the day it was done for the group: for a court, the
 * first progress report of that court (`by` names it by full name, name or alias) or of no court in
 * particular; for other scopes, the day the plan's deliverable was done (`overallDone`).
 */
export function deadlinesOf(
  ir: PlanIR,
  progress: readonly ProgressReport[],
  overallDone: (task: string, milestone: string | null) => string | null,
): (task: string, milestone: string | null, scope: ScoreScope, group: string) => Deadline[] {
  const namesOf = (full: string): Set<string> => {
    const c = ir.courts.find((x) => x.fullName === full);
    return new Set([full, ...(c ? [c.name, ...c.aliases] : [])]);
  };
  return (taskId, milestone, scope, group) => {
    const task = ir.tasks.find((t) => t.id === taskId);
    if (!task) return [];
    const names = scope === 'court' ? namesOf(group) : null;
    const doneFor = (matches: (p: ProgressReport) => boolean, overall: string | null): string | null => {
      if (!names) return overall;
      const days = progress
        .filter((p) => matches(p) && (!p.by || names.has(p.by)))
        .map((p) => p.done)
        .sort();
      return days[0] ?? null;
    };
    const ms = milestone ? task.milestones.filter((m) => m.id === milestone) : task.milestones;
    if (ms.length) {
      return ms.map((m) => ({
        due: m.due,
        done: doneFor(
          (p) => p.task === task.id && (p.milestone === m.name || p.milestone === m.text || p.milestone === m.id),
          overallDone(task.id, m.id),
        ),
      }));
    }
    if (task.due === null || task.dueKind === 'ongoing') return [];
    return [{ due: task.due, done: doneFor((p) => p.task === task.id && !p.milestone, overallDone(task.id, null)) }];
  };
}

/** A figure for a group the data has no case of: a count or sum of 0; a ratio or a mean cannot be computed. */
export function emptyFigure(ind: PlanIR['indicators'][number]): Figure {
  const e = ind.expr;
  return e.op === 'count' || e.op === 'sum'
    ? { numerator: 0, denominator: null, value: 0 }
    : { numerator: 0, denominator: 0, value: null };
}

/** Scoring over an evaluation's report. */
export function reportSource(
  ir: PlanIR,
  r: { asOf: string; indicators: IndicatorReport[]; targets: TargetReport[]; tasks: TaskReport[] },
  progress: readonly ProgressReport[],
  groupNames: (scope: ScoreScope) => readonly string[],
): ScoringSource {
  const overallDone = (task: string, milestone: string | null): string | null => {
    const t = r.tasks.find((x) => x.id === task);
    if (!t) return null;
    if (milestone) return t.milestones.find((m) => m.id === milestone)?.done ?? null;
    return t.status === 'done on time' || t.status === 'done late'
      ? (progress
          .filter((p) => p.task === task && !p.milestone)
          .map((p) => p.done)
          .sort()[0] ?? null)
      : null;
  };
  return {
    asOf: r.asOf,
    members: (scope) =>
      scope === 'court'
        ? scoredCourts(ir, groupNames('court'))
        : groupNames(scope)
            .filter((g) => g !== '')
            .map((g) => ({ group: g, name: null })),
    figure: (indicator, scope, group) => {
      const ind = r.indicators.find((i) => i.name === indicator);
      const def = ir.indicators.find((i) => i.name === indicator);
      if (!ind || !def) return null;
      const map = scope === 'court' ? ind.courts : scope === 'handler' ? ind.handlers : ind.teams;
      return map?.[group] ?? emptyFigure(def);
    },
    target: (id, scope, group) => {
      const t = r.targets.find((x) => x.id === id);
      if (!t) return null;
      const stage = stageInForce(t.stages, r.asOf);
      if (t.scope === 'overall') return stage.status;
      return t.scope === scope ? (stage.groups[group]?.status ?? null) : null;
    },
    deadlines: deadlinesOf(ir, progress, overallDone),
  };
}
