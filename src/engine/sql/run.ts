// Runs an evaluation's aggregate jobs as SQL over a connection that already holds the canonical tables.
// Platform-neutral: the connection (a driver in the harness) only sends text and returns rows.
import type { PlanIR } from '../ir/types.js';
import type { CaseStore } from '../data/store.js';
import type { AggregateResult } from '../eval/aggregate.js';
import type { AggregateJob, JobResults } from '../eval/jobs.js';
import { SqlCompiler, SqlUnsupported, sqlDiagnostics } from './compile.js';
import type { Dialect } from './dialect.js';
import { GroupIndex, addRows, type Rows } from './results.js';

export interface SqlConnection {
  query(sql: string): Promise<Rows>;
}

/** The aggregate results of every job, computed by the database; throws the first SqlUnsupported (located). */
export async function runAggregateJobs(
  conn: SqlConnection,
  ir: PlanIR,
  dialect: Dialect,
  jobs: AggregateJob[],
  store: CaseStore,
): Promise<JobResults['aggregates']> {
  const { compiler, index } = sqlFor(ir, dialect, store);
  const out: JobResults['aggregates'] = {};
  for (const job of jobs) {
    const into = new Map<string, AggregateResult>();
    for (const q of compiler.jobQueries(job)) addRows(q, await conn.query(q.sql), index, store, into);
    out[job.key] = job.nodes.map((n) => into.get(n.key)!);
  }
  return out;
}

/** The plan's SQL compiler and where result rows add into the store's groups; throws the first construct SQL cannot express. */
export function sqlFor(ir: PlanIR, dialect: Dialect, store: CaseStore): { compiler: SqlCompiler; index: GroupIndex } {
  const problems = sqlDiagnostics(ir, dialect);
  if (problems.length) throw problems[0]!;
  return { compiler: new SqlCompiler(ir, dialect), index: new GroupIndex(store) };
}

export { SqlUnsupported };
