// Scores over time: each court's total and rank at every step of a replay, scored (score.ts) from the
// replay's own per-court series and statuses, so a step's total is the one an evaluation as of that day
// gives. Schemes per handler or team are not replayed (a replay keeps per-court series only).
import type { PlanIR } from '../ir/types.js';
import type { ProgressReport } from '../data/record.js';
import type { ReplayResult } from '../replay/types.js';
import { scoreScheme, type ScoringSource } from './score.js';
import { deadlinesOf, emptyFigure, scoredCourts } from './source.js';
import type { ReplayScores } from './types.js';

export type { ReplayScores } from './types.js';

export function replayScores(
  ir: PlanIR,
  r: Omit<ReplayResult, 'scores'>,
  progress: readonly ProgressReport[],
  dataCourts: readonly string[],
): ReplayScores[] {
  const schemes = (ir.schemes ?? []).filter((s) => s.scope === 'court');
  if (schemes.length === 0) return [];
  const firstReport = (task: string): string | null =>
    progress
      .filter((p) => p.task === task && !p.milestone)
      .map((p) => p.done)
      .sort()[0] ?? null;
  const deadlines = deadlinesOf(ir, progress, (task, milestone) =>
    milestone ? (r.milestones.find((m) => m.task === task && m.id === milestone)?.done ?? null) : firstReport(task),
  );
  const members = scoredCourts(ir, dataCourts);
  const out: ReplayScores[] = schemes.map((s) => ({
    scheme: s.name,
    title: s.title,
    scope: s.scope,
    decimals: s.decimals,
    total: s.total,
    courts: Object.fromEntries(members.map((m) => [m.group, { name: m.name, totals: [], ranks: [] }])),
  }));
  r.dates.forEach((asOf, k) => {
    const src: ScoringSource = {
      asOf,
      members: () => members,
      figure: (indicator, _scope, group) => {
        const ind = r.indicators.find((i) => i.name === indicator);
        const def = ir.indicators.find((i) => i.name === indicator);
        if (!ind || !def) return null;
        const s = ind.courts[group];
        return s
          ? { numerator: s.numerators[k]!, denominator: s.denominators[k] ?? null, value: s.values[k] ?? null }
          : emptyFigure(def);
      },
      target: (id, _scope, group) => {
        const t = r.targets.find((x) => x.id === id);
        if (!t) return null;
        return t.scope === 'overall'
          ? (t.statuses[k] ?? null)
          : t.scope === 'court'
            ? (t.courts[group]?.[k] ?? null)
            : null;
      },
      deadlines,
    };
    schemes.forEach((s, n) => {
      for (const row of scoreScheme(s, src).rows) {
        const c = out[n]!.courts[row.group]!;
        c.totals.push(row.total);
        c.ranks.push(row.rank);
      }
    });
  });
  return out;
}
