// The 任务分解表 alone as .xlsx, in the layout courts keep: a caption row over the columns, the header row
// frozen, one row per task, multi-line cells wrapped.
import ExcelJS from 'exceljs';
import { TABLE_HEADERS, rowCells, tableCaption, taskRows } from '../../engine/documents/task-table.js';
import type { PlanIR } from '../../engine/ir/types.js';
import { TABLE_WIDTHS } from './docx-parts.js';

export async function tableXlsx(ir: PlanIR, font: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'luoshi';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const ws = wb.addWorksheet('任务分解表', {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = TABLE_WIDTHS.map((w) => ({ width: w * 2.2 }));
  ws.mergeCells(1, 1, 1, TABLE_HEADERS.length);
  const caption = ws.getCell(1, 1);
  caption.value = tableCaption(ir);
  caption.font = { name: font, size: 16, bold: true };
  caption.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  const border = { style: 'thin' as const };
  const header = ws.getRow(2);
  TABLE_HEADERS.forEach((h, k) => {
    const c = header.getCell(k + 1);
    c.value = h;
    c.font = { name: font, size: 11, bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = { top: border, bottom: border, left: border, right: border };
  });
  const widths = TABLE_WIDTHS.map((w) => w * 2.2);
  for (const r of taskRows(ir)) {
    const cells = rowCells(r);
    const row = ws.addRow(cells);
    // Spreadsheets do not grow a row for wrapped text they did not lay out themselves: the height is set
    // from the lines each cell needs (a Chinese character is two width units wide).
    const lines = Math.max(
      1,
      ...cells.map((c, k) =>
        c.split('\n').reduce((n, l) => n + Math.max(1, Math.ceil(([...l].length * 2) / (widths[k]! - 1))), 0),
      ),
    );
    row.height = Math.min(409, lines * 15);
    row.eachCell({ includeEmpty: true }, (c, k) => {
      c.font = { name: font, size: 11 };
      c.alignment = { vertical: 'middle', horizontal: k === 1 ? 'center' : 'left', wrapText: true };
      c.border = { top: border, bottom: border, left: border, right: border };
    });
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
