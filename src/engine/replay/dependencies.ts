// What can change an expression's value for one case as the as-of date T moves: the facts it reads that
// become visible over time (the closure, events of some types) and the expressions whose value is a day on
// which a comparison with T flips (`立案日期 + 3日 <= 截至日` flips on filed + 3; `日期 在 窗口` on the
// date itself). The replay's window pass (./window-pass.ts) finds these per condition, so a case is
// re-evaluated for a condition only on the days that can change that condition.
import type { IRExpr } from '../ir/types.js';
import { forEachChild, usesEvent } from '../eval/expr.js';

/** Which events an event-reading critical expression is read over. */
export type EventScope = 'subject' | readonly string[];

/** An expression whose value (per case, or per event) is a day on which a comparison with T flips. */
export interface Critical {
  expr: IRExpr;
  /** null: read per case; otherwise per event — the aggregated event itself, or the events of these types. */
  events: EventScope | null;
  /** X <= T flips on X, X < T on X + 1. */
  shift: 0 | 1;
}

export interface CriticalSet {
  exprs: Critical[];
  /** False when T is used in a way not recognised: the expression must be evaluated at every step. */
  exhaustive: boolean;
}

/** Where `X op T` (or `T op X` when `tLeft`) flips, relative to X: `X <= T` becomes true on X, `X < T` on
 *  X + 1, `X >= T` becomes false on X + 1, `X > T` on X; `=` and `!=` flip on both. */
function flipShifts(op: string, tLeft: boolean): Array<0 | 1> {
  const xOp = !tLeft ? op : op === '<=' ? '>=' : op === '<' ? '>' : op === '>=' ? '<=' : op === '>' ? '<' : op;
  if (xOp === '<=' || xOp === '>') return [0];
  if (xOp === '<' || xOp === '>=') return [1];
  return [0, 1];
}

const isT = (ir: IRExpr): boolean => ir.op === 'window' && (ir.which === 'end' || ir.which === 'asOf');

function dependsOnT(ir: IRExpr): boolean {
  if (isT(ir) || ir.op === 'inWindow') return true;
  let dep = false;
  forEachChild(ir, (c) => {
    if (dependsOnT(c)) dep = true;
  });
  return dep;
}

/**
 * The critical expressions of `root`. `subjectEvent`: `root` is a condition on an aggregated event (an
 * event set's `其中`), so what reads the event reads that event.
 */
export function criticalExpressions(
  root: IRExpr,
  rules: ReadonlyMap<string, IRExpr[]>,
  subjectEvent: boolean,
): CriticalSet {
  const exprs: Critical[] = [];
  const rulesWalked = new Set<string>();
  let exhaustive = true;
  const seen = new Set<string>();
  const add = (expr: IRExpr, events: EventScope | null, shift: 0 | 1) => {
    if (expr.op === 'lit') return; // a constant flips on a constant day: covered by the step itself
    const scope = events !== null || usesEvent(expr) ? (events ?? 'subject') : null;
    const k = `${JSON.stringify(expr)}|${JSON.stringify(scope)}|${shift}`;
    if (!seen.has(k)) {
      seen.add(k);
      exprs.push({ expr, events: scope, shift });
    }
  };
  const walk = (ir: IRExpr, events: EventScope | null): void => {
    switch (ir.op) {
      case 'cmp': {
        const l = dependsOnT(ir.left),
          r = dependsOnT(ir.right);
        if (l && r) {
          exhaustive = false;
          return;
        }
        if (l || r) {
          const tSide = l ? ir.left : ir.right,
            other = l ? ir.right : ir.left;
          if (!isT(tSide)) {
            exhaustive = false;
            return;
          }
          for (const shift of flipShifts(ir.cmp, l)) add(other, events, shift);
          walk(other, events);
          return;
        }
        break;
      }
      case 'inWindow':
        if (dependsOnT(ir.subject)) {
          exhaustive = false; // a subject that moves with T: no fixed flip day
          return;
        }
        add(ir.subject, events, 0);
        walk(ir.subject, events);
        return;
      case 'inRange':
        if (dependsOnT(ir.from) || dependsOnT(ir.to)) {
          if (dependsOnT(ir.from) || !isT(ir.to) || dependsOnT(ir.subject)) {
            exhaustive = false;
            return;
          }
          add(ir.subject, events, 0);
        }
        break;
      case 'has':
      case 'eventCount':
        if (ir.where) walk(ir.where, ir.types);
        return;
      case 'passes':
        // `符合 R` depends on T wherever R's conditions do (per case, as R is evaluated for the case).
        if (!rulesWalked.has(ir.rule)) {
          rulesWalked.add(ir.rule);
          for (const c of rules.get(ir.rule) ?? []) walk(c, null);
        }
        return;
      case 'count':
      case 'sum':
      case 'mean': {
        // An aggregate nested in a condition: its members are other cases or events, read at every step.
        exhaustive = false;
        return;
      }
      default:
        if (isT(ir)) {
          exhaustive = false;
          return;
        } // T used as a value (not compared): recompute every step
        break;
    }
    forEachChild(ir, (c) => walk(c, events));
  };
  walk(root, subjectEvent ? 'subject' : null);
  return { exprs, exhaustive };
}

/** What an expression reads that becomes visible over time: event types, and whether the closure. */
export interface Deps {
  types: Set<string>;
  closed: boolean;
}

export function depsOf(
  ir: IRExpr,
  rules: ReadonlyMap<string, IRExpr[]>,
  out: Deps = { types: new Set(), closed: false },
  seen = new Set<string>(),
): Deps {
  switch (ir.op) {
    case 'field':
      if (ir.name === 'closed' || ir.name === 'closure') out.closed = true;
      break;
    case 'has':
    case 'eventCount':
    case 'followedBy':
      for (const t of ir.types) out.types.add(t);
      break;
    case 'first':
      out.types.add(ir.type);
      break;
    case 'passes':
      if (!seen.has(ir.rule)) {
        seen.add(ir.rule);
        for (const c of rules.get(ir.rule) ?? []) depsOf(c, rules, out, seen);
      }
      break;
    case 'count':
    case 'sum':
    case 'mean':
      if (ir.set.domain === 'event') for (const t of ir.set.types) out.types.add(t);
      break;
    default:
      break;
  }
  forEachChild(ir, (c) => depsOf(c, rules, out, seen));
  return out;
}
