// Units of number literals: what dimension a number has and its value in the dimension's base unit
// (ratios as fractions, money in yuan, durations in days / months / workdays).
import type { Dimension, Duration } from '../ir/types.js';
import type { NumberLit } from '../syntax/ast.js';

/** A number as written, with its unit: `90%`, `15日`. */
export function numberText(n: NumberLit): string {
  return `${n.digits}${n.unit?.text ?? ''}`;
}

export type UnitValue =
  | { kind: 'number'; dim: Dimension; value: number; unit: string | null }
  | { kind: 'duration'; value: Duration; unit: string };

const RATIO: Record<string, number> = { '%': 100, '％': 100, pct: 100, '‰': 1000, permille: 1000 };
const COUNT = new Set(['件', '次', '人', '人次', 'cases', 'case', 'times', 'persons', 'person']);
const MONEY: Record<string, number> = { 元: 1, yuan: 1, 万元: 1e4, 亿元: 1e8 };
const DAYS = new Set(['日', '天', 'days', 'day']);
const MONTHS = new Set(['个月', 'months', 'month']);
const YEARS = new Set(['年', 'years', 'year']);
const WORKDAYS = new Set(['工作日', '个工作日', 'workdays', 'workday']);

/** Normalises `90%` → ratio 0.9, `5万元` → money 50000, `3个月` → duration {months: 3}. */
export function unitValue(value: number, unit: string | null): UnitValue {
  if (unit === null) return { kind: 'number', dim: 'number', value, unit: null };
  if (unit in RATIO)
    return { kind: 'number', dim: 'ratio', value: value / RATIO[unit]!, unit: unit === '％' ? '%' : unit };
  if (COUNT.has(unit)) return { kind: 'number', dim: 'count', value, unit };
  if (unit in MONEY) return { kind: 'number', dim: 'money', value: value * MONEY[unit]!, unit };
  if (DAYS.has(unit)) return { kind: 'duration', value: { days: value, months: 0, workdays: 0 }, unit };
  if (MONTHS.has(unit)) return { kind: 'duration', value: { days: 0, months: value, workdays: 0 }, unit };
  if (YEARS.has(unit)) return { kind: 'duration', value: { days: 0, months: value * 12, workdays: 0 }, unit };
  if (WORKDAYS.has(unit)) return { kind: 'duration', value: { days: 0, months: 0, workdays: value }, unit };
  return { kind: 'number', dim: 'number', value, unit };
}

/** Whether a unit counts calendar days (日, 天, days). */
export function isDayUnit(unit: string): boolean {
  return DAYS.has(unit);
}

/** The unit an indicator is shown in by default, from its dimension. */
export function defaultUnit(dim: Dimension): string {
  return dim === 'ratio' ? '%' : dim === 'count' ? '件' : dim === 'days' ? '日' : dim === 'money' ? '元' : '';
}

/** The dimension a declared indicator unit implies. */
export function unitDimension(unit: string): Dimension | null {
  const u = unitValue(1, unit);
  if (u.kind === 'duration') return isDayUnit(u.unit) ? 'days' : null;
  return u.dim;
}

export const DIMENSION_NAMES: Record<Dimension, { zh: string; en: string }> = {
  ratio: { zh: '比率（%、‰）', en: 'a ratio (%, ‰)' },
  count: { zh: '件数', en: 'a count' },
  days: { zh: '天数', en: 'days' },
  money: { zh: '金额', en: 'money' },
  number: { zh: '数值', en: 'a number' },
};
