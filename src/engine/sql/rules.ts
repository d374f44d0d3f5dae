// Per-case rules (`检查 R`) as SQL: a rule job's verdicts over the cases in its scope, one column per
// condition saying whether the case fails it. One query both counts (checked, failed, warned, per condition)
// and lists the failing cases in case-id order (as the memory engine lists them: eval/jobs.ts), capped
// at the same number. A condition passes only when it is true (null is a failure), as in the evaluator.
import type { IRExpr, IRRule, PlanIR } from '../ir/types.js';
import type { RuleJob, RuleResult } from '../eval/jobs.js';
import { MAX_LISTED_FAILURES } from '../eval/jobs.js';
import { formatDay, type Day } from '../time/calendar.js';
import { SqlCompiler, SqlUnsupported } from './compile.js';
import { sqlDate, type Dialect } from './dialect.js';
import type { Rows } from './results.js';

/** Case ids compared as JavaScript compares them (code points): PostgreSQL's collation may not be binary. */
const binaryId = (d: Dialect): string => (d.name === 'postgres' ? 'c.id COLLATE "C"' : 'c.id');

/**
 * One rule job's query. Its first row (`part` 0) holds the counts — checked, failed, warned, then each
 * condition's failures — the rows after it (`part` 1) the listed failing cases, in case-id order: id, court,
 * three nulls, then per condition 1 where the case fails it. The verdicts are computed once (a CTE read twice, which both
 * dialects materialise), their event conditions read from one pre-aggregation of events per case.
 */
export function ruleQuery(compiler: SqlCompiler, rule: IRRule, job: RuleJob): string {
  const dialect = compiler.dialect;
  const T = sqlDate(formatDay(job.asOf));
  const sc = { T, from: sqlDate(formatDay(job.from)), end: sqlDate(formatDay(Math.min(job.asOf, job.to) as Day)) };
  const truth = (e: IRExpr) => `COALESCE(${compiler.expr(e, sc, null)}, FALSE)`;
  const { value, cte, join } = compiler.caseEvents(sc, false, () => ({
    scope: [rule.applies, job.applies].filter((x): x is IRExpr => x !== null).map(truth),
    flags: rule.conditions.map((c, k) => `CASE WHEN ${truth(c.expr)} THEN 0 ELSE 1 END AS f${k}`),
  }));
  const sumOf = (sev: 'error' | 'warning') => {
    const ks = rule.conditions.flatMap((c, k) => (c.severity === sev ? [`f${k}`] : []));
    return ks.length ? ks.join(' + ') : '0';
  };
  const verdicts = `SELECT c.id, c.court${value.flags.map((f) => `, ${f}`).join('')}\nFROM cases c${join}\nWHERE ${[`c.filed <= ${T}`, ...value.scope].join(' AND ')}`;
  const errors = sumOf('error'),
    warnings = sumOf('warning');
  const fs = rule.conditions.map((_, k) => `f${k}`);
  const none = 'CAST(NULL AS BIGINT)'; // typed: PostgreSQL reads an untyped NULL of a subquery as text
  const counts = `SELECT 0 AS part, CAST(NULL AS VARCHAR) AS id, CAST(NULL AS VARCHAR) AS court, COUNT(*) AS checked, SUM(CASE WHEN ${errors} > 0 THEN 1 ELSE 0 END) AS failed, SUM(CASE WHEN ${errors} = 0 AND ${warnings} > 0 THEN 1 ELSE 0 END) AS warned${fs.map((f) => `, SUM(${f}) AS ${f}`).join('')}\nFROM v`;
  const failures = `SELECT 1 AS part, v.id, v.court, ${none} AS checked, ${none} AS failed, ${none} AS warned${fs.map((f) => `, v.${f}`).join('')}\nFROM v\nWHERE ${errors} > 0\nORDER BY ${binaryId(dialect).replace('c.', 'v.')}\nLIMIT ${MAX_LISTED_FAILURES}`;
  return `WITH ${cte ? `${cte}, ` : ''}v AS (${verdicts})\nSELECT * FROM (${counts}\nUNION ALL\nSELECT * FROM (${failures}) l) u\nORDER BY u.part, ${binaryId(dialect).replace('c.', 'u.')}`;
}

/** Rules whose conditions or scope SQL cannot express, each located at its rule. */
export function ruleDiagnostics(ir: PlanIR, dialect: Dialect, jobs: readonly RuleJob[]): SqlUnsupported[] {
  const out: SqlUnsupported[] = [];
  const compiler = new SqlCompiler(ir, dialect);
  for (const j of jobs) {
    const r = ir.rules.find((x) => x.name === j.rule);
    if (!r) continue;
    try {
      ruleQuery(compiler, r, j);
    } catch (e) {
      if (!(e instanceof SqlUnsupported)) throw e;
      e.source = r.source;
      out.push(e);
    }
  }
  return out;
}

const count = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** A rule job's result from the rows of its query (`ruleQuery`). */
export function ruleResult(rule: IRRule, key: string, rows: Rows): RuleResult {
  const row = rows[0]!.slice(3);
  const byCondition: Record<string, number> = {};
  rule.conditions.forEach((c, k) => {
    byCondition[c.name] = count(row[3 + k]);
  });
  const failures = rows.slice(1).map((f) => ({
    id: String(f[1]),
    court: String(f[2]),
    failed: rule.conditions.flatMap((c, k) => (c.severity === 'error' && count(f[6 + k]) > 0 ? [c.name] : [])),
    warnings: rule.conditions.flatMap((c, k) => (c.severity === 'warning' && count(f[6 + k]) > 0 ? [c.name] : [])),
  }));
  return { key, checked: count(row[0]), failed: count(row[1]), warned: count(row[2]), byCondition, failures };
}
