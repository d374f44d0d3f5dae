// Runs an evaluation's aggregate and rule jobs as SQL over a connection that already holds the canonical tables.
// Platform-neutral: the connection (a driver in the harness) only sends text and returns rows.
import type { PlanIR } from '../ir/types.js';
import type { CaseStore } from '../data/store.js';
import type { AggregateResult } from '../eval/aggregate.js';
import type { AggregateJob, JobResults, RuleJob } from '../eval/jobs.js';
import { SqlCompiler, SqlUnsupported, sqlDiagnostics, type JobQuery } from './compile.js';
import { memberRows, mergeQueries } from './merge.js';
import { SharedCaseEvents } from './case-events.js';
import { ruleDiagnostics, ruleQuery, ruleResult } from './rules.js';
import type { Dialect } from './dialect.js';
import { GroupIndex, addRows, type Rows } from './results.js';

export interface SqlConnection {
  query(sql: string): Promise<Rows>;
}

/**
 * Every aggregate and rule job of an evaluation computed by the database; throws the first construct SQL
 * cannot express (located). All queries are compiled first: the pre-aggregations of events per case they
 * read, one per as-of date, are made once as temporary tables (case-events.ts) before they run, and dropped;
 * the jobs' queries over the same rows run as one (merge.ts).
 */
export async function runPlanJobs(
  conn: SqlConnection,
  ir: PlanIR,
  dialect: Dialect,
  jobs: { aggregates: readonly AggregateJob[]; rules: readonly RuleJob[] },
  store: CaseStore,
): Promise<JobResults> {
  const problems = [...sqlDiagnostics(ir, dialect), ...ruleDiagnostics(ir, dialect, jobs.rules)];
  if (problems.length) throw problems[0]!;
  const shared = new SharedCaseEvents();
  const compiler = new SqlCompiler(ir, dialect, shared);
  const index = new GroupIndex(store);
  const aggregates = jobs.aggregates.map((job) => ({ job, queries: compiler.jobQueries(job) }));
  const rules = jobs.rules.flatMap((job) => {
    const rule = ir.rules.find((x) => x.name === job.rule);
    return rule ? [{ job, rule, sql: ruleQuery(compiler, rule, job) }] : [];
  });
  const out: JobResults = { aggregates: {}, rules: {} };
  // Each job's results; its queries run merged with other jobs' of the same frame (merge.ts).
  const into = new Map<JobQuery, Map<string, AggregateResult>>();
  for (const { queries } of aggregates) {
    const results = new Map<string, AggregateResult>();
    for (const q of queries) into.set(q, results);
  }
  for (const s of shared.create()) await conn.query(s);
  try {
    for (const m of mergeQueries(aggregates.flatMap((a) => a.queries))) {
      const rows = await conn.query(m.sql);
      for (const member of m.members)
        addRows(member.query, memberRows(rows, member), index, store, into.get(member.query)!);
    }
    for (const { job, queries } of aggregates) {
      const results = queries.length ? into.get(queries[0]!)! : new Map<string, AggregateResult>();
      out.aggregates[job.key] = job.nodes.map((n) => results.get(n.key)!);
    }
    for (const { job, rule, sql } of rules) out.rules[job.key] = ruleResult(rule, job.key, await conn.query(sql));
  } finally {
    for (const s of shared.drop()) await conn.query(s).catch(() => undefined);
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
