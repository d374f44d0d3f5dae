// ISO dates on the page (the as-of slider, the timeline): day arithmetic without time zones.
import { formatDay, parseIsoDay } from '../engine/time/calendar.js';

export function addDaysIso(iso: string, days: number): string {
  const d = parseIsoDay(iso);
  return d === null ? iso : formatDay(d + days);
}

export function daysBetween(from: string, to: string): number {
  const a = parseIsoDay(from),
    b = parseIsoDay(to);
  return a === null || b === null ? 0 : b - a;
}

/** Today's date where the page runs, as YYYY-MM-DD. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
