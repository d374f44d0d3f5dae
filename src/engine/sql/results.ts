// Rows of the grouped queries (compile.ts) → the evaluator's aggregate results over a store's dictionaries,
// so the evaluator's own assembly (eval/evaluate.ts) turns them into the same report as the memory engine.
import type { CaseStore } from '../data/store.js';
import { NONE } from '../data/store.js';
import { bareNames } from '../data/identity.js';
import type { AggregateResult, GroupSums } from '../eval/aggregate.js';
import type { JobQuery } from './compile.js';

/** A query's result as rows of plain values (numbers may come back as bigint or numeric strings). */
export type Rows = unknown[][];

function emptySums(store: CaseStore): GroupSums {
  return {
    overall: new Float64Array(1),
    court: new Float64Array(store.courts.length),
    handler: new Float64Array(store.handlers.length),
    team: new Float64Array(store.teams.length + 1),
  };
}

function toNumber(v: unknown, where: string): number {
  if (v === null || v === undefined) return 0;
  const x = typeof v === 'bigint' ? Number(v) : typeof v === 'string' ? Number(v) : typeof v === 'number' ? v : NaN;
  if (Number.isNaN(x))
    throw new Error(`SQL 结果中的值不是数字：${where} / a value in the SQL result is not a number: ${where}`);
  return x;
}

/** Where a (court, handler, team) row of the cases table adds into the store's group arrays. */
export class GroupIndex {
  private readonly courts: Map<string, number>;
  private readonly handlers = new Map<string, number>();
  private readonly teams = new Map<string, number>();
  constructor(private readonly store: CaseStore) {
    this.courts = new Map(store.courts.map((c, k) => [c, k]));
    const hb = bareNames(store, 'handler'),
      tb = bareNames(store, 'team');
    for (let i = 0; i < store.n; i++) {
      const court = store.courts[store.court[i]!]!;
      this.handlers.set(`${court}\u0000${hb[store.handler[i]!]}`, store.handler[i]!);
      const t = store.team[i]!;
      if (t !== NONE) this.teams.set(`${court}\u0000${tb[t]}`, t);
    }
  }
  court(name: unknown): number {
    return this.courts.get(String(name)) ?? -1;
  }
  handler(court: unknown, name: unknown): number {
    return this.handlers.get(`${String(court)}\u0000${String(name)}`) ?? -1;
  }
  team(court: unknown, name: unknown): number {
    if (name === null || name === undefined) return this.store.teams.length; // the "no team" slot
    return this.teams.get(`${String(court)}\u0000${String(name)}`) ?? -1;
  }
}

/** Adds one query's rows into `into` (aggregate key → result). */
export function addRows(
  q: JobQuery,
  rows: Rows,
  index: GroupIndex,
  store: CaseStore,
  into: Map<string, AggregateResult>,
): void {
  for (const n of q.nodes)
    if (!into.has(n.key)) into.set(n.key, { key: n.key, sum: emptySums(store), n: emptySums(store) });
  for (const row of rows) {
    const c = index.court(row[0]);
    const h = q.domain === 'staffing' ? -1 : index.handler(row[0], row[1]);
    const t = q.domain === 'staffing' ? -1 : index.team(row[0], row[2]);
    if (q.domain !== 'staffing' && (c < 0 || h < 0 || t < 0)) {
      throw new Error(
        `SQL 结果中的分组不在案件数据中：${String(row[0])} · ${String(row[1])} / a group in the SQL result is not in the case data: ${String(row[0])} · ${String(row[1])}`,
      );
    }
    q.nodes.forEach((node, k) => {
      const r = into.get(node.key)!;
      const s = toNumber(row[3 + 2 * k], node.key),
        m = toNumber(row[4 + 2 * k], node.key);
      for (const [g, i] of [
        ['overall', 0],
        ['court', c],
        ['handler', h],
        ['team', t],
      ] as const) {
        if (i < 0) continue;
        r.sum[g][i]! += s;
        r.n[g][i]! += m;
      }
    });
  }
}
