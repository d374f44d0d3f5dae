// Playing the as-of slider: the next date to show is the next stop (src/engine/replay/play-stops.ts) —
// month ends by 月, every 7th day by 周, every day by 日, and every stage and milestone deadline between.
import { nextStop, playStops, reportDeadlines } from '../engine/replay/play-stops.js';
import type { State } from './state.js';

/** The date after the current as-of date that playing shows next; the range's end when none is left. */
export function nextPlayDate(s: Pick<State, 'range' | 'asOf' | 'step' | 'report' | 'replay'>): string | null {
  if (!s.range || !s.asOf) return null;
  const deadlines = [
    ...(s.report ? reportDeadlines(s.report) : []),
    ...(s.replay?.targets.flatMap((t) => t.deadlines) ?? []),
  ];
  return nextStop(playStops(s.range.from, s.range.to, s.step, deadlines), s.asOf) ?? s.range.to;
}
