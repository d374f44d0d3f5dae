// A workbook's rows as cell texts: every sheet in order (the reader takes the first with a header), a
// merged cell's text in each cell it covers, rich text and formula results as shown, dates as YYYY-MM-DD.
import ExcelJS from 'exceljs';
import type { SourceRow } from '../../engine/documents/import-table.js';

export async function xlsxSheets(data: Uint8Array): Promise<Array<{ name: string; rows: SourceRow[] }>> {
  const wb = new ExcelJS.Workbook();
  // exceljs's load() takes a Node Buffer; its typings name an older Buffer type than @types/node's.
  await wb.xlsx.load(Buffer.from(data) as unknown as ExcelJS.Buffer);
  return wb.worksheets.map((ws) => {
    const rows: SourceRow[] = [];
    const width = ws.columnCount;
    for (let r = 1; r <= ws.rowCount; r++) {
      const cells: string[] = [];
      const mergedAbove: boolean[] = [];
      for (let c = 1; c <= width; c++) {
        const cell = ws.getCell(r, c);
        const master = cell.isMerged ? cell.master : cell;
        // A date typed as a date (not text) is read as its day; exceljs gives it at UTC midnight.
        cells.push(master.value instanceof Date ? master.value.toISOString().slice(0, 10) : (master.text ?? ''));
        mergedAbove.push(cell.isMerged && Number(master.row) < r);
      }
      rows.push({ cells, ref: { sheet: ws.name, row: r }, mergedAbove });
    }
    return { name: ws.name, rows };
  });
}
