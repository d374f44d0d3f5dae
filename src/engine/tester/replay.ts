// Replay for plan tests: a target's status at each step of a date range, from the engine's incremental
// replay (engine/replay/replay.ts). The runner takes the replay as a function so the harness may run it
// elsewhere (worker threads) with the same result.
import type { ReplayResult } from '../replay/types.js';
import { replayPlan, stepDates, type ReplayInput } from '../replay/replay.js';
import type { TargetStatus } from '../report/model.js';
import { formatDay, parseIsoDay } from '../time/calendar.js';

export type { ReplayInput };

/** What a test needs of a replay: the step dates and, per target, the status at each step (overall and per court). */
export type ReplayFn = (
  input: ReplayInput,
) => Pick<ReplayResult, 'dates' | 'targets'> | Promise<Pick<ReplayResult, 'dates' | 'targets'>>;

export const engineReplay: ReplayFn = (input) => replayPlan(input);

/** The replay's step dates as 'YYYY-MM-DD' (the engine's rule: week = every 7th day, month = month ends, always ending on `to`). */
export function replayDates(from: string, to: string, step: ReplayInput['step']): string[] {
  return stepDates(parseIsoDay(from)!, parseIsoDay(to)!, step).map(formatDay);
}

/** The first date whose status is `status`, or null. */
export function firstWith(
  dates: readonly string[],
  statuses: readonly TargetStatus[],
  status: TargetStatus,
): string | null {
  const k = statuses.indexOf(status);
  return k < 0 ? null : (dates[k] ?? null);
}
