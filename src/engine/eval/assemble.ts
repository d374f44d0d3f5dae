// Evaluation, stages 3–5 over the jobs' results: aggregate (indicators.ts) → status (targets.ts, tasks.ts)
// → assemble (rollups.ts and the report itself).
import type { PlanIR } from '../ir/types.js';
import type { ProgressReport } from '../data/record.js';
import { formatDay } from '../time/calendar.js';
import { REPORT_VERSION, type PlanReport } from '../report/model.js';
import { timed, type Metrics } from '../pipeline/metrics.js';
import type { ExprCompiler } from './expr.js';
import type { JobResults } from './jobs.js';
import type { PlannedJobs } from './plan-jobs.js';
import { groupNames, indicatorReports } from './indicators.js';
import { reportSource } from '../scoring/source.js';
import { scoreSchemes } from '../scoring/score.js';
import { planCourtNames, targetReports } from './targets.js';
import { progressBy, ruleReports, taskReports, unmatchedProgress } from './tasks.js';
import { rankings, rollupCourts, rollupDepartments, rollupPeople, summarize } from './rollups.js';
import { DUE_SOON_DAYS } from './status.js';

export interface AssembleInput {
  ir: PlanIR;
  /** The data as given (before court identity), for the report's counts when the loaders gave none. */
  storeSize: number;
  progress?: readonly ProgressReport[] | undefined;
  data?: PlanReport['data'] | undefined;
  dueSoonDays?: number | undefined;
  metrics?: Metrics | undefined;
}

export function assembleReport(
  input: AssembleInput,
  p: PlannedJobs,
  results: JobResults,
  compiler: ExprCompiler,
): PlanReport {
  const { ir, metrics } = input;
  const indicators = timed(metrics, 'aggregate', () => indicatorReports(ir, p.store, p.mainJob, results));
  const soon = input.dueSoonDays ?? DUE_SOON_DAYS;
  const progress = progressBy(input.progress ?? [], p.T);
  const { targets, rules, tasks } = timed(metrics, 'status', () => {
    const targets = targetReports(ir, p, results, compiler);
    const rules = ruleReports(ir, results);
    return { targets, rules, tasks: taskReports(ir, p, results, progress, targets, rules, soon) };
  });
  return timed(metrics, 'assemble', (): PlanReport => {
    const asOf = formatDay(p.T);
    const scores = ir.schemes.length
      ? scoreSchemes(
          ir,
          reportSource(ir, { asOf, indicators, targets, tasks }, progress, (kind) => groupNames(p.store, kind)),
        )
      : null;
    return {
      reportVersion: REPORT_VERSION,
      plan: { name: ir.plan.name, title: ir.plan.title, period: ir.plan.period, courts: ir.plan.courts },
      asOf,
      data: input.data ?? { read: input.storeSize, accepted: input.storeSize, rejected: 0, warnings: 0, problems: [] },
      courtIdentity: p.identity,
      summary: summarize(targets, tasks, rules),
      indicators,
      targets,
      tasks,
      rules,
      people: rollupPeople(ir, tasks),
      departments: rollupDepartments(ir, tasks),
      courts: rollupCourts(p.store.courts, planCourtNames(ir), targets, asOf),
      rankings: rankings(targets, asOf),
      unmatchedProgress: unmatchedProgress(ir, progress),
      facts: ir.facts,
      ...(scores ? { scores } : {}),
    };
  });
}
