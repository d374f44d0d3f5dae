// The window an indicator is measured over, as day numbers: the plan's period (all of time when the plan
// has none), an explicit period, or the calendar year of the as-of date. Measured at T it covers
// [from, min(T, to)] (domain §2).
import type { IRTarget, IRWindow, PlanIR } from '../ir/types.js';
import { dayOf, endOfYear, parseIsoDay, yearOf, type Day } from '../time/calendar.js';

export interface Window {
  from: Day;
  to: Day;
}

export const FAR_PAST = dayOf(1900, 1, 1);
export const FAR_FUTURE = dayOf(2999, 12, 31);

export function planWindow(ir: PlanIR): Window {
  const p = ir.plan.period;
  return p ? { from: parseIsoDay(p.from)!, to: parseIsoDay(p.to)! } : { from: FAR_PAST, to: FAR_FUTURE };
}

export function windowAt(ir: PlanIR, w: IRWindow | null, asOf: Day): Window {
  if (w?.kind === 'yearly') {
    const y = yearOf(asOf);
    return { from: dayOf(y, 1, 1), to: endOfYear(y) };
  }
  if (w?.kind === 'period')
    return { from: parseIsoDay(w.from ?? '') ?? FAR_PAST, to: parseIsoDay(w.to ?? '') ?? FAR_FUTURE };
  return planWindow(ir);
}

/** The window a stage of a target is measured over: its own when it gives one, else the target's. */
export function stageWindow(t: IRTarget, stage: IRTarget['stages'][number]): IRWindow {
  return stage.window ?? t.window;
}
