// Comparisons the compiler (expr.ts) builds without the general null test of mixed values, for operands
// whose kind is known: dates as day numbers (NO_DAY for null, never NaN) and 结案方式 / 类型 by their codes.
// Each gives the same answer as the general comparison would.
import type { IRExpr } from '../ir/types.js';
import type { CaseStore } from '../data/store.js';
import { CASE_TYPES, CLOSURES } from '../domain/vocabulary.js';
import { NO_DAY } from '../time/calendar.js';
/** What these closures read of a cursor (expr.ts's Cursor). */
export interface DayCursor {
  readonly i: number;
  readonly from: number;
  readonly end: number;
  readonly asOf: number;
  closed(): number;
}
export type DayFn = (c: DayCursor) => number;
type Test = (c: DayCursor) => boolean;
/** A date plus durations (expr.ts's durationChain), compiled; null for anything else. */
export type DaySum = (ir: IRExpr) => DayFn | null;

/**
 * A closure that reads a date as a day number (NO_DAY for null, never NaN), for what is known to be one:
 * 立案日期, 结案日期, the window's bounds, a date literal, a date plus durations. Comparisons of two of
 * them skip the general null test of mixed values.
 */
export function dayOf(ir: IRExpr, s: CaseStore, daySum: DaySum): DayFn | null {
  if (ir.op === 'field' && ir.name === 'filed') return (c) => s.filed[c.i]!;
  if (ir.op === 'field' && ir.name === 'closed') return (c) => c.closed();
  if (ir.op === 'window')
    return ir.which === 'start' ? (c) => c.from : ir.which === 'end' ? (c) => c.end : (c) => c.asOf;
  if (ir.op === 'lit' && ir.type === 'date' && typeof ir.value === 'number') {
    const v = ir.value;
    return () => v;
  }
  return daySum(ir);
}

/** `结案方式 = 终本`, `类型 = 首执`: the case's code compared with the literal's, no strings read. */
export function codeEquals(ir: Extract<IRExpr, { op: 'cmp' }>, s: CaseStore): Test | null {
  if (ir.cmp !== '=' || ir.left.op !== 'field' || ir.right.op !== 'lit' || typeof ir.right.value !== 'string')
    return null;
  if (ir.left.name === 'closure') {
    const code = (CLOSURES as readonly string[]).indexOf(ir.right.value);
    return code < 0 ? () => false : (c) => s.closure[c.i] === code && c.closed() !== NO_DAY;
  }
  if (ir.left.name === 'type') {
    const code = (CASE_TYPES as readonly string[]).indexOf(ir.right.value);
    return code < 0 ? () => false : (c) => s.type[c.i] === code;
  }
  return null;
}

/** `结案方式 属于 (执行完毕, 终结执行)`: 1 for each closure code among the options (null is never one). */
export function closureSet(ir: Extract<IRExpr, { op: 'oneOf' }>): Uint8Array | null {
  if (ir.subject.op !== 'field' || ir.subject.name !== 'closure') return null;
  const set = new Uint8Array(256);
  for (const o of ir.options) {
    if (o.op !== 'lit' || typeof o.value !== 'string') return null;
    const code = (CLOSURES as readonly string[]).indexOf(o.value);
    if (code >= 0) set[code] = 1;
  }
  return set;
}

/** Two days compared; a null (NO_DAY) on either side is false, as in `cmp`. */
export function dayCmp(ir: Extract<IRExpr, { op: 'cmp' }>, s: CaseStore, daySum: DaySum): Test | null {
  if (ir.cmp === '!=') return null;
  const l = dayOf(ir.left, s, daySum),
    r = dayOf(ir.right, s, daySum);
  if (!l || !r) return null;
  switch (ir.cmp) {
    case '=':
      return (c) => {
        const a = l(c);
        return a !== NO_DAY && a === r(c);
      };
    case '<':
      return (c) => {
        const a = l(c);
        if (a === NO_DAY) return false;
        const b = r(c);
        return b !== NO_DAY && a < b;
      };
    case '<=':
      return (c) => {
        const a = l(c);
        if (a === NO_DAY) return false;
        const b = r(c);
        return b !== NO_DAY && a <= b;
      };
    case '>':
      return (c) => {
        const a = l(c);
        if (a === NO_DAY) return false;
        const b = r(c);
        return b !== NO_DAY && a > b;
      };
    case '>=':
      return (c) => {
        const a = l(c);
        if (a === NO_DAY) return false;
        const b = r(c);
        return b !== NO_DAY && a >= b;
      };
  }
}
