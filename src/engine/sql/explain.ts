// `luoshi explain` as SQL: the cases behind a figure. Per case, how many members of the numerator and of
// the denominator it is (a case set: the sets it meets; an event set: its events that count), as
// eval/explain.ts counts them; the cases whose part is not zero, in the store's order (cid: the order the
// memory engine holds them in), the first `limit` listed and all counted.
import type { IRExpr, PlanIR } from '../ir/types.js';
import { collectAggregates, type AggregateNode } from '../eval/aggregate.js';
import {
  ExplainError,
  hasDenominator,
  indicatorNamed,
  type ExplainQuery,
  type ExplainResult,
} from '../eval/explain.js';
import { bareName, WITHIN_COURT } from '../data/identity.js';
import { windowAt } from '../eval/window.js';
import { formatDay, parseIsoDay, type Day } from '../time/calendar.js';
import { SqlCompiler } from './compile.js';
import { sqlDate, sqlString, type Dialect } from './dialect.js';
import type { SqlConnection } from './run.js';

/** A group of the query as SQL over `c`: a court by its full name, a handler or team by "court · name". */
function groupCondition(q: ExplainQuery): string {
  if (!q.group) return 'TRUE';
  if (q.group.kind === 'court') return `c.court = ${sqlString(q.group.value)}`;
  const v = q.group.value;
  const at = v.indexOf(WITHIN_COURT);
  const court = at < 0 ? '' : v.slice(0, at);
  const col = q.group.kind === 'handler' ? 'c.handler' : 'c.team';
  return `(c.court = ${sqlString(court)} AND ${col} = ${sqlString(bareName(court, v))})`;
}

/** The query listing the cases of one part: `id, n` per case, in cid order. */
export function explainSql(
  ir: PlanIR,
  dialect: Dialect,
  query: ExplainQuery,
): { sql: string; events: boolean; indicator: string } {
  const ind = indicatorNamed(ir, query.indicator);
  if (!ind) throw new ExplainError(`未定义的指标 / unknown indicator "${query.indicator}"`);
  const q = { ...query, indicator: ind.name };
  if (q.part !== 'numerator' && !hasDenominator(ir, q.indicator))
    throw new ExplainError(`指标“${q.indicator}”没有分母 / "${q.indicator}" has no denominator`);
  const Tday = parseIsoDay(q.asOf);
  if (Tday === null) throw new ExplainError(`invalid as-of date ${q.asOf}`);
  const win = windowAt(ir, q.window ?? null, Tday);
  const T = sqlDate(formatDay(Tday));
  const sc = { T, from: sqlDate(formatDay(win.from)), end: sqlDate(formatDay(Math.min(Tday, win.to) as Day)) };
  const compiler = new SqlCompiler(ir, dialect);
  const ratio = ind.expr.op === 'arith' && ind.expr.arith === '/';
  const side = (e: IRExpr | null): string => {
    if (!e) return '0';
    const m = new Map<string, AggregateNode>();
    collectAggregates(e, m);
    const terms = [...m.values()]
      .filter((n) => n.set.domain !== 'staffing')
      .map((n) => {
        const where = n.set.where.map(
          (w) => `COALESCE(${compiler.expr(w, sc, n.set.domain === 'event' ? 'e' : null)}, FALSE)`,
        );
        if (n.set.domain !== 'event')
          return `CASE WHEN ${where.length ? where.join(' AND ') : 'TRUE'} THEN 1 ELSE 0 END`;
        const types = n.set.types.map(sqlString).join(', ');
        return `(SELECT COUNT(*) FROM events e WHERE e.cid = c.cid AND e.day <= ${T} AND e.type IN (${types})${where.map((w) => ` AND ${w}`).join('')})`;
      });
    return terms.length ? terms.join(' + ') : '0';
  };
  const num = side(ind.expr.op === 'arith' && ratio ? ind.expr.left : ind.expr);
  const den = side(ind.expr.op === 'arith' && ratio ? ind.expr.right : null);
  const n =
    q.part === 'numerator'
      ? 'x.num'
      : q.part === 'denominator'
        ? 'x.den'
        : 'CASE WHEN x.den > x.num THEN x.den - x.num ELSE 0 END';
  const m = new Map<string, AggregateNode>();
  collectAggregates(ind.expr, m);
  return {
    indicator: ind.name,
    events: [...m.values()].some((x) => x.set.domain === 'event'),
    sql: `SELECT x.id, ${n} AS n FROM (SELECT c.cid, c.id, ${num} AS num, ${den} AS den FROM cases c WHERE c.filed <= ${T} AND ${groupCondition(q)}) x WHERE ${n} > 0 ORDER BY x.cid`,
  };
}

/** eval/explain.ts explainIndicator, computed by the database over the canonical `cases` and `events`. */
export async function explainOnSql(
  conn: SqlConnection,
  ir: PlanIR,
  dialect: Dialect,
  query: ExplainQuery,
): Promise<ExplainResult> {
  const { sql, events, indicator } = explainSql(ir, dialect, query);
  const limit = query.limit ?? 100;
  const [[total]] = (await conn.query(`SELECT COUNT(*) FROM (${sql}) y`)) as [[unknown]];
  const rows = limit > 0 ? await conn.query(`${sql} LIMIT ${limit}`) : [];
  return {
    indicator,
    part: query.part,
    total: Number(total),
    ids: rows.map((r) => String(r[0])),
    ...(events ? { events: rows.map((r) => Number(r[1])) } : {}),
  };
}
