// The memory engine's evaluation with its aggregates computed by a database: the cases (validated and
// court-identified exactly as for the memory engine) are loaded into the canonical tables, every
// aggregate job runs as SQL, and the evaluator's own assembly makes the report — so it is the same report.
// Per-case rule verdicts (`检查`) are still evaluated in memory over the same cases.
import { evaluatePlanWith, type EvaluateInput } from '../../engine/eval/evaluate.js';
import { compilerFor, executeJobs } from '../../engine/eval/jobs.js';
import type { PlanReport } from '../../engine/report/model.js';
import { runAggregateJobs, SqlUnsupported } from '../../engine/sql/run.js';
import { UsageError } from '../io.js';
import { staffingInserts, storeInserts } from '../../engine/sql/load.js';
import { createSchema, openDuckDB, type SqlDatabase } from './database.js';

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

export type EngineName = 'memory' | 'duckdb';

export function parseEngine(v: string | undefined): EngineName {
  if (v === undefined || v === 'memory' || v === 'duckdb') return v ?? 'memory';
  throw new UsageError(`--engine 只能是 memory 或 duckdb / --engine must be memory or duckdb, not "${v}"`);
}

/**
 * The evaluation in an embedded DuckDB (in memory, closed afterwards). A construct SQL cannot express is
 * the user's plan, not a fault: a usage error naming its file and line (exit 2), as is a database error.
 */
export async function evaluateOnDuckDB(input: EvaluateInput): Promise<PlanReport> {
  const db = await openDuckDB();
  try {
    return await evaluateOnDatabase(input, db);
  } catch (e) {
    if (e instanceof SqlUnsupported) throw new UsageError(`--engine duckdb: ${e.located()}`);
    throw new UsageError(`DuckDB 执行失败 / DuckDB failed: ${(e as Error).message}`);
  } finally {
    await db.close();
  }
}
