// Grouped queries of different jobs over the same rows merged into one: the aggregate jobs of one as-of
// date (eval/jobs.ts: one per window) each have a query over the cases reading the same shared
// pre-aggregation (case-events.ts), differing only in their columns. Each is a scan of every case and a join
// to the pre-aggregation; merged, the scan and the join are made once. The merged rows are split back into
// each query's own (court, handler, team, then its column pairs), so results.ts adds them as before.
import type { JobQuery } from './compile.js';
import type { Rows } from './results.js';

/** One statement to run and the queries whose rows it returns, each at its place among the columns after the groups'. */
export interface MergedQuery {
  sql: string;
  members: Array<{ query: JobQuery; from: number }>;
}

/** The queries as statements: those of the same frame (compile.ts JobQuery.frame) one statement, in first-seen order. */
export function mergeQueries(queries: readonly JobQuery[]): MergedQuery[] {
  const out: MergedQuery[] = [];
  const byFrame = new Map<string, { merged: MergedQuery; columns: string[] }>();
  for (const query of queries) {
    const f = query.frame;
    if (!f) {
      out.push({ sql: query.sql, members: [{ query, from: 0 }] });
      continue;
    }
    const key = `${f.head}\u0000${f.tail}`;
    let at = byFrame.get(key);
    if (!at) {
      at = { merged: { sql: '', members: [] }, columns: [] };
      byFrame.set(key, at);
      out.push(at.merged);
    }
    at.merged.members.push({ query, from: 2 * at.columns.length });
    at.columns.push(...f.columns);
    at.merged.sql = `${f.head}\n  ${at.columns.join(',\n  ')}\n${f.tail}`;
  }
  return out;
}

/** A member's rows out of its merged statement's: the three group columns, then its own column pairs. */
export function memberRows(rows: Rows, member: { query: JobQuery; from: number }): Rows {
  if (member.from === 0 && rows[0]?.length === 3 + 2 * member.query.nodes.length) return rows;
  const to = 3 + member.from + 2 * member.query.nodes.length;
  return rows.map((r) => [r[0], r[1], r[2], ...r.slice(3 + member.from, to)]);
}
