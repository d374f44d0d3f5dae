// A replay's windows as SQL: each window's points (the replay's steps, deadlines and trend days) in one
// query per domain — a calendar joined to the cases (compile.ts seriesQueries), the event conditions read
// from pre-aggregations joined once (case-events.ts) — never a query per day. The rows are partial sums per
// (point, court, handler, team), added into the replay's own per-point results, so the replay's assembly
// (replay/replay.ts) makes the same result as the memory engine's.
import type { PlanIR } from '../ir/types.js';
import type { CaseStore } from '../data/store.js';
import type { AggregateResult } from '../eval/aggregate.js';
import type { ReplaySums, ReplayWindowJob } from '../replay/replay.js';
import type { Dialect } from './dialect.js';
import { addRows, type Rows } from './results.js';
import { sqlFor, type SqlConnection } from './run.js';

/**
 * The per-point sums of every window job, computed by the database. `exhaustive` (whether the memory
 * engine's incremental replay could follow every condition) is the memory engine's word for each window,
 * passed in, so the replay names the same method whichever engine computed it. `onProgress`: windows done
 * of all.
 */
export async function runReplayWindows(
  conn: SqlConnection,
  ir: PlanIR,
  dialect: Dialect,
  jobs: readonly ReplayWindowJob[],
  store: CaseStore,
  exhaustive: (job: ReplayWindowJob) => boolean,
  onProgress?: (done: number, total: number) => void,
): Promise<ReplaySums> {
  const { compiler, index } = sqlFor(ir, dialect, store);
  const out: ReplaySums = {};
  onProgress?.(0, jobs.length);
  for (const [w, job] of jobs.entries()) {
    // Every point has every node's result, zero where no row adds to it.
    const at = job.points.map(() => {
      const m = new Map<string, AggregateResult>();
      addRows({ domain: 'case', sql: '', nodes: job.nodes }, [], index, store, m);
      return m;
    });
    if (job.points.length > 0) {
      for (const q of compiler.seriesQueries(job)) {
        const byPoint: Rows[] = job.points.map(() => []);
        for (const row of await conn.query(q.sql)) byPoint[Number(row[0])]!.push(row.slice(1));
        byPoint.forEach((rows, k) => {
          addRows(q, rows, index, store, at[k]!);
        });
      }
    }
    out[job.key] = { exhaustive: exhaustive(job), perPoint: at.map((m) => job.nodes.map((n) => m.get(n.key)!)) };
    onProgress?.(w + 1, jobs.length);
  }
  return out;
}
