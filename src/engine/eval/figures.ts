// Figures from aggregate results: an indicator's value with its numerator and denominator in one group,
// and plan-level conditions (a milestone's `当 …`). Shared by evaluation and replay.
import type { IRExpr } from '../ir/types.js';
import type { Figure } from '../report/model.js';
import { aggregateValue, type AggregateNode, type AggregateResult, type GroupKind } from './aggregate.js';

export function figureOf(
  expr: IRExpr,
  res: Map<string, AggregateResult>,
  nodes: Map<string, AggregateNode>,
  kind: GroupKind,
  g: number,
): Figure {
  return figureReader(expr, nodes)(res, kind, g);
}

/** A figure (or a value) read from one point's results; see figureReader. */
export type FigureReader = (res: Map<string, AggregateResult>, kind: GroupKind, g: number) => Figure;
type ValueReader = (res: Map<string, AggregateResult>, kind: GroupKind, g: number) => number;

/**
 * figureOf for one expression over one table of its aggregates, with the aggregates looked up once: a replay
 * reads each indicator at every step in every court. The results are looked up by the node's own key.
 */
export function figureReader(expr: IRExpr, nodes: Map<string, AggregateNode>): FigureReader {
  if (expr.op === 'arith' && expr.arith === '/') {
    const left = valueReader(expr.left, nodes),
      right = valueReader(expr.right, nodes);
    return (res, kind, g) => {
      const num = left(res, kind, g),
        den = right(res, kind, g);
      return {
        numerator: num,
        denominator: den,
        value: den === 0 || Number.isNaN(num) || Number.isNaN(den) ? null : num / den,
      };
    };
  }
  if (expr.op === 'mean') {
    const node = nodes.get(keyOf(expr))!;
    return (res, kind, g) => {
      const r = res.get(node.key)!;
      const n = r.n[kind][g] ?? 0,
        raw = r.sum[kind][g] ?? 0;
      const s = node.money ? raw / 100 : raw;
      return { numerator: s, denominator: n, value: n === 0 ? null : s / n };
    };
  }
  const val = valueReader(expr, nodes);
  return (res, kind, g) => {
    const v = val(res, kind, g);
    return { numerator: v, denominator: null, value: Number.isNaN(v) ? null : v };
  };
}

/** Evaluates a plan-level expression (aggregates, their arithmetic and comparisons) in one group. */
const KEYS = new WeakMap<IRExpr, string>();
/** An aggregate's key (its JSON), computed once per IR node. */
function keyOf(e: IRExpr): string {
  let k = KEYS.get(e);
  if (k === undefined) {
    k = JSON.stringify(e);
    KEYS.set(e, k);
  }
  return k;
}

export function planValue(
  e: IRExpr,
  res: Map<string, AggregateResult>,
  nodes: Map<string, AggregateNode>,
  kind: GroupKind,
  g: number,
): number {
  return valueReader(e, nodes)(res, kind, g);
}

function valueReader(e: IRExpr, nodes: Map<string, AggregateNode>): ValueReader {
  switch (e.op) {
    case 'count':
    case 'sum':
    case 'mean': {
      const node = nodes.get(keyOf(e));
      if (!node) return () => NaN;
      return (res, kind, g) => {
        const r = res.get(node.key);
        return r ? aggregateValue(node, r, kind, g) : NaN;
      };
    }
    case 'lit': {
      const v = typeof e.value === 'number' ? e.value : NaN;
      return () => v;
    }
    case 'neg': {
      const arg = valueReader(e.arg, nodes);
      return (res, kind, g) => -arg(res, kind, g);
    }
    case 'arith': {
      const left = valueReader(e.left, nodes),
        right = valueReader(e.right, nodes),
        op = e.arith;
      return (res, kind, g) => {
        const a = left(res, kind, g),
          b = right(res, kind, g);
        return op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : b === 0 ? NaN : a / b;
      };
    }
    default:
      return () => NaN;
  }
}

export function planBool(
  e: IRExpr,
  res: Map<string, AggregateResult>,
  nodes: Map<string, AggregateNode>,
  kind: GroupKind,
  g: number,
): boolean {
  switch (e.op) {
    case 'and':
      return e.args.every((a) => planBool(a, res, nodes, kind, g));
    case 'or':
      return e.args.some((a) => planBool(a, res, nodes, kind, g));
    case 'not':
      return !planBool(e.arg, res, nodes, kind, g);
    case 'cmp': {
      const a = planValue(e.left, res, nodes, kind, g),
        b = planValue(e.right, res, nodes, kind, g);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      switch (e.cmp) {
        case '=':
          return a === b;
        case '!=':
          return a !== b;
        case '<':
          return a < b;
        case '<=':
          return a <= b;
        case '>':
          return a > b;
        case '>=':
          return a >= b;
      }
    }
    // falls through: a plan-level condition is made of the cases above
    default:
      return false;
  }
}
