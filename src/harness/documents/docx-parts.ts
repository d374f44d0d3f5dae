// Building blocks shared by the .docx writers: runs with the east-Asian font named on its own (w:eastAsia),
// and the task table with its header row repeated on each page.
import {
  AlignmentType,
  BorderStyle,
  LineRuleType,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';

/** Millimetres to twentieths of a point (the unit of page sizes and margins in WordprocessingML). */
export const mm = (x: number): number => Math.round((x * 1440) / 25.4);

/** Points to half-points (the unit of w:sz). */
export const pt = (x: number): number => Math.round(x * 2);

export interface RunStyle {
  eastAsia: string;
  latin: string;
  sizePt: number;
  bold?: boolean;
  color?: string /** Character spacing in twentieths of a point. */;
  spacing?: number;
}

/** A run of text; '\t' is a tab to the paragraph's next tab stop. */
export function run(text: string, s: RunStyle): TextRun {
  return new TextRun({
    ...(text === '\t' ? { children: [new Tab()] } : { text }),
    font: { eastAsia: s.eastAsia, ascii: s.latin, hAnsi: s.latin, cs: s.latin },
    size: pt(s.sizePt),
    ...(s.bold ? { bold: true } : {}),
    ...(s.color ? { color: s.color } : {}),
    ...(s.spacing ? { characterSpacing: s.spacing } : {}),
  });
}

/** A cell's text: each line its own paragraph, so multi-line cells stay multi-line. */
function cellParagraphs(text: string, s: RunStyle, center: boolean): Paragraph[] {
  const lines = text === '' ? [''] : text.split('\n');
  // An exact line height of its own: a cell does not take the page's line grid.
  return lines.map(
    (l) =>
      new Paragraph({
        alignment: center ? AlignmentType.CENTER : AlignmentType.LEFT,
        spacing: { line: Math.round(s.sizePt * 1.4 * 20), lineRule: LineRuleType.EXACT },
        children: [run(l, s)],
      }),
  );
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

/** A bordered table, full width, the first row a header repeated on every page. */
export function taskTable(
  headers: readonly string[],
  rows: string[][],
  body: RunStyle,
  head: RunStyle,
  widths: number[],
): Table {
  const total = widths.reduce((a, b) => a + b, 0);
  const cell = (text: string, k: number, s: RunStyle, center: boolean): TableCell =>
    new TableCell({
      children: cellParagraphs(text, s, center),
      verticalAlign: VerticalAlign.CENTER,
      width: { size: `${Math.round((widths[k]! / total) * 1000) / 10}%`, type: WidthType.PERCENTAGE },
      borders: { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER },
    });
  return new Table({
    width: { size: '100%', type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h, k) => cell(h, k, head, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c, k) => cell(c, k, body, k === 0)) })),
    ],
  });
}

/** Relative column widths of the task table (序号 narrow, 具体内容 wide). */
export const TABLE_WIDTHS = [5, 12, 30, 10, 8, 10, 14, 11];
