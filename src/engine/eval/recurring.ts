// The instances of a recurring duty (每周 / 每月 / 每季度 / 每半年 / 每年) that fall due in the plan's period
// by the as-of date: each instance is a calendar week (Monday to Sunday), month, quarter, half-year or year,
// and a progress report dated inside it fulfils it. A weekly duty with a day (每周五) is due on that day of
// its week, the others at their instance's end. `定期` (period unstated) has no instances: it is recorded,
// never checked.
import type { RecurEvery } from '../ir/types.js';
import { dayOf, formatDay, yearOf, type Day } from '../time/calendar.js';
import type { Window } from './window.js';

export interface RecurInstance {
  label: string;
  from: Day;
  to: Day;
}

/** 1 = Monday … 7 = Sunday (day 0, 1970-01-01, was a Thursday). */
export const weekdayOf = (day: Day): number => ((((day + 3) % 7) + 7) % 7) + 1;

const MONTHS: Record<Exclude<RecurEvery, 'week' | 'unstated'>, number> = {
  month: 1,
  quarter: 3,
  halfyear: 6,
  year: 12,
};

/** The instances of a duty due by T (at most 1200), in order. */
export function recurInstances(every: RecurEvery, day: number | null, period: Window, T: Day): RecurInstance[] {
  if (every === 'unstated') return [];
  const instances: RecurInstance[] = [];
  if (every === 'week') {
    for (
      let from = period.from - (weekdayOf(period.from) - 1);
      from <= period.to && instances.length < 1200;
      from += 7
    ) {
      const due = from + (day ?? 7) - 1;
      if (due <= T) instances.push({ label: `${formatDay(from)}周`, from, to: from + 6 });
    }
    return instances;
  }
  const months = MONTHS[every];
  let y = yearOf(period.from);
  let m = +formatDay(period.from).slice(5, 7);
  m = Math.floor((m - 1) / months) * months + 1;
  for (let guard = 0; guard < 1200; guard++) {
    const from = dayOf(y, m, 1);
    let ny = y,
      nm = m + months;
    if (nm > 12) {
      ny += 1;
      nm -= 12;
    }
    const to = dayOf(ny, nm, 1) - 1;
    if (from > period.to) break;
    if (to <= T) instances.push({ label: months === 12 ? `${y}` : `${y}-${String(m).padStart(2, '0')}`, from, to });
    y = ny;
    m = nm;
  }
  return instances;
}

const EVERY_WORD: Record<RecurEvery, string> = {
  week: '每周',
  month: '每月',
  quarter: '每季度',
  halfyear: '每半年',
  year: '每年',
  unstated: '定期',
};

/** The plan's word for a duty's schedule: 每月, 每周五, 定期. */
export const recurWord = (every: RecurEvery, day: number | null | undefined): string =>
  every === 'week' && day ? `每周${'一二三四五六日'[day - 1]}` : EVERY_WORD[every];
