// The whole SQL of a plan as of a date, as `luoshi sql` prints it: the canonical schema's DDL (optional),
// then each aggregate job's queries under a comment naming its as-of date and window.
import type { PlanIR } from '../ir/types.js';
import { prepareEvaluation } from '../eval/evaluate.js';
import { storeFromRecords } from '../data/store.js';
import { formatDay, type Day } from '../time/calendar.js';
import { SqlCompiler, sqlDiagnostics, type SqlUnsupported } from './compile.js';
import type { Dialect } from './dialect.js';
import { schemaDDL } from './schema.js';

export function planSql(
  ir: PlanIR,
  dialect: Dialect,
  asOf: string,
  withSchema: boolean,
): { sql: string; diagnostics: SqlUnsupported[] } {
  const diagnostics = sqlDiagnostics(ir, dialect);
  if (diagnostics.length) return { sql: '', diagnostics };
  // The jobs depend on the plan and the date only; the groups come from the rows the queries return.
  const { jobs } = prepareEvaluation({ ir, store: storeFromRecords([]), asOf });
  const compiler = new SqlCompiler(ir, dialect);
  const parts: string[] = [`-- luoshi: ${ir.plan.name ?? ''} · ${dialect.name} · as of ${asOf}`];
  if (withSchema) parts.push(...schemaDDL(dialect).map((s) => `${s};`));
  for (const job of jobs.aggregates) {
    const end = formatDay(Math.min(job.asOf, job.to) as Day);
    for (const q of compiler.jobQueries(job)) {
      parts.push(
        `-- ${q.domain}: as of ${formatDay(job.asOf)}, window ${formatDay(job.from)} .. ${end}; columns after court, handler, team: (sum, n) of ${q.nodes.length} aggregate(s)\n${q.sql};`,
      );
    }
  }
  return { sql: parts.join('\n\n') + '\n', diagnostics: [] };
}
