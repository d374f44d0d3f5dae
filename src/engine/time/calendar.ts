// Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian, no time of day).
// China Standard Time has no daylight saving, so a calendar date maps to exactly one day number.

/** A day number: whole days since 1970-01-01. */
export type Day = number;

/** Sentinel for a missing date in typed arrays (Int32). */
export const NO_DAY = -2147483648;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

export function isValidDate(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    y >= 1 &&
    y <= 9999 &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

/** Day number of y-m-d (Howard Hinnant's days_from_civil). Caller ensures validity. */
export function dayOf(y: number, m: number, d: number): Day {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface YMD {
  y: number;
  m: number;
  d: number;
}

export function civilOf(day: Day): YMD {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

const digit = (s: string, i: number): number => {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
};

/** Parses `YYYY-MM-DD`; returns null when malformed or impossible (2018-02-30). Hot in the loaders. */
export function parseIsoDay(s: string): Day | null {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const a = digit(s, 0),
    b = digit(s, 1),
    c = digit(s, 2),
    d0 = digit(s, 3),
    e = digit(s, 5),
    f = digit(s, 6),
    g = digit(s, 8),
    h = digit(s, 9);
  if ((a | b | c | d0 | e | f | g | h) < 0) return null;
  const y = a * 1000 + b * 100 + c * 10 + d0,
    mo = e * 10 + f,
    d = g * 10 + h;
  return isValidDate(y, mo, d) ? dayOf(y, mo, d) : null;
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

export function formatDay(day: Day): string {
  const { y, m, d } = civilOf(day);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Adds calendar months; the day is clamped to the target month's end (08-31 + 6 months = 02-28). */
export function addMonths(day: Day, months: number): Day {
  const { y, m, d } = civilOf(day);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  return dayOf(ny, nm, Math.min(d, daysInMonth(ny, nm)));
}

export function endOfMonth(y: number, m: number): Day {
  return dayOf(y, m, daysInMonth(y, m));
}

export function endOfYear(y: number): Day {
  return dayOf(y, 12, 31);
}

export function yearOf(day: Day): number {
  return civilOf(day).y;
}
