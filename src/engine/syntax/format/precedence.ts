// Expression precedence for the formatter: the fewest parentheses that keep the tree.
import type * as A from '../ast.js';

/** Binding strength, as the grammar nests its rules: where < or < and < not < comparison < + - < * / < unary < primary. */
export const Level = { Where: 0, Or: 1, And: 2, Not: 3, Compare: 4, Add: 5, Mul: 6, Unary: 7, Primary: 8 } as const;
/** What follows an expression when nothing that could extend it follows. */
export const SAFE = 99;

export function level(e: A.Expr): number {
  switch (e.kind) {
    case 'Where':
      return Level.Where;
    case 'Binary':
      if (e.op === 'or') return Level.Or;
      if (e.op === 'and') return Level.And;
      if (e.op === '+' || e.op === '-') return Level.Add;
      if (e.op === '*' || e.op === '/') return Level.Mul;
      return Level.Compare;
    case 'Unary':
      return e.op === 'not' ? Level.Not : Level.Unary;
    case 'InWindow':
    case 'InRange':
    case 'OneOf':
    case 'IsNull':
    case 'Contains':
      return Level.Compare;
    default:
      return Level.Primary;
  }
}

/** The operand levels a binary operator needs (left, right): all are left-associative except comparisons. */
export function operandLevels(e: A.Binary): [number, number] {
  const l = level(e);
  if (l === Level.Compare) return [Level.Add, Level.Add];
  return [l, l + 1];
}

/**
 * A `有 T 其中 P` predicate without parentheses is one comparison, and its end may take in what follows
 * (`有 T 其中 a = b + 1` reads `b + 1`). `tail` is the level of the operator printed after the `有` expression.
 */
export function barePredicateFits(p: A.Expr, tail: number): boolean {
  const l = level(p);
  if (l < Level.Compare) return false;
  if (p.kind === 'OneOf' || p.kind === 'IsNull' || p.kind === 'InWindow') return true;
  if (l === Level.Compare) return tail < Level.Add || tail === SAFE;
  return tail < Level.Compare || tail === SAFE;
}
