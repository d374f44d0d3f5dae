// Where playing the as-of slider stops: the replay's own step dates (each month's end by 月, every 7th day
// by 周, every day by 日, always ending on the range's end) and every deadline in between — a stage's or a
// milestone's — so that a due date is always a frame, never stepped over.
import type { PlanReport } from '../report/model.js';
import { formatDay, parseIsoDay } from '../time/calendar.js';
import { stepDates } from './replay.js';
import type { Step } from './types.js';

/** The stop dates in [from, to]: step dates and deadlines, sorted, each once. Empty when the range is backwards. */
export function playStops(from: string, to: string, step: Step, deadlines: Iterable<string>): string[] {
  const a = parseIsoDay(from),
    b = parseIsoDay(to);
  if (a === null || b === null || b < a) return [];
  const out = new Set(stepDates(a, b, step).map(formatDay));
  for (const d of deadlines) {
    const n = parseIsoDay(d);
    if (n !== null && n >= a && n <= b) out.add(formatDay(n));
  }
  return [...out].sort();
}

/** The first stop after `current`; null when there is none. */
export function nextStop(stops: readonly string[], current: string): string | null {
  return stops.find((d) => d > current) ?? null;
}

/** Every deadline a report knows: its targets' stage deadlines, its milestones' and tasks' due dates. */
export function reportDeadlines(r: Pick<PlanReport, 'targets' | 'tasks'>): string[] {
  const out: string[] = [];
  for (const t of r.targets) for (const s of t.stages) if (s.by) out.push(s.by);
  for (const t of r.tasks) {
    if (t.due) out.push(t.due);
    for (const m of t.milestones) out.push(m.due);
  }
  return out;
}
