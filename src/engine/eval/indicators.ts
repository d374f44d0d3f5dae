// Evaluation, stage 3 (aggregate): the jobs' sums read back as figures — each indicator overall, per court,
// and per handler or team where a target is scoped so.
import type { PlanIR } from '../ir/types.js';
import type { CaseStore } from '../data/store.js';
import type { Figure, IndicatorReport } from '../report/model.js';
import { byName } from '../report/groups.js';
import type { AggregateResult, GroupKind } from './aggregate.js';
import { figureOf } from './figures.js';
import type { JobResults } from './jobs.js';
import type { Job } from './plan-jobs.js';
import { schemeScopes } from '../scoring/source.js';

/** A job's results by aggregate key. */
export function resultsOf(results: JobResults, j: Job): Map<string, AggregateResult> {
  const list = results.aggregates[j.key]!;
  const nodes = [...j.nodes.values()];
  return new Map(nodes.map((n, k) => [n.key, list[k]!]));
}

/** The names of a kind of group, in the store's order (group numbers index them). */
export function groupNames(store: CaseStore, kind: GroupKind): string[] {
  return kind === 'court'
    ? store.courts
    : kind === 'handler'
      ? store.handlers
      : kind === 'team'
        ? [...store.teams, '']
        : [''];
}

export function indicatorReports(ir: PlanIR, store: CaseStore, mainJob: Job, results: JobResults): IndicatorReport[] {
  const mainRes = resultsOf(results, mainJob);
  const scopesUsed = new Map<string, Set<GroupKind>>();
  for (const t of ir.targets) {
    if (t.scope.kind === 'handler' || t.scope.kind === 'team') {
      const s = scopesUsed.get(t.indicator) ?? new Set();
      s.add(t.scope.kind);
      scopesUsed.set(t.indicator, s);
    }
  }
  // A scoring scheme per handler or team needs its indicators' figures per handler or team too.
  for (const [ind, kinds] of schemeScopes(ir)) {
    const s = scopesUsed.get(ind) ?? new Set();
    for (const k of kinds) s.add(k);
    scopesUsed.set(ind, s);
  }
  return ir.indicators.map((ind) => {
    const courts = byName<Figure>();
    store.courts.forEach((c, g) => {
      courts[c] = figureOf(ind.expr, mainRes, mainJob.nodes, 'court', g);
    });
    const rep: IndicatorReport = {
      name: ind.name,
      title: ind.title,
      unit: ind.unit,
      dimension: ind.dimension,
      overall: figureOf(ind.expr, mainRes, mainJob.nodes, 'overall', 0),
      courts,
    };
    for (const kind of scopesUsed.get(ind.name) ?? []) {
      const groups = byName<Figure>();
      groupNames(store, kind).forEach((h, g) => {
        groups[h] = figureOf(ind.expr, mainRes, mainJob.nodes, kind, g);
      });
      if (kind === 'handler') rep.handlers = groups;
      else rep.teams = groups;
    }
    return rep;
  });
}
