// Tables (CSV, and spreadsheets via plugins) to records: header names (Chinese or English) to fields,
// cell text to JSON values. Cells are text; this is where 是/否, 1,234.50 and 2018/3/5 become values.
//
// Columns in any order, named by a field's Chinese or English name (fields.ts; unknown columns are
// ignored with a warning); a unit in brackets is ignored (申请执行标的（元）). 有财产可供执行 is
// 是/否/有/无/true/false/1/0 (empty = not assessed); 标签 are separated by ; ； 、 , or ，.
//
// The events cell holds the case's events as items separated by ';' (or '；'):
//     type@YYYY-MM-DD[:amount][#note]
// e.g. `执行通知@2018-03-02;总对总查控@2018-03-03;案款到账@2018-05-10:1200.50;拘留@2018-04-01#15日`.
// A note may not contain ';' or '#'.
import { problem } from './problems.js';
import type { RecordProblem } from './problems.js';
import type { CaseRecord } from './record.js';
import { REQUIRED_FIELDS, fieldOf } from './fields.js';
import type { RecordKind } from './fields.js';

export type { RecordKind };

export interface HeaderMap {
  /** The field of each column, null for an ignored column. */
  fields: (string | null)[];
  problems: RecordProblem[];
}

/** Fields of a header row; an error when a required column is missing. */
export function mapHeader(kind: RecordKind, header: readonly string[]): HeaderMap {
  const problems: RecordProblem[] = [];
  const taken = new Set<string>();
  const fields = header.map((raw, col) => {
    const h = raw
      .replace(/^\uFEFF/, '')
      .trim()
      .replace(/\s*[（(][^)）]*[)）]$/, '');
    const f = fieldOf(kind, h);
    if (f === null) {
      if (h !== '')
        problems.push(
          problem(
            'warning',
            'D0009',
            raw,
            `第 ${col + 1} 列“${raw}”无法识别，已忽略`,
            `column ${col + 1} "${raw}" is not understood and is ignored`,
          ),
        );
      return null;
    }
    if (taken.has(f)) {
      problems.push(
        problem(
          'warning',
          'D0009',
          raw,
          `第 ${col + 1} 列“${raw}”与前面的列重复（${f}），已忽略`,
          `column ${col + 1} "${raw}" repeats field ${f} and is ignored`,
        ),
      );
      return null;
    }
    taken.add(f);
    return f;
  });
  for (const f of REQUIRED_FIELDS[kind]) {
    if (!taken.has(f))
      problems.push(
        problem('error', 'D0008', f, `表头缺少必需的列：${f}`, `the header has no column for required field ${f}`),
      );
  }
  return { fields, problems };
}

const DATE_LOOSE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/** 'YYYY-MM-DD' for loose forms such as 2018/3/5 or 2018年3月5日; the text itself when not a date. */
function normalizeDate(text: string, field: string, problems: RecordProblem[]): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const m = DATE_LOOSE.exec(text);
  if (!m) return text;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  problems.push(problem('warning', 'D0011', field, `日期“${text}”按 ${iso} 读取`, `date "${text}" read as ${iso}`));
  return iso;
}

/** A number for money text (1234.5, 1,234.50, 1234.50元); the text itself when not a number. */
function moneyCell(text: string): number | string {
  let t = text.replace(/元$/, '').trim();
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : text;
}

function integerCell(text: string): number | string {
  return /^\d+$/.test(text) ? Number(text) : text;
}

const TRUE = new Set(['是', '有', 'true', 'TRUE', 'True', '1', 'Y', 'y', 'yes']);
const FALSE = new Set(['否', '无', 'false', 'FALSE', 'False', '0', 'N', 'n', 'no']);
const NOT_ASSESSED = new Set(['未评估', '空', 'null']);

const EVENT_ITEM = /^([^@]+)@([^:#]+)(?::([^#]*))?(?:#(.*))?$/;

/** Events of an events cell (see the format above); a malformed item is an error (D0010). */
export function parseEventsCell(text: string, problems: RecordProblem[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  text
    .split(/[;；]/)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .forEach((item) => {
      const field = `events[${out.length}]`;
      const m = EVENT_ITEM.exec(item);
      if (!m) {
        problems.push(
          problem(
            'error',
            'D0010',
            field,
            `事件“${item}”格式错误，应为 类型@YYYY-MM-DD[:金额]`,
            `event "${item}" is malformed, expected type@YYYY-MM-DD[:amount]`,
          ),
        );
        return;
      }
      const ev: Record<string, unknown> = {
        type: m[1]!.trim(),
        date: normalizeDate(m[2]!.trim(), `${field}.date`, problems),
      };
      if (m[3] !== undefined && m[3].trim() !== '') ev.amount = moneyCell(m[3].trim());
      if (m[4] !== undefined && m[4].trim() !== '') ev.note = m[4].trim();
      out.push(ev);
    });
  return out;
}

/** The raw record of one row (validate it next); empty cells are left out. */
export function rowToRaw(
  fields: readonly (string | null)[],
  cells: readonly string[],
): { value: Record<string, unknown>; problems: RecordProblem[] } {
  const value: Record<string, unknown> = {};
  const problems: RecordProblem[] = [];
  if (cells.length > fields.length && cells.slice(fields.length).some((c) => c.trim() !== '')) {
    problems.push(
      problem(
        'warning',
        'D0012',
        '',
        `该行有 ${cells.length} 列，多于表头的 ${fields.length} 列，多余的已忽略`,
        `the row has ${cells.length} cells, more than the header's ${fields.length}; the extra ones are ignored`,
      ),
    );
  }
  fields.forEach((f, col) => {
    if (f === null) return;
    const text = (cells[col] ?? '').trim();
    if (text === '') return;
    switch (f) {
      case 'filed':
      case 'closed':
      case 'done':
      case 'date':
        value[f] = normalizeDate(text, f, problems);
        break;
      case 'claimed':
      case 'recovered':
        value[f] = moneyCell(text);
        break;
      case 'property':
        value[f] = TRUE.has(text) ? true : FALSE.has(text) ? false : NOT_ASSESSED.has(text) ? null : text;
        break;
      case 'tags':
        value[f] = text
          .split(/[;；、,，]/)
          .map((s) => s.trim())
          .filter((s) => s !== '');
        break;
      case 'events':
        value[f] = parseEventsCell(text, problems);
        break;
      case '执行人员':
      case '政法编制':
      case '员额法官':
        value[f] = integerCell(text);
        break;
      default:
        value[f] = text;
    }
  });
  return { value, problems };
}

/** The canonical CSV header for cases (Chinese). */
export const CASE_CSV_HEADER: readonly string[] = [
  '案号',
  '法院',
  '案件类型',
  '立案日期',
  '结案日期',
  '结案方式',
  '申请执行标的',
  '实际到位金额',
  '有财产可供执行',
  '承办人',
  '执行团队',
  '标签',
  '事件',
];

function moneyText(v: unknown): string {
  return typeof v === 'number' ? String(v) : v === undefined || v === null ? '' : String(v);
}

/** Cells of a case for CASE_CSV_HEADER. Takes loose objects too (the generator's deliberately bad rows). */
export function caseToCells(rec: CaseRecord | Record<string, unknown>): string[] {
  const r = rec as Record<string, unknown>;
  const s = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
  const events = Array.isArray(r.events) ? (r.events as Record<string, unknown>[]) : [];
  const evText = events
    .map((e) => {
      let t = `${s(e.type)}@${s(e.date)}`;
      if (e.amount !== undefined) t += `:${moneyText(e.amount)}`;
      if (e.note !== undefined) t += `#${s(e.note)}`;
      return t;
    })
    .join(';');
  return [
    s(r.id),
    s(r.court),
    s(r.type),
    s(r.filed),
    s(r.closed),
    s(r.closure),
    moneyText(r.claimed),
    moneyText(r.recovered),
    r.property === true ? '是' : r.property === false ? '否' : '',
    s(r.handler),
    s(r.team),
    Array.isArray(r.tags) ? r.tags.join('、') : '',
    evText,
  ];
}

/** One CSV line (RFC 4180 quoting), ending in \r\n. */
export function csvLine(cells: readonly string[]): string {
  return cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',') + '\r\n';
}
