// Working-day calendars: the weekly rule (Saturday and Sunday off), a plugin's holidays and make-up
// working days (调休), or a plugin's own `isWorkday`. "7个工作日" in a plan is counted with the calendar
// the configuration names (luoshi.config.yaml `calendar:`); the default is Monday–Friday.
import { NO_DAY, formatDay, parseIsoDay, type Day } from '../time/calendar.js';
import type { CalendarApi, CalendarDecl } from './api.js';

export interface Calendar {
  readonly id: string;
  isWorkday(day: Day): boolean;
}

/** Longest run of days off a calendar may have: beyond it, the calendar is broken (it would never end). */
const MAX_DAYS_OFF = 3660;

const weekday = (d: Day): number => (((d + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday

/** 'YYYY-MM-DD' and 'YYYY-MM-DD..YYYY-MM-DD' items as day numbers; malformed items are returned apart. */
export function parseDateList(items: readonly string[]): { days: Set<Day>; bad: string[] } {
  const days = new Set<Day>(),
    bad: string[] = [];
  for (const item of items) {
    const [a, b, ...rest] = item.split('..').map((s) => s.trim());
    const from = parseIsoDay(a ?? ''),
      to = b === undefined ? from : parseIsoDay(b);
    if (from === null || to === null || rest.length > 0 || to < from || to - from > 366) {
      bad.push(item);
      continue;
    }
    for (let d = from; d <= to; d++) days.add(d);
  }
  return { days, bad };
}

/** A calendar from a manifest's declaration: the weekly rule, then holidays off and make-up days on. */
export function declaredCalendar(decl: CalendarDecl): Calendar {
  const holidays = parseDateList(decl.holidays ?? []).days;
  const workdays = parseDateList(decl.workdays ?? []).days;
  const weekend = new Set(decl.weekend ?? [0, 6]);
  return {
    id: decl.id,
    isWorkday: (d) => (workdays.has(d) ? true : holidays.has(d) ? false : !weekend.has(weekday(d))),
  };
}

/** Monday–Friday, no holidays: the default. */
export const WEEKDAYS: Calendar = {
  id: 'weekdays',
  isWorkday: (d) => {
    const w = weekday(d);
    return w !== 0 && w !== 6;
  },
};

/** A plugin's `isWorkday(date)` over day numbers, remembered per day (it is asked about the same days often). */
export function providedCalendar(id: string, isWorkday: (date: string) => boolean): Calendar {
  const memo = new Map<Day, boolean>();
  return {
    id,
    isWorkday: (d) => {
      let v = memo.get(d);
      if (v === undefined) {
        const r = isWorkday(formatDay(d));
        if (typeof r !== 'boolean')
          throw new Error(`isWorkday("${formatDay(d)}") returned ${JSON.stringify(r)}, not true or false`);
        v = r;
        memo.set(d, v);
      }
      return v;
    },
  };
}

/** `day` plus n working days (n < 0: back); the evaluator's `addWorkdays`. */
export function addWorkdays(cal: Calendar, day: Day, n: number): Day {
  if (day === NO_DAY) return NO_DAY;
  const step = n >= 0 ? 1 : -1;
  let left = Math.abs(Math.trunc(n)),
    d = day,
    off = 0;
  while (left > 0) {
    d += step;
    if (cal.isWorkday(d)) {
      left--;
      off = 0;
    } else if (++off > MAX_DAYS_OFF)
      throw new Error(`calendar ${cal.id} has no working day for ten years from ${formatDay(day)}`);
  }
  return d;
}

/** Working days after `from` up to and including `to`; negative when `to` is before `from`. */
export function workdaysBetween(cal: Calendar, from: Day, to: Day): number {
  if (from === NO_DAY || to === NO_DAY) return NaN;
  const [lo, hi, sign] = to >= from ? [from, to, 1] : [to, from, -1];
  if (hi - lo > 366 * 200) return NaN;
  let n = 0;
  for (let d = lo + 1; d <= hi; d++) if (cal.isWorkday(d)) n++;
  return sign * n;
}

/** The calendar as plugins see it: dates as 'YYYY-MM-DD'. */
export function calendarApi(cal: Calendar): CalendarApi {
  const day = (s: string): Day => {
    const d = parseIsoDay(s);
    if (d === null) throw new Error(`not a date YYYY-MM-DD: ${JSON.stringify(s)}`);
    return d;
  };
  return {
    id: cal.id,
    isWorkday: (s) => cal.isWorkday(day(s)),
    addWorkdays: (s, n) => formatDay(addWorkdays(cal, day(s), n)),
    workdaysBetween: (a, b) => workdaysBetween(cal, day(a), day(b)),
  };
}
