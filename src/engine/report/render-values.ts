// Numbers for people: ratios with enough digits that a value never reads as the threshold it differs
// from, money in 元 with digit grouping (万元 when large), counts grouped by thousands.
import type { Lang } from '../lang.js';

/** "1234567.5" → "1,234,567.5" (the integer part grouped by thousands). */
export function groupDigits(s: string): string {
  const neg = s.startsWith('-');
  const [int, frac] = (neg ? s.slice(1) : s).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}${frac !== undefined ? `.${frac}` : ''}`;
}

/** Digits after the point (from 2, at most 6) so that `v` and `against`, when they differ, print differently. */
function digitsApart(v: number, against: number | undefined, scale: number): number {
  let d = 2;
  if (against === undefined || v === against) return d;
  while (d < 6 && (v * scale).toFixed(d) === (against * scale).toFixed(d)) d++;
  return d;
}

/** A value in its unit: ratios as 92.31% / 1.20‰, money in 元 or 万元, days with one decimal.
 *  With `against` (the threshold it is judged on), a ratio gets the digits that tell the two apart. */
export function formatValue(v: number | null, unit: string, against?: number): string {
  if (v === null || Number.isNaN(v)) return '—';
  if (unit === '%') return `${(v * 100).toFixed(digitsApart(v, against, 100))}%`;
  if (unit === '‰') return `${(v * 1000).toFixed(digitsApart(v, against, 1000))}‰`;
  if (unit === '日') return `${groupDigits(v.toFixed(1))}日`;
  if (unit === '元' || unit === '万元') return money(v);
  return `${groupDigits(Number.isInteger(v) ? String(v) : v.toFixed(2))}${unit}`;
}

/** Money in 元 (the engine's figures are 元): 万元 from 100,000 元 on. */
export function money(yuan: number): string {
  return Math.abs(yuan) >= 1e5 ? `${groupDigits((yuan / 1e4).toFixed(2))}万元` : `${groupDigits(yuan.toFixed(2))}元`;
}

/** A status in the reader's language (the engine's words are English). */
const STATUS_ZH: Record<string, string> = {
  met: '达标',
  missed: '未达标',
  'on track': '进展正常',
  'at risk': '有风险',
  'not measurable': '无法计算',
  'done on time': '按时完成',
  'done late': '逾期完成',
  overdue: '已逾期',
  'due soon': '即将到期',
  pending: '未到期',
  ongoing: '持续推进',
};

export function statusText(s: string, lang: Lang): string {
  return lang === 'zh' ? (STATUS_ZH[s] ?? s) : s;
}
