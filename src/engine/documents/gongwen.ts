// The plan as a 公文 (GB/T 9704-2012), independent of the file format: 发文机关标志, 发文字号, title, body
// paragraphs with the structure levels 一、（一）1.（1）, the attached 任务分解表, signature, date and 印发 line.
// The .docx and the HTML (and so the PDF) are drawn from this one model.
import type { PlanIR } from '../ir/types.js';
import type { DocumentSettings } from '../plugins/config.js';
import { chineseDate } from './deadline.js';
import { TABLE_HEADERS, rowCells, tableCaption, taskRows } from './task-table.js';

export interface GongwenFonts {
  body: string;
  title: string;
  heading1: string;
  heading2: string;
  latin: string;
}

export const DEFAULT_FONTS: GongwenFonts = {
  body: '仿宋_GB2312',
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  latin: 'Times New Roman',
};

/** A body paragraph: a heading at a structure level (1–4) with its label, or running text (level 0). */
export interface BodyParagraph {
  level: 0 | 1 | 2 | 3 | 4;
  label: string;
  text: string;
}

export interface Gongwen {
  header: string;
  docno: string | null;
  title: string;
  body: BodyParagraph[];
  attachmentNote: string;
  tableCaption: string;
  tableHeaders: readonly string[];
  table: string[][];
  signature: string | null;
  date: string | null;
  printer: string | null;
  printDate: string | null;
  fonts: GongwenFonts;
}

const CN = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 12 → 十二, 20 → 二十. */
export function chineseNumber(n: number): string {
  if (n < 10) return CN[n]!;
  if (n < 20) return `十${n % 10 ? CN[n % 10] : ''}`;
  if (n < 100) return `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ''}`;
  return String(n);
}

/** 一 → 1, 十二 → 12; a digit string as it is; null when the part is neither. */
export function partNumber(part: string): number | null {
  if (/^\d+$/.test(part)) return Number(part);
  const m = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(part);
  if (!m || part === '') return null;
  const d = (c: string | undefined): number => (c ? CN.indexOf(c) : 0);
  if (m[2]) return (m[1] ? d(m[1]) : 1) * 10 + d(m[3]);
  return m[3] ? null : d(m[1]);
}

/** The label of a heading at a level, as GB/T 9704 numbers them: 一、 （一） 1. （1）. */
export function levelLabel(level: number, n: number): string {
  if (level === 1) return `${chineseNumber(n)}、`;
  if (level === 2) return `（${chineseNumber(n)}）`;
  if (level === 3) return `${n}.`;
  return `（${n}）`;
}

/** A task's heading label from its number's last part and depth (四.3 → （三）); unknown parts kept as written. */
function taskLabel(id: string): { level: 1 | 2 | 3 | 4; label: string } {
  const parts = id.split('.');
  const level = Math.min(parts.length, 4) as 1 | 2 | 3 | 4;
  const n = partNumber(parts[parts.length - 1]!);
  return { level, label: n === null ? `${parts[parts.length - 1]} ` : levelLabel(level, n) };
}

export function buildGongwen(ir: PlanIR, settings: DocumentSettings = {}): Gongwen {
  // Without a 发布机关, the plan's first court by its full name.
  const firstCourt = ir.plan.courts[0];
  const issuer = ir.plan.issuer ?? ir.courts.find((c) => c.name === firstCourt)?.fullName ?? firstCourt ?? null;
  const body: BodyParagraph[] = [];
  for (const note of ir.notes) body.push({ level: 0, label: '', text: note });
  const opened = new Set<string>();
  for (const t of ir.tasks) {
    // The enclosing levels a task's number implies (四 for 四.3), opened once, with their own label.
    const parts = t.id.split('.');
    for (let k = 1; k < parts.length && k < 4; k++) {
      const prefix = parts.slice(0, k).join('.');
      if (opened.has(prefix) || ir.tasks.some((x) => x.id === prefix)) continue;
      opened.add(prefix);
      const n = partNumber(parts[k - 1]!);
      body.push({ level: k as 1 | 2 | 3, label: n === null ? parts[k - 1]! : levelLabel(k, n), text: '' });
    }
    opened.add(t.id);
    const { level, label } = taskLabel(t.id);
    body.push({ level, label, text: t.title });
    if (t.text) for (const p of t.text.split('\n')) if (p.trim()) body.push({ level: 0, label: '', text: p.trim() });
  }
  const date = ir.plan.issued ? chineseDate(ir.plan.issued) : null;
  return {
    header: settings.header ?? `${issuer ?? ''}文件`,
    docno: ir.plan.docno,
    title: ir.plan.title ?? ir.plan.name ?? '',
    body,
    attachmentNote: `附件：${tableCaption(ir)}`,
    tableCaption: tableCaption(ir),
    tableHeaders: TABLE_HEADERS,
    table: taskRows(ir).map(rowCells),
    signature: issuer,
    date,
    printer: settings.printer ?? issuer,
    // No 发布 date in the plan: the blank a template leaves, to be filled by hand.
    printDate: date ?? '　　年　月　日',
    fonts: { ...DEFAULT_FONTS, ...(settings.fonts ?? {}) },
  };
}
