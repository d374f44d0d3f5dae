// Per-case rules (`检查 R`) as SQL: a rule job's verdicts over the cases in its scope, one column per
// condition saying whether the case fails it. One query counts (checked, failed, warned, per condition),
// one lists the failing cases in case-id order (as the memory engine lists them: eval/jobs.ts), capped
// at the same number. A condition passes only when it is true (null is a failure), as in the evaluator.
import type { IRExpr, IRRule, PlanIR } from '../ir/types.js';
import type { RuleJob, RuleResult } from '../eval/jobs.js';
import { MAX_LISTED_FAILURES } from '../eval/jobs.js';
import { formatDay, type Day } from '../time/calendar.js';
import { SqlCompiler, SqlUnsupported } from './compile.js';
import { sqlDate, type Dialect } from './dialect.js';
import type { SqlConnection } from './run.js';

/** The two queries of one rule job: the counts, and the listed failures. */
export interface RuleQueries {
  counts: string;
  failures: string;
}

/** Case ids compared as JavaScript compares them (code points): PostgreSQL's collation may not be binary. */
const binaryId = (d: Dialect): string => (d.name === 'postgres' ? 'c.id COLLATE "C"' : 'c.id');

export function ruleQueries(ir: PlanIR, dialect: Dialect, rule: IRRule, job: RuleJob): RuleQueries {
  const compiler = new SqlCompiler(ir, dialect);
  const T = sqlDate(formatDay(job.asOf));
  const sc = { T, from: sqlDate(formatDay(job.from)), end: sqlDate(formatDay(Math.min(job.asOf, job.to) as Day)) };
  const truth = (e: IRExpr) => `COALESCE(${compiler.expr(e, sc, null)}, FALSE)`;
  const scope = [rule.applies, job.applies].filter((x): x is IRExpr => x !== null).map(truth);
  const flags = rule.conditions.map((c, k) => `CASE WHEN ${truth(c.expr)} THEN 0 ELSE 1 END AS f${k}`);
  const sumOf = (sev: 'error' | 'warning') => {
    const ks = rule.conditions.flatMap((c, k) => (c.severity === sev ? [`f${k}`] : []));
    return ks.length ? ks.join(' + ') : '0';
  };
  const inner = `SELECT c.id, c.court${flags.map((f) => `, ${f}`).join('')}\nFROM cases c\nWHERE ${[`c.filed <= ${T}`, ...scope].join(' AND ')}`;
  const errors = sumOf('error'),
    warnings = sumOf('warning');
  const perCondition = rule.conditions.map((_, k) => `, SUM(f${k})`).join('');
  return {
    counts: `SELECT COUNT(*), SUM(CASE WHEN ${errors} > 0 THEN 1 ELSE 0 END), SUM(CASE WHEN ${errors} = 0 AND ${warnings} > 0 THEN 1 ELSE 0 END)${perCondition}\nFROM (${inner}) x`,
    failures: `SELECT x.id, x.court${rule.conditions.map((_, k) => `, x.f${k}`).join('')}\nFROM (${inner}) x\nWHERE ${errors} > 0\nORDER BY ${binaryId(dialect).replace('c.', 'x.')}\nLIMIT ${MAX_LISTED_FAILURES}`,
  };
}

/** Rules whose conditions or scope SQL cannot express, each located at its rule. */
export function ruleDiagnostics(ir: PlanIR, dialect: Dialect, jobs: readonly RuleJob[]): SqlUnsupported[] {
  const out: SqlUnsupported[] = [];
  for (const j of jobs) {
    const r = ir.rules.find((x) => x.name === j.rule);
    if (!r) continue;
    try {
      ruleQueries(ir, dialect, r, j);
    } catch (e) {
      if (!(e instanceof SqlUnsupported)) throw e;
      e.source = r.source;
      out.push(e);
    }
  }
  return out;
}

const count = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Every rule job's result, computed by the database over the canonical `cases` (and `events`, `case_tags`). */
export async function runRuleJobs(
  conn: SqlConnection,
  ir: PlanIR,
  dialect: Dialect,
  jobs: readonly RuleJob[],
): Promise<Record<string, RuleResult>> {
  const problems = ruleDiagnostics(ir, dialect, jobs);
  if (problems.length) throw problems[0]!;
  const out: Record<string, RuleResult> = {};
  for (const j of jobs) {
    const r = ir.rules.find((x) => x.name === j.rule);
    if (!r) continue;
    const q = ruleQueries(ir, dialect, r, j);
    const [row] = await conn.query(q.counts);
    const byCondition: Record<string, number> = {};
    r.conditions.forEach((c, k) => {
      byCondition[c.name] = count(row?.[3 + k]);
    });
    const failures = (await conn.query(q.failures)).map((f) => ({
      id: String(f[0]),
      court: String(f[1]),
      failed: r.conditions.flatMap((c, k) => (c.severity === 'error' && count(f[2 + k]) > 0 ? [c.name] : [])),
      warnings: r.conditions.flatMap((c, k) => (c.severity === 'warning' && count(f[2 + k]) > 0 ? [c.name] : [])),
    }));
    out[j.key] = {
      key: j.key,
      checked: count(row?.[0]),
      failed: count(row?.[1]),
      warned: count(row?.[2]),
      byCondition,
      failures,
    };
  }
  return out;
}
