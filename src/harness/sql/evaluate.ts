// The memory engine's evaluation with its aggregates computed by a database: the cases (validated and
// court-identified exactly as for the memory engine) are loaded into the canonical tables, every
// aggregate job runs as SQL, and the evaluator's own assembly makes the report — so it is the same report.
// Per-case rule verdicts (`检查`) are still evaluated in memory over the same cases.
import { evaluatePlanWith, type EvaluateInput } from '../../engine/eval/evaluate.js';
import { compilerFor, executeJobs } from '../../engine/eval/jobs.js';
import type { PlanReport } from '../../engine/report/model.js';
import { runAggregateJobs } from '../../engine/sql/run.js';
import { staffingInserts, storeInserts } from '../../engine/sql/load.js';
import { createSchema, type SqlDatabase } from './database.js';

export async function evaluateOnDatabase(input: EvaluateInput, db: SqlDatabase): Promise<PlanReport> {
  return evaluatePlanWith(input, async (jobs, staffing, store) => {
    await createSchema(db);
    for (const s of storeInserts(store)) await db.exec(s);
    for (const s of staffingInserts(staffing)) await db.exec(s);
    const aggregates = await runAggregateJobs(db, input.ir, db.dialect, jobs.aggregates, store);
    const compiler = compilerFor(input.ir, store, input.addWorkdays, input.functions);
    const { rules } = executeJobs(input.ir, store, { aggregates: [], rules: jobs.rules }, staffing, compiler);
    return { aggregates, rules };
  });
}
