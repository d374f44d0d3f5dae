// An event condition of one as-of date's shared pre-aggregation (case-events.ts) split so that the events can
// be aggregated without their case: the terms that read only the event (its type, date against constants,
// amount, note) stay in the aggregate; the terms that bound the event's date by the case (`日期 <= 结案日期`,
// `日期 >= 立案日期`, `日期 <= 立案日期 + 3日`) are applied afterwards, once per case, to the MIN, MAX and count of
// the events meeting the rest:
// - an earliest date with upper bounds only is the plain earliest date where it meets them (if it does not,
//   no later date does);
// - where the earliest date meets every lower bound (and, for a count, the latest every upper bound), every
//   event meets those bounds, so the earliest date (the count) is the plain one, or none where an upper bound fails;
// - otherwise the case is uncertain — some events meet a bound and some may not — and its value is computed
//   exactly, over its own events joined to it, for the few cases so picked.
import type { IRExpr } from '../ir/types.js';
import { forEachChild, usesEvent } from '../eval/expr.js';

/** A bound on the event's date: `date op other`, `other` an expression of the case (never of the event). */
export interface DayBound {
  op: '<' | '<=' | '>' | '>=';
  other: IRExpr;
}

/** Does an expression read the case (a field, its tags, its other events, a rule over it)? */
export function usesCase(ir: IRExpr): boolean {
  switch (ir.op) {
    case 'field':
    case 'contains':
    case 'has':
    case 'eventCount':
    case 'first':
    case 'passes':
    case 'call':
      return true;
    default: {
      let found = false;
      forEachChild(ir, (c) => {
        if (!found && usesCase(c)) found = true;
      });
      return found;
    }
  }
}

const isDay = (ir: IRExpr): boolean => ir.op === 'eventField' && ir.name === 'date';
const FLIP = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const;

/** The conjuncts of a condition, a range on the event's date as its two bounds. */
function conjuncts(ir: IRExpr): IRExpr[] {
  if (ir.op === 'and') return ir.args.flatMap(conjuncts);
  if (ir.op === 'inRange' && isDay(ir.subject))
    return [
      { op: 'cmp', cmp: '>=', left: ir.subject, right: ir.from },
      { op: 'cmp', cmp: '<=', left: ir.subject, right: ir.to },
    ];
  return [ir];
}

/** A term as a bound of the event's date by the case, or null. */
function boundOf(t: IRExpr): DayBound | null {
  if (t.op !== 'cmp' || t.cmp === '=' || t.cmp === '!=') return null;
  if (isDay(t.left) && !usesEvent(t.right)) return { op: t.cmp, other: t.right };
  if (isDay(t.right) && !usesEvent(t.left)) return { op: FLIP[t.cmp], other: t.left };
  return null;
}

/**
 * A condition that reads the case as the event's terms and the bounds of its date by the case; null where
 * some term reading the case is not such a bound (the condition then needs the events joined to their case).
 */
export function splitDayBounds(where: IRExpr): { event: IRExpr[]; bounds: DayBound[] } | null {
  const event: IRExpr[] = [];
  const bounds: DayBound[] = [];
  for (const t of conjuncts(where)) {
    if (!usesCase(t)) {
      event.push(t);
      continue;
    }
    const b = boundOf(t);
    if (!b) return null;
    bounds.push(b);
  }
  return { event, bounds };
}

export const isLower = (b: { op: DayBound['op'] }): boolean => b.op === '>' || b.op === '>=';

/** `v` meets the bound (SQL: null where the bound is null). */
export const meets = (v: string, b: { op: DayBound['op']; sql: string }): string => `(${v} ${b.op} ${b.sql})`;
