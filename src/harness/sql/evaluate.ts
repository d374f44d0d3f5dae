// The memory engine's evaluation with its aggregates computed by a database: the cases (validated and
// court-identified exactly as for the memory engine) are loaded into the canonical tables, every
// aggregate job runs as SQL, and the evaluator's own assembly makes the report — so it is the same report.
// Per-case rule verdicts (`检查`) are SQL too (engine/sql/rules.ts).
import { evaluatePlanWith, type EvaluateInput } from '../../engine/eval/evaluate.js';
import type { PlanReport } from '../../engine/report/model.js';
import { runPlanJobs, SqlUnsupported } from '../../engine/sql/run.js';
import { UsageError } from '../io.js';
import { canonicalRows } from '../../engine/sql/load.js';
import { createSchema, openDuckDB, openPostgres, safeUrl, type SqlDatabase } from './database.js';

export async function evaluateOnDatabase(input: EvaluateInput, db: SqlDatabase): Promise<PlanReport> {
  return evaluatePlanWith(input, async (jobs, staffing, store) => {
    await createSchema(db);
    for (const t of canonicalRows(store, staffing)) await db.load(t);
    return runPlanJobs(db, input.ir, db.dialect, jobs, store);
  });
}

/** Who computes the figures: the memory engine, embedded DuckDB, or a PostgreSQL-family server (`--db URL`). */
export type Engine = { kind: 'memory' } | { kind: 'duckdb' } | { kind: 'postgres'; url: string };

export function parseEngine(engine: string | undefined, db: string | undefined): Engine {
  if (db !== undefined) {
    if (engine !== undefined && engine !== 'postgres')
      throw new UsageError(`--db 与 --engine ${engine} 不能同用 / --db cannot be used with --engine ${engine}`);
    if (db.startsWith('duckdb:')) return { kind: 'duckdb' }; // a DuckDB file as the source; the figures in DuckDB (in memory)
    if (!/^postgres(ql)?:\/\//.test(db))
      throw new UsageError(`--db 应为 postgres://… / --db must be a postgres:// URL, not "${safeUrl(db)}"`);
    return { kind: 'postgres', url: db };
  }
  if (engine === undefined || engine === 'memory') return { kind: 'memory' };
  if (engine === 'duckdb') return { kind: 'duckdb' };
  throw new UsageError(
    `--engine 只能是 memory 或 duckdb（PostgreSQL 用 --db URL） / --engine must be memory or duckdb (PostgreSQL: --db URL), not "${engine}"`,
  );
}

/**
 * The evaluation in a database: embedded DuckDB (in memory), or a server's session whose temporary
 * tables end with it; closed afterwards. A construct SQL cannot express is the user's plan, not a fault:
 * a usage error naming its file and line (exit 2), as is a database error.
 */
export async function evaluateOnEngine(
  input: EvaluateInput,
  engine: Exclude<Engine, { kind: 'memory' }>,
): Promise<PlanReport> {
  return withEngine(engine, (db) => evaluateOnDatabase(input, db));
}

/** Opens the engine's database, runs `f`, closes it; SQL that cannot be and database errors become usage errors. */
export async function withEngine<T>(
  engine: Exclude<Engine, { kind: 'memory' }>,
  f: (db: SqlDatabase) => Promise<T>,
): Promise<T> {
  const db = engine.kind === 'duckdb' ? await openDuckDB() : await openPostgres(engine.url);
  const name = engine.kind === 'duckdb' ? 'DuckDB' : `PostgreSQL ${safeUrl(engine.url)}`;
  try {
    return await f(db);
  } catch (e) {
    if (e instanceof SqlUnsupported)
      throw new UsageError(`${engine.kind === 'duckdb' ? '--engine duckdb' : '--db'}: ${e.located()}`);
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${name} 执行失败 / failed: ${(e as Error).message}`);
  } finally {
    await db.close().catch(() => undefined);
  }
}
