// The cases behind a number: for an indicator in one group at an as-of date, which cases count in its
// numerator and denominator and which of their events. One generator serves `luoshi explain` and the
// workbench's cases view, with the evaluator's own closures, so a list always agrees with its figure.
import type { IRExpr, IRWindow, PlanIR } from '../ir/types.js';
import type { CaseStore } from '../data/store.js';
import { caseId } from '../data/store.js';
import { parseIsoDay } from '../time/calendar.js';
import { Cursor, type ExprCompiler, type Fn } from './expr.js';
import { collectAggregates, type AggregateNode } from './aggregate.js';
import { compilerFor } from './jobs.js';
import { windowAt } from './window.js';
import type { EvalHooksLike } from '../tester/verdict.js';

export class ExplainError extends Error {}

export interface MembersQuery {
  indicator: string;
  asOf: string;
  /** The window: the plan's period by default (a target's window for a target's figure). */
  window?: IRWindow | null;
  /** A court's full name, a handler or a team; all cases when absent. */
  group?: { kind: 'court' | 'handler' | 'team'; value: string };
}

export interface Member {
  /** The case's index in the store. */
  i: number;
  inNumerator: boolean;
  inDenominator: boolean;
  /** How many of its members (1 for a case set, its counted events for an event set) each side has. */
  numeratorCount: number;
  denominatorCount: number;
  /** Indices into the case's events of the events that count on either side. */
  events: number[];
}

interface Side {
  nodes: Array<{ where: Fn[]; types: Set<string> | null }>;
}

function sideOf(compiler: ExprCompiler, e: IRExpr | null): Side | null {
  if (!e) return null;
  const m = new Map<string, AggregateNode>();
  collectAggregates(e, m);
  return {
    nodes: [...m.values()]
      .filter((n) => n.set.domain !== 'staffing')
      .map((node) => ({
        where: node.set.where.map((w) => compiler.compile(w)),
        types: node.set.domain === 'event' ? new Set(node.set.types) : null,
      })),
  };
}

/** How many members of the side the case under the cursor is (0 = not in it); counted events go to `events`. */
function count(s: Side, cur: Cursor, store: CaseStore, events: number[]): number {
  let n = 0;
  for (const { where, types } of s.nodes) {
    if (!types) {
      if (where.every((w) => w(cur) === true)) n++;
      continue;
    }
    for (let k = store.evStart[cur.i]!; k < cur.evEnd; k++) {
      if (!types.has(store.eventTypes[store.evType[k]!]!)) continue;
      cur.e = k;
      if (where.every((w) => w(cur) === true)) {
        n++;
        events.push(k - store.evStart[cur.i]!);
      }
    }
    cur.e = -1;
  }
  return n;
}

/** Every case of the group in the indicator's numerator or denominator, in store order. */
export function* indicatorMembers(
  ir: PlanIR,
  store: CaseStore,
  q: MembersQuery,
  compiler: ExprCompiler = compilerFor(ir, store),
): Generator<Member> {
  const ind = ir.indicators.find((i) => i.name === q.indicator);
  if (!ind) throw new ExplainError(`未定义的指标 / unknown indicator "${q.indicator}"`);
  const T = parseIsoDay(q.asOf);
  if (T === null) throw new ExplainError(`invalid as-of date ${q.asOf}`);
  const ratio = ind.expr.op === 'arith' && ind.expr.arith === '/';
  const num = sideOf(compiler, ind.expr.op === 'arith' && ratio ? ind.expr.left : ind.expr)!;
  const den = sideOf(compiler, ind.expr.op === 'arith' && ratio ? ind.expr.right : null);
  const win = windowAt(ir, q.window ?? null, T);
  const dict = q.group
    ? q.group.kind === 'court'
      ? store.courts
      : q.group.kind === 'handler'
        ? store.handlers
        : store.teams
    : null;
  const code = q.group ? dict!.indexOf(q.group.value) : -1;
  if (q.group && code < 0) return;
  const column = q.group
    ? q.group.kind === 'court'
      ? store.court
      : q.group.kind === 'handler'
        ? store.handler
        : store.team
    : null;
  const cur = new Cursor(store, T, win.from, Math.min(T, win.to), win.to);
  const events: number[] = [];
  for (let i = 0; i < store.n; i++) {
    if (store.filed[i]! > T || (column && column[i] !== code)) continue;
    cur.moveTo(i);
    events.length = 0;
    const n = count(num, cur, store, events);
    const d = den ? count(den, cur, store, events) : 0;
    if (n === 0 && d === 0) continue;
    yield {
      i,
      inNumerator: n > 0,
      inDenominator: d > 0,
      numeratorCount: n,
      denominatorCount: d,
      events: [...new Set(events)].sort((a, b) => a - b),
    };
  }
}

export function hasDenominator(ir: PlanIR, indicator: string): boolean {
  const ind = ir.indicators.find((i) => i.name === indicator);
  return !!ind && ind.expr.op === 'arith' && ind.expr.arith === '/';
}

export type ExplainPart = 'numerator' | 'denominator' | 'missing';

export interface ExplainQuery extends MembersQuery {
  part: ExplainPart;
  limit?: number;
}

export interface ExplainResult {
  indicator: string;
  part: ExplainPart;
  /** Cases (for event indicators: the cases holding the counted events), in store order. */
  total: number;
  ids: string[];
  /** For event indicators: how many events each listed case contributes. */
  events?: number[];
}

/** `luoshi explain`: the ids behind a numerator, a denominator, or the gap between them ("missing"). */
/** An indicator by its name or one of its other names (`执结率` → 结案率). */
export function indicatorNamed(ir: PlanIR, name: string): PlanIR['indicators'][number] | undefined {
  return ir.indicators.find((i) => i.name === name) ?? ir.indicators.find((i) => i.aliases.includes(name));
}

export function explainIndicator(
  ir: PlanIR,
  store: CaseStore,
  query: ExplainQuery,
  hooks: EvalHooksLike = {},
): ExplainResult {
  const ind = indicatorNamed(ir, query.indicator);
  if (!ind) throw new ExplainError(`未定义的指标 / unknown indicator "${query.indicator}"`);
  const q = { ...query, indicator: ind.name };
  if (q.part !== 'numerator' && !hasDenominator(ir, q.indicator))
    throw new ExplainError(`指标“${q.indicator}”没有分母 / "${q.indicator}" has no denominator`);
  const m = new Map<string, AggregateNode>();
  collectAggregates(ind.expr, m);
  const eventDomain = [...m.values()].some((n) => n.set.domain === 'event');
  const limit = q.limit ?? 100;
  const ids: string[] = [],
    events: number[] = [];
  let total = 0;
  // The plan's functions (std's 工作日数, a plugin's) and calendar, as the evaluator has them.
  for (const mem of indicatorMembers(ir, store, q, compilerFor(ir, store, hooks.addWorkdays, hooks.functions))) {
    const n =
      q.part === 'numerator'
        ? mem.numeratorCount
        : q.part === 'denominator'
          ? mem.denominatorCount
          : Math.max(0, mem.denominatorCount - mem.numeratorCount);
    if (n === 0) continue;
    total++;
    if (ids.length < limit) {
      ids.push(caseId(store, mem.i));
      events.push(n);
    }
  }
  return { indicator: q.indicator, part: q.part, total, ids, ...(eventDomain ? { events } : {}) };
}
