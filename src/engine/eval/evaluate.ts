// Evaluates a compiled plan against case data as of a date: indicators, targets (staged, stretch, per
// scope), milestones, recurring duties, per-case rules, roll-ups per person / department / court and
// rankings. Deterministic: the same inputs give the same report, byte for byte.
//
// The stages, each in its own file: plan the jobs (plan-jobs.ts) → run them over the cases (jobs.ts, here
// or elsewhere) → read the indicators' figures (indicators.ts) → give each target, rule, task and milestone
// its status (targets.ts, tasks.ts, by status.ts) → assemble the report (assemble.ts, rollups.ts).
import type { PlanIR } from '../ir/types.js';
import type { CaseStore } from '../data/store.js';
import type { CourtIdentity, CourtOptions } from '../data/identity.js';
import type { ProgressReport, StaffingRecord } from '../data/record.js';
import type { Day } from '../time/calendar.js';
import type { PlanReport } from '../report/model.js';
import { timed, type Metrics } from '../pipeline/metrics.js';
import type { ExprCompiler, FunctionTable } from './expr.js';
import type { StaffingRow } from './aggregate.js';
import { compilerFor, executeJobs, type AggregateJob, type JobResults, type RuleJob } from './jobs.js';
import { planJobs } from './plan-jobs.js';
import { assembleReport } from './assemble.js';

export interface EvaluateInput {
  ir: PlanIR;
  store: CaseStore;
  asOf: string;
  progress?: readonly ProgressReport[];
  staffing?: readonly StaffingRecord[];
  /** What the loaders read (read = accepted + rejected). */
  data?: PlanReport['data'];
  /** Days before a deadline that count as "due soon". */
  dueSoonDays?: number;
  /** Calendar for working days (a plugin); default Monday–Friday. */
  addWorkdays?: (day: Day, n: number) => Day;
  /** Plugins' functions, for plans that call them. */
  functions?: FunctionTable;
  /** Court aliases and whether cases of courts the plan does not name count (luoshi.config.yaml `courts`). */
  courts?: CourtOptions;
  /** Records each stage's time (`--metrics`); nothing is timed without it. */
  metrics?: Metrics;
  /**
   * Told how far the evaluation has gone: units done of a total (jobs here, shards when the jobs run in
   * workers), after each one; plain numbers, so a host can relay them anywhere.
   */
  onProgress?: (done: number, total: number) => void;
}

/** Runs the jobs of an evaluation; the default runs them here, over the whole store. */
export type JobExecutor = (
  jobs: { aggregates: AggregateJob[]; rules: RuleJob[] },
  staffing: StaffingRow[],
) => JobResults;

export function evaluatePlan(input: EvaluateInput): PlanReport {
  const prepared = prepareEvaluation(input);
  const compiler = compilerFor(input.ir, prepared.store, input.addWorkdays, input.functions);
  const results = timed(input.metrics, 'jobs', () =>
    executeJobs(input.ir, prepared.store, prepared.jobs, prepared.staffing, compiler, input.onProgress),
  );
  return prepared.assemble(results, compiler);
}

/** The same evaluation with the jobs run elsewhere (worker threads over shards of `store`, the identified store). */
export async function evaluatePlanWith(
  input: EvaluateInput,
  execute: (jobs: Prepared['jobs'], staffing: StaffingRow[], store: CaseStore) => Promise<JobResults>,
): Promise<PlanReport> {
  const prepared = prepareEvaluation(input);
  const run = () => execute(prepared.jobs, prepared.staffing, prepared.store);
  const results = await (input.metrics ? input.metrics.timeAsync('jobs', run) : run());
  return prepared.assemble(results, compilerFor(input.ir, prepared.store, input.addWorkdays, input.functions));
}

export interface Prepared {
  /** The cases as the plan sees them (court identity applied: data/identity.ts). */
  store: CaseStore;
  identity: CourtIdentity;
  jobs: { aggregates: AggregateJob[]; rules: RuleJob[] };
  staffing: StaffingRow[];
  assemble(results: JobResults, compiler: ExprCompiler): PlanReport;
}

/** The jobs of an evaluation, and how to assemble its report once they have run. */
export function prepareEvaluation(input: EvaluateInput): Prepared {
  const planned = timed(input.metrics, 'plan', () => planJobs(input));
  return {
    store: planned.store,
    identity: planned.identity,
    jobs: planned.jobs,
    staffing: planned.staffing,
    assemble: (results, compiler) => assembleReport({ ...input, storeSize: input.store.n }, planned, results, compiler),
  };
}
