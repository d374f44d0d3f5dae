// Reading the deadline phrases courts write in a 任务分解表's 完成时限 column (2018年6月底前, 6月30日前,
// 长期坚持, 每季度, 2018年上半年, 年底前 …) into the plan language's terms. Pure: no guessing — a phrase
// without a year when none is known, or an impossible date, is unreadable and says why.

import type { RecurEvery } from '../ir/types.js';

export type Every = RecurEvery;

export type DeadlineReading =
  | { kind: 'date'; date: string; text: string; rest: string }
  | { kind: 'ongoing'; text: string; rest: string }
  | { kind: 'recurring'; every: Every; day: number | null; text: string; rest: string }
  | { kind: 'irregular'; text: string; rest: string }
  | { kind: 'unreadable'; text: string; zh: string; en: string };

const FULL_WIDTH_DIGIT = /[０-９]/g;

/** Full-width digits and spaces to ASCII, trimmed. */
export function normalisePhrase(s: string): string {
  return s
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\s]+/g, ' ')
    .trim();
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const CN_DIGIT: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 1: 1, 2: 2, 3: 3, 4: 4 };

// What may follow a date: 前 / 以前 / 之前 / 底前 …, then 完成, then a separator before a deliverable.
const TAIL = /^(?:以前|之前|前|以内|内)?(?:完成|办结|到位)?[：:，,。；;\s]*/;

interface DatePart {
  date: string | null;
  consumed: number;
  zh?: string;
  en?: string;
}

/** A date at the start of `s`, given the year to assume when the phrase has none (null: none known). */
function leadingDate(s: string, year: number | null): DatePart | null {
  const noYear = (consumed: number): DatePart => ({
    date: null,
    consumed,
    zh: '时限没有写年份，且无法从表格推知',
    en: 'the deadline has no year and none can be inferred from the table (use --year)',
  });
  const check = (y: number, m: number, d: number | 'end', consumed: number): DatePart => {
    if (m < 1 || m > 12) return { date: null, consumed, zh: `月份 ${m} 不存在`, en: `there is no month ${m}` };
    const last = daysInMonth(y, m);
    const day = d === 'end' ? last : d;
    if (day < 1 || day > last)
      return { date: null, consumed, zh: `${y}年${m}月没有${day}日`, en: `${y}-${m} has no day ${day}` };
    return { date: iso(y, m, day), consumed };
  };
  let r: RegExpExecArray | null;
  if ((r = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(s))) return check(+r[1]!, +r[2]!, +r[3]!, r[0].length);
  if ((r = /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]/.exec(s))) return check(+r[1]!, +r[2]!, +r[3]!, r[0].length);
  if ((r = /^(\d{4})年(\d{1,2})月(?:份)?(?:底|末|中旬|下旬)?/.exec(s)))
    return check(+r[1]!, +r[2]!, 'end', r[0].length);
  if ((r = /^(\d{4})年(上|下)半年(?:末|底)?/.exec(s))) return check(+r[1]!, r[2] === '上' ? 6 : 12, 'end', r[0].length);
  if ((r = /^(\d{4})年(?:第)?([一二三四1-4])季度(?:末|底)?/.exec(s)))
    return check(+r[1]!, CN_DIGIT[r[2]!]! * 3, 'end', r[0].length);
  if ((r = /^(\d{4})年(?:底|末|年底|年末)?/.exec(s))) return check(+r[1]!, 12, 'end', r[0].length);
  if ((r = /^(\d{1,2})月(\d{1,2})[日号]/.exec(s)))
    return year === null ? noYear(r[0].length) : check(year, +r[1]!, +r[2]!, r[0].length);
  if ((r = /^(\d{1,2})月(?:份)?(?:底|末|中旬|下旬)?/.exec(s)))
    return year === null ? noYear(r[0].length) : check(year, +r[1]!, 'end', r[0].length);
  if ((r = /^(?:今年)?(?:年底|年末|年内)/.exec(s)))
    return year === null ? noYear(r[0].length) : check(year, 12, 'end', r[0].length);
  if ((r = /^(?:今年)?(上|下)半年(?:末|底)?/.exec(s)))
    return year === null ? noYear(r[0].length) : check(year, r[1] === '上' ? 6 : 12, 'end', r[0].length);
  if ((r = /^(?:第)?([一二三四])季度(?:末|底)?/.exec(s)))
    return year === null ? noYear(r[0].length) : check(year, CN_DIGIT[r[1]!]! * 3, 'end', r[0].length);
  return null;
}

const ONGOING = /^(?:长期坚持|持续推进|长期推进|长期开展|持续开展|常态化推进|常态化|长期|持续)[：:，,。；;\s]*/;
const RECURRING: Array<[RegExp, Every]> = [
  [/^每(?:个)?周([一二三四五六日])?/, 'week'],
  [/^每(?:个)?月(?:度)?/, 'month'],
  [/^每(?:个)?季(?:度)?/, 'quarter'],
  [/^每半年/, 'halfyear'],
  [/^每年(?:度)?/, 'year'],
  [/^定期/, 'unstated'],
];

/**
 * One line of a 完成时限 cell. `rest` is what follows the phrase (a deliverable when a date heads it,
 * the duty when a period does). `year` is the year phrases without one belong to (null: unknown).
 */
export function readDeadline(line: string, year: number | null): DeadlineReading {
  const text = normalisePhrase(line);
  if (text === '') return { kind: 'unreadable', text, zh: '完成时限为空', en: 'the deadline is empty' };
  const on = ONGOING.exec(text);
  if (on) return { kind: 'ongoing', text, rest: text.slice(on[0].length) };
  for (const [re, every] of RECURRING) {
    const m = re.exec(text);
    if (!m) continue;
    const day = m[1] ? '一二三四五六日'.indexOf(m[1]) + 1 : null; // 每周五: due on Fridays
    return { kind: 'recurring', every, day, text, rest: text.slice(m[0].length).replace(/^[：:，,\s]+/, '') };
  }
  const irr = /^(?:不定期|适时|随时)[：:，,\s]*/.exec(text);
  if (irr) return { kind: 'irregular', text, rest: text.slice(irr[0].length) };
  const d = leadingDate(text, year);
  if (!d) return { kind: 'unreadable', text, zh: `读不懂完成时限“${text}”`, en: `cannot read the deadline "${text}"` };
  if (d.date === null) return { kind: 'unreadable', text, zh: `${d.zh}：“${text}”`, en: `${d.en}: "${text}"` };
  const after = text.slice(d.consumed);
  const tail = TAIL.exec(after)!;
  return { kind: 'date', date: d.date, text, rest: after.slice(tail[0].length).trim() };
}

/** The first four-digit year (1990–2099) a text names, e.g. a title "……2018年工作方案". */
export function yearIn(text: string): number | null {
  const m = /(19[9]\d|20\d\d)\s*年/.exec(normalisePhrase(text));
  return m ? Number(m[1]) : null;
}

/** 2018-06-30 → 2018年6月30日 (how a date is written in a 公文 and a table). */
export function chineseDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
