// A DataTable (table.ts) as an .xlsx sheet with exceljs: numbers stay numbers, their unit in the number
// format (%, ‰, 元, 日), dates as dates, a bold frozen header row, columns as wide as their text. exceljs
// runs in Node and in the browser; the caller passes the module in (the workbench loads it only when a
// table is exported), so the engine itself imports no package at run time.
import type { Cell, Workbook } from 'exceljs';
import { headerText, type ColumnKind, type DataTable, type TableColumn, type TableValue } from './table.js';

/** What is used of exceljs: its Workbook (Node's default export, the browser bundle's namespace). */
export interface ExcelModule {
  Workbook: typeof Workbook;
}

/** A figure as the spreadsheet number and the format that shows its unit, with digits enough to tell a
 *  value from its threshold (0.00##: two to four decimals). Money in 万元 is shown in 万元. */
export function excelNumber(value: number, unit: string): { value: number; numFmt: string } {
  if (unit === '%') return { value, numFmt: '0.00##%' };
  if (unit === '‰') return { value: value * 1000, numFmt: '0.00##"‰"' };
  if (unit === '万元') return { value: value / 10000, numFmt: '#,##0.00"万元"' };
  if (unit === '元') return { value, numFmt: '#,##0.00"元"' };
  if (unit === '日') return { value, numFmt: '0.0"日"' };
  return { value, numFmt: unit ? `#,##0.##"${unit.replace(/"/g, '')}"` : '#,##0.##' };
}

const KIND_UNIT: Record<ColumnKind, string> = {
  text: '',
  count: '',
  number: '',
  ratio: '%',
  permille: '‰',
  money: '元',
  days: '日',
  date: '',
};

function put(cell: Cell, v: TableValue, c: TableColumn): void {
  if (v === null) return;
  if (typeof v === 'string') {
    if (c.kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
      cell.value = new Date(`${v}T00:00:00Z`);
      cell.numFmt = 'yyyy-mm-dd';
    } else cell.value = v;
    return;
  }
  if (c.kind === 'count') {
    cell.value = v;
    cell.numFmt = '#,##0';
    return;
  }
  const n = excelNumber(v, c.kind === 'number' ? (c.unit ?? '') : KIND_UNIT[c.kind]);
  cell.value = n.value;
  cell.numFmt = n.numFmt;
}

/** Display width: a CJK character counts two. */
function width(s: string): number {
  let w = 0;
  for (const ch of s)
    w += /[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** Sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
  let name = base,
    k = 2;
  while (taken.has(name)) name = `${base.slice(0, 28)} ${k++}`;
  taken.add(name);
  return name;
}

/** The tables as one workbook, a sheet each; deterministic bytes (the workbook's dates are fixed). */
export async function tablesXlsx(excel: ExcelModule, tables: readonly DataTable[], font = '宋体'): Promise<Uint8Array> {
  const wb = new excel.Workbook();
  wb.creator = 'luoshi';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const taken = new Set<string>();
  for (const t of tables) {
    const ws = wb.addWorksheet(sheetName(t.title, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
    const headers = t.columns.map((c) => headerText(c, t.lang));
    const head = ws.addRow(headers);
    head.font = { name: font, bold: true };
    head.alignment = { vertical: 'middle', wrapText: true };
    for (const r of t.rows) {
      const row = ws.addRow([]);
      t.columns.forEach((c, k) => {
        put(row.getCell(k + 1), r[k] ?? null, c);
      });
    }
    t.columns.forEach((c, k) => {
      const longest = Math.max(
        width(headers[k]!),
        ...t.rows.slice(0, 500).map((r) => width(typeof r[k] === 'string' ? r[k] : '')),
      );
      ws.getColumn(k + 1).width = Math.min(60, Math.max(c.kind === 'text' ? 8 : 12, longest + 2));
    });
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
