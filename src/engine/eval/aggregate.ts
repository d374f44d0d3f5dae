// One pass over the cases (and their events) computes every aggregate of a plan at once, for every group
// (overall, each court, each handler, each team). Accumulators are typed arrays indexed by dictionary
// code, so partial results from shards merge by addition.
import type { IRExpr, IRSet } from '../ir/types.js';
import type { CaseStore } from '../data/store.js';
import { NONE } from '../data/store.js';
import type { Day } from '../time/calendar.js';
import { Cursor, ExprCompiler, forEachChild, type Fn } from './expr.js';

export type GroupKind = 'overall' | 'court' | 'handler' | 'team';

export interface AggregateNode {
  key: string;
  op: 'count' | 'sum' | 'mean';
  set: IRSet;
  value: IRExpr | null;
  /** Money is summed as integer fen, so sums are exact (then shown in yuan). */
  money: boolean;
}

const isMoney = (v: IRExpr | null): boolean =>
  v !== null &&
  ((v.op === 'field' && (v.name === 'claimed' || v.name === 'recovered')) ||
    (v.op === 'eventField' && v.name === 'amount'));

/** Sums per group: `sum` holds Σ value (or the count), `n` the number of members (for means). */
export interface GroupSums {
  overall: Float64Array;
  court: Float64Array;
  handler: Float64Array;
  team: Float64Array;
}
export interface AggregateResult {
  key: string;
  sum: GroupSums;
  n: GroupSums;
}

/** A staffing record as the evaluator needs it. */
export interface StaffingRow {
  court: string;
  day: Day;
  values: Record<string, number>;
}

export function collectAggregates(ir: IRExpr, out: Map<string, AggregateNode>): void {
  if (ir.op === 'count' || ir.op === 'sum' || ir.op === 'mean') {
    const key = JSON.stringify(ir);
    if (!out.has(key)) {
      const value = ir.op === 'count' ? null : ir.value;
      out.set(key, { key, op: ir.op, set: ir.set, value, money: isMoney(value) });
    }
    return;
  }
  forEachChild(ir, (c) => collectAggregates(c, out));
}

/** An empty result for one aggregate, over the store's groups. */
export function newResult(store: CaseStore, key: string): AggregateResult {
  return { key, sum: sums(store), n: sums(store) };
}

function sums(store: CaseStore): GroupSums {
  return {
    overall: new Float64Array(1),
    court: new Float64Array(store.courts.length),
    handler: new Float64Array(store.handlers.length),
    team: new Float64Array(store.teams.length + 1),
  };
}

interface CompiledAggregate {
  node: AggregateNode;
  where: Fn[];
  value: Fn | null;
  types: Uint8Array | null;
  res: AggregateResult;
}

/**
 * Evaluates all aggregates at one as-of date over one window in a single pass.
 * `from`/`end` are the window as measured at T: [from, min(T, to)].
 */
export function runAggregates(
  store: CaseStore,
  compiler: ExprCompiler,
  nodes: AggregateNode[],
  asOf: Day,
  from: Day,
  end: Day,
  staffing: StaffingRow[] = [],
): Map<string, AggregateResult> {
  const cursor = new Cursor(store, asOf, from, end);
  const caseAggs: CompiledAggregate[] = [];
  const eventAggs: CompiledAggregate[] = [];
  const out = new Map<string, AggregateResult>();
  for (const node of nodes) {
    const res = newResult(store, node.key);
    out.set(node.key, res);
    if (node.set.domain === 'staffing') {
      staffingAggregate(store, node, res, staffing, asOf);
      continue;
    }
    let types: Uint8Array | null = null;
    if (node.set.domain === 'event') {
      const wanted = node.set.types;
      types = new Uint8Array(Math.max(1, store.eventTypes.length));
      for (let k = 0; k < store.eventTypes.length; k++) if (wanted.includes(store.eventTypes[k]!)) types[k] = 1;
    }
    const ca: CompiledAggregate = {
      node,
      where: node.set.where.map((w) => compiler.compile(w)),
      value: node.value ? compiler.compile(node.value) : null,
      types,
      res,
    };
    (node.set.domain === 'event' ? eventAggs : caseAggs).push(ca);
  }
  const teamNone = store.teams.length;
  if (caseAggs.length === 0 && eventAggs.length === 0) return out; // staffing only: no pass over cases
  for (let i = 0; i < store.n; i++) {
    if (store.filed[i]! > asOf) continue; // not yet filed at T: the case does not exist
    cursor.moveTo(i);
    const court = store.court[i]!,
      handler = store.handler[i]!,
      t = store.team[i]!;
    const team = t === NONE ? teamNone : t;
    for (const a of caseAggs) {
      const v = memberValue(a, cursor);
      if (v !== null) addMember(a.res, court, handler, team, v);
    }
    if (eventAggs.length === 0) continue;
    const end = cursor.evEnd;
    for (let k = store.evStart[i]!; k < end; k++) {
      const ty = store.evType[k]!;
      for (const a of eventAggs) {
        if (a.types![ty] !== 1) continue;
        cursor.e = k;
        const v = memberValue(a, cursor);
        if (v !== null) addMember(a.res, court, handler, team, v);
      }
    }
    cursor.e = -1;
  }
  return out;
}

/** What the case (or event) under the cursor adds to an aggregate: null when it is not a member or its
 *  value is null (a null is not counted in a sum or mean); 1 for a count; money in whole fen. `where`: the
 *  set's conditions still to check (all of them unless the caller has checked the first). */
export function memberValue(
  a: { node: AggregateNode; where: Fn[]; value: Fn | null },
  cursor: Cursor,
  where: Fn[] = a.where,
): number | null {
  for (const w of where) if (w(cursor) !== true) return null;
  if (!a.value) return 1;
  const x = a.value(cursor);
  if (typeof x !== 'number' || Number.isNaN(x)) return null;
  return a.node.money ? Math.round(x * 100) : x;
}

export function addMember(r: AggregateResult, court: number, handler: number, team: number, v: number): void {
  r.sum.overall[0]! += v;
  r.sum.court[court]! += v;
  r.sum.handler[handler]! += v;
  r.sum.team[team]! += v;
  r.n.overall[0]! += 1;
  r.n.court[court]! += 1;
  r.n.handler[handler]! += 1;
  r.n.team[team]! += 1;
}

/** Staffing: the latest record of each court dated on or before T. Grouped by court only. */
export function staffingAggregate(
  store: CaseStore,
  node: AggregateNode,
  res: AggregateResult,
  rows: StaffingRow[],
  asOf: Day,
): void {
  const latest = new Map<string, StaffingRow>();
  for (const r of rows) {
    if (r.day > asOf) continue;
    const cur = latest.get(r.court);
    if (!cur || r.day >= cur.day) latest.set(r.court, r);
  }
  const field = node.value && node.value.op === 'staffingField' ? node.value.name : null;
  for (const [court, r] of [...latest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const v = field ? r.values[field] : 1;
    if (v === undefined || Number.isNaN(v)) continue;
    res.sum.overall[0]! += v;
    res.n.overall[0]! += 1;
    const c = store.courts.indexOf(court);
    if (c >= 0) {
      res.sum.court[c]! += v;
      res.n.court[c]! += 1;
    }
  }
}

/** The value of an aggregate node in one group. */
export function aggregateValue(node: AggregateNode, r: AggregateResult, kind: GroupKind, g: number): number {
  const raw = r.sum[kind][g] ?? 0,
    n = r.n[kind][g] ?? 0;
  const s = node.money ? raw / 100 : raw;
  return node.op === 'mean' ? (n === 0 ? NaN : s / n) : s;
}
