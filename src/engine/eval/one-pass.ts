// The whole plan in one pass over the cases: every aggregate job (each its own as-of day and window) and
// every rule check, case by case. Jobs over the same as-of day and window share one cursor, so what they
// have in common is computed once per case (a rule check over the plan's window reads the same memos as
// the indicators); jobs at the same as-of day over other windows follow that cursor, sharing what does not
// read the window (a case's closing by T, its legal deadline). Each result receives its additions in the
// same order as a pass of its own would give it, so the sums are the same to the last bit.
import type { IRExpr, IRRule, PlanIR } from '../ir/types.js';
import type { CaseStore } from '../data/store.js';
import { caseId, NONE } from '../data/store.js';
import type { Day } from '../time/calendar.js';
import { Cursor, type ExprCompiler, type Fn } from './expr.js';
import {
  memberValue,
  newResult,
  staffingAggregate,
  addMember,
  type AggregateNode,
  type AggregateResult,
  type StaffingRow,
} from './aggregate.js';

// The jobs as plain data (jobs.ts re-exports them: whoever runs jobs — a worker thread, a SQL engine —
// reads them there).
export interface AggregateJob {
  key: string;
  asOf: Day;
  from: Day;
  to: Day;
  nodes: AggregateNode[];
}
export interface RuleJob {
  key: string;
  rule: string;
  applies: IRExpr | null;
  asOf: Day;
  from: Day;
  to: Day;
}

export interface RuleFailure {
  id: string;
  court: string;
  failed: string[];
  warnings: string[];
}
export interface RuleResult {
  key: string;
  checked: number;
  failed: number;
  warned: number;
  byCondition: Record<string, number>;
  failures: RuleFailure[];
}

interface CompiledAggregate {
  node: AggregateNode;
  where: Fn[];
  value: Fn | null;
  res: AggregateResult;
}

/** One rule check, counted case by case. */
class RuleCheck {
  checked = 0;
  failed = 0;
  warned = 0;
  readonly failures: RuleFailure[] = [];
  readonly byCondition: Record<string, number> = {};
  private readonly scope: Fn[];
  private readonly conds: Array<{ name: string; error: boolean; f: Fn }>;

  constructor(
    private readonly store: CaseStore,
    compiler: ExprCompiler,
    rule: IRRule,
    readonly job: RuleJob,
  ) {
    this.scope = [rule.applies, job.applies].filter((x): x is IRExpr => x !== null).map((x) => compiler.compile(x));
    this.conds = rule.conditions.map((c) => ({
      name: c.name,
      error: c.severity === 'error',
      f: compiler.compile(c.expr),
    }));
    for (const c of this.conds) this.byCondition[c.name] = 0;
  }

  visit(cursor: Cursor): void {
    for (const s of this.scope) if (s(cursor) !== true) return;
    this.checked++;
    let failedConds: string[] | null = null,
      warnings: string[] | null = null;
    for (const c of this.conds) {
      if (c.f(cursor) === true) continue;
      this.byCondition[c.name]! += 1;
      if (c.error) (failedConds ??= []).push(c.name);
      else (warnings ??= []).push(c.name);
    }
    if (failedConds) {
      this.failed++;
      const s = this.store,
        i = cursor.i;
      this.failures.push({
        id: caseId(s, i),
        court: s.courts[s.court[i]!]!,
        failed: failedConds,
        warnings: warnings ?? [],
      });
    } else if (warnings) this.warned++;
  }
}

/**
 * Case aggregates as a tree of their sets' conditions: aggregates whose conditions begin alike (受理 …,
 * 结案 …) share the nodes of that beginning, so each condition is asked once per case, and a case that fails
 * one skips every aggregate below it. An aggregate hangs where its conditions end.
 */
interface CondNode {
  cond: Fn;
  aggs: CompiledAggregate[];
  kids: CondNode[];
}

function addToTree(root: CondNode, a: CompiledAggregate): void {
  let node = root;
  for (const w of a.where) {
    let kid = node.kids.find((k) => k.cond === w);
    if (!kid) node.kids.push((kid = { cond: w, aggs: [], kids: [] }));
    node = kid;
  }
  node.aggs.push(a);
}

/** Jobs over one as-of day and one window: one cursor. */
interface Lane {
  cursor: Cursor;
  /** Case aggregates by their sets' conditions; the root's own condition is never asked. */
  caseAggs: CondNode;
  /** Event aggregates by event type code. */
  eventAggs: CompiledAggregate[][];
  hasEventAggs: boolean;
  rules: RuleCheck[];
}

/** Lanes at one as-of day: the first moves, the others follow it. */
interface Moment {
  asOf: Day;
  lanes: Lane[];
  hasEvents: boolean;
  /** 1 for each event type code some lane's event aggregates read: the other events are passed over. */
  eventTypes: Uint8Array;
}

export function runOnePass(
  ir: PlanIR,
  store: CaseStore,
  compiler: ExprCompiler,
  jobs: { aggregates: AggregateJob[]; rules: RuleJob[] },
  staffing: StaffingRow[],
  onProgress?: (done: number, total: number) => void,
): { aggregates: Record<string, AggregateResult[]>; rules: Record<string, RuleResult> } {
  const lanes = new Map<string, Lane>();
  const laneFor = (asOf: Day, from: Day, to: Day): Lane => {
    const end = Math.min(asOf, to);
    const key = `${asOf}|${from}|${end}`;
    let l = lanes.get(key);
    if (!l) {
      l = {
        cursor: new Cursor(store, asOf, from, end),
        caseAggs: { cond: () => true, aggs: [], kids: [] },
        eventAggs: store.eventTypes.map(() => []),
        hasEventAggs: false,
        rules: [],
      };
      lanes.set(key, l);
    }
    return l;
  };

  const aggResults = new Map<string, Map<string, AggregateResult>>();
  for (const j of jobs.aggregates) {
    const results = new Map<string, AggregateResult>();
    aggResults.set(j.key, results);
    for (const node of j.nodes) {
      if (results.has(node.key)) continue;
      const res = newResult(store, node.key);
      results.set(node.key, res);
      if (node.set.domain === 'staffing') {
        staffingAggregate(store, node, res, staffing, j.asOf);
        continue;
      }
      const lane = laneFor(j.asOf, j.from, j.to);
      const ca: CompiledAggregate = {
        node,
        where: node.set.where.map((w) => compiler.compile(w)),
        value: node.value ? compiler.compile(node.value) : null,
        res,
      };
      if (node.set.domain === 'event') {
        const wanted = node.set.types;
        store.eventTypes.forEach((t, k) => {
          if (wanted.includes(t)) {
            lane.eventAggs[k]!.push(ca);
            lane.hasEventAggs = true;
          }
        });
      } else addToTree(lane.caseAggs, ca);
    }
  }
  const rules = new Map(ir.rules.map((r) => [r.name, r]));
  const checks: RuleCheck[] = [];
  for (const j of jobs.rules) {
    const r = rules.get(j.rule);
    if (!r) continue;
    const check = new RuleCheck(store, compiler, r, j);
    checks.push(check);
    laneFor(j.asOf, j.from, j.to).rules.push(check);
  }

  // Latest as-of day first: a case not yet filed at one is not filed at any earlier one.
  const moments: Moment[] = [];
  for (const l of lanes.values()) {
    let m = moments.find((x) => x.asOf === l.cursor.asOf);
    if (!m)
      moments.push(
        (m = { asOf: l.cursor.asOf, lanes: [], hasEvents: false, eventTypes: new Uint8Array(l.eventAggs.length) }),
      );
    m.lanes.push(l);
    m.hasEvents ||= l.hasEventAggs;
    l.eventAggs.forEach((aggs, ty) => {
      if (aggs.length > 0) m.eventTypes[ty] = 1;
    });
  }
  moments.sort((a, b) => b.asOf - a.asOf);

  const teamNone = store.teams.length;
  const filed = store.filed;
  const step = Math.max(1024, Math.ceil(store.n / 100));
  let tell = onProgress ? step : Number.POSITIVE_INFINITY;
  for (let i = 0; i < store.n; i++) {
    if (i === tell) {
      onProgress!(i, store.n);
      tell += step;
    }
    const f = filed[i]!;
    const court = store.court[i]!,
      handler = store.handler[i]!,
      t = store.team[i]!;
    const team = t === NONE ? teamNone : t;
    for (const m of moments) {
      if (f > m.asOf) break; // not yet filed at this as-of day: the case does not exist
      const lead = m.lanes[0]!.cursor;
      lead.moveTo(i);
      for (const lane of m.lanes) {
        const cursor = lane.cursor;
        if (cursor !== lead) cursor.follow(lead);
        visitTree(lane.caseAggs, cursor, court, handler, team);
        for (const r of lane.rules) r.visit(cursor);
      }
      if (!m.hasEvents) continue;
      const end = lead.evEnd;
      for (let k = store.evStart[i]!; k < end; k++) {
        const ty = store.evType[k]!;
        if (m.eventTypes[ty] !== 1) continue;
        for (const lane of m.lanes) {
          const aggs = lane.eventAggs[ty]!;
          if (aggs.length === 0) continue;
          const cursor = lane.cursor;
          cursor.e = k;
          for (const a of aggs) {
            const v = memberValue(a, cursor);
            if (v !== null) addMember(a.res, court, handler, team, v);
          }
          cursor.e = -1;
        }
      }
    }
  }
  onProgress?.(store.n, store.n);
  for (const lane of lanes.values()) forEachAggregate(lane.caseAggs, (a) => a.value === null && countsOf(a.res));

  const out: { aggregates: Record<string, AggregateResult[]>; rules: Record<string, RuleResult> } = {
    aggregates: {},
    rules: {},
  };
  for (const j of jobs.aggregates) {
    const res = aggResults.get(j.key)!;
    out.aggregates[j.key] = j.nodes.map((n) => res.get(n.key)!);
  }
  for (const c of checks)
    out.rules[c.job.key] = {
      key: c.job.key,
      checked: c.checked,
      failed: c.failed,
      warned: c.warned,
      byCondition: c.byCondition,
      failures: c.failures,
    };
  return out;
}

function forEachAggregate(node: CondNode, f: (a: CompiledAggregate) => void): void {
  node.aggs.forEach(f);
  for (const kid of node.kids) forEachAggregate(kid, f);
}

/** Adds the case under the cursor to the aggregates of `node` and, for each child whose condition it meets,
 *  below it. */
function visitTree(node: CondNode, cursor: Cursor, court: number, handler: number, team: number): void {
  for (const a of node.aggs) {
    if (a.value === null) {
      addCount(a.res, court, handler, team);
      continue;
    }
    const v = memberValue(a, cursor, NO_CONDITIONS);
    if (v !== null) addMember(a.res, court, handler, team, v);
  }
  for (const kid of node.kids) if (kid.cond(cursor) === true) visitTree(kid, cursor, court, handler, team);
}
const NO_CONDITIONS: Fn[] = [];

/** A member of a count: its sums are its member counts, copied into them once the pass is done (countsOf). */
function addCount(r: AggregateResult, court: number, handler: number, team: number): void {
  r.sum.overall[0]! += 1;
  r.sum.court[court]! += 1;
  r.sum.handler[handler]! += 1;
  r.sum.team[team]! += 1;
}

/** The member counts of a count the pass added to with addCount. */
function countsOf(r: AggregateResult): void {
  r.n.overall.set(r.sum.overall);
  r.n.court.set(r.sum.court);
  r.n.handler.set(r.sum.handler);
  r.n.team.set(r.sum.team);
}
