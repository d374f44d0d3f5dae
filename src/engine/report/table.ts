// One model of a table for export — columns with their kind, rows of plain values — and its CSV.
// The spreadsheet (table-xlsx.ts) is drawn from the same model, so a CSV and an .xlsx of one table
// always hold the same numbers.

/** What a column holds: ratios are fractions (0.8178), money is in 元, dates are ISO days. */
export type ColumnKind = 'text' | 'count' | 'number' | 'ratio' | 'permille' | 'money' | 'days' | 'date';

export interface TableColumn {
  header: string;
  kind: ColumnKind;
  /** For `number`: the unit after the figure (件, 人). */
  unit?: string;
}

export type TableValue = string | number | null;

export interface DataTable {
  /** The sheet's name and the file's stem. */
  title: string;
  /** The language of its headers and words. */
  lang: 'zh' | 'en';
  columns: TableColumn[];
  rows: TableValue[][];
}

/** A column for an indicator's unit: % → ratio, ‰ → permille, 元/万元 → money, 日 → days, else a number. */
export function unitColumn(header: string, unit: string): TableColumn {
  if (unit === '%') return { header, kind: 'ratio' };
  if (unit === '‰') return { header, kind: 'permille' };
  if (unit === '元' || unit === '万元') return { header, kind: 'money' };
  if (unit === '日') return { header, kind: 'days' };
  return unit ? { header, kind: 'number', unit } : { header, kind: 'number' };
}

/** The unit a column's header names in a CSV, where a cell is a bare number. */
export function headerUnit(c: TableColumn): string {
  switch (c.kind) {
    case 'permille':
      return '‰';
    case 'money':
      return '元';
    case 'days':
      return '日';
    case 'number':
      return c.unit ?? '';
    default:
      return '';
  }
}

/** A header with the unit its bare numbers are in: "申请标的（元）" / "claimed (元)". */
export function headerText(c: TableColumn, lang: DataTable['lang']): string {
  const u = headerUnit(c);
  return !u ? c.header : lang === 'zh' ? `${c.header}（${u}）` : `${c.header} (${u})`;
}

/** Up to `digits` decimals, trailing zeros dropped: 81.775701, 2, 0.5. */
function plain(v: number, digits: number): string {
  return String(Number(v.toFixed(digits)));
}

/** A value as CSV text: ratios as "81.775701%" (a spreadsheet reads it as a number), others bare. */
export function csvValue(v: TableValue, c: TableColumn): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  switch (c.kind) {
    case 'ratio':
      return `${plain(v * 100, 6)}%`;
    case 'permille':
      return plain(v * 1000, 6);
    case 'money':
      return v.toFixed(2);
    case 'days':
    case 'number':
      return plain(v, 6);
    default:
      return String(v);
  }
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. A text starting like a
 *  formula (= + - @) gets a leading apostrophe so a spreadsheet shows it instead of running it. */
export function csvField(s: string, text: boolean): string {
  const safe = text && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The table as CSV: UTF-8 with a BOM (so Excel reads it as UTF-8), CRLF line ends, a header row. */
export function tableCsv(t: DataTable): string {
  const head = t.columns.map((c) => csvField(headerText(c, t.lang), true));
  const lines = [
    head.join(','),
    ...t.rows.map((r) =>
      t.columns
        .map((c, k) => csvField(csvValue(r[k] ?? null, c), c.kind === 'text' || typeof r[k] === 'string'))
        .join(','),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
