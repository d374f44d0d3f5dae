// The 通报 as .xlsx: one sheet per table (概况, 目标完成情况, 排名, 逾期任务, 数据来源), headers frozen, figures
// kept as numbers with their unit in the number format (%, ‰, 万元), so they can be sorted and summed.
import ExcelJS from 'exceljs';
import { TARGET_STATUS_ZH, TASK_STATUS_ZH, type Bulletin } from '../../engine/documents/bulletin.js';
import { excelNumber } from '../../engine/report/table-xlsx.js';

/** A value as a spreadsheet number and the format that shows its unit: one rule for every .xlsx. */
export { excelNumber } from '../../engine/report/table-xlsx.js';

function sheet(
  wb: ExcelJS.Workbook,
  name: string,
  headers: string[],
  widths: number[],
  font: string,
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = widths.map((w) => ({ width: w }));
  const row = ws.addRow(headers);
  row.font = { name: font, bold: true };
  row.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  return ws;
}

function put(cell: ExcelJS.Cell, value: number | null, unit: string): void {
  if (value === null) {
    cell.value = null;
    return;
  }
  const n = excelNumber(value, unit);
  cell.value = n.value;
  cell.numFmt = n.numFmt;
}

export async function bulletinXlsx(b: Bulletin, font: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'luoshi';
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const summary = sheet(wb, '概况', ['项目', '内容'], [12, 100], font);
  summary.addRow(['通报', b.title]);
  summary.addRow(['截至', b.asOfText]);
  summary.addRow(['概况', b.summary]).alignment = { wrapText: true, vertical: 'top' };

  const grid = sheet(
    wb,
    '目标完成情况',
    ['法院', ...b.targets.flatMap((t) => [`${t.label}（${t.threshold}）`, '状态'])],
    [24, ...b.targets.flatMap(() => [16, 10])],
    font,
  );
  for (const c of b.courts) {
    const row = grid.addRow([c.court]);
    c.cells.forEach((x, k) => {
      if (!x) return;
      put(row.getCell(2 + k * 2), x.value, b.targets[k]!.unit);
      row.getCell(3 + k * 2).value = TARGET_STATUS_ZH[x.status];
    });
  }

  const ranks = sheet(wb, '排名', ['目标', '名次', '法院', '数值', '状态'], [24, 8, 24, 14, 10], font);
  for (const k of b.rankings) {
    for (const x of k.rows) {
      const row = ranks.addRow([k.label, x.rank, x.court, null, TARGET_STATUS_ZH[x.status]]);
      put(row.getCell(4), x.value, k.unit);
    }
  }

  const late = sheet(
    wb,
    '逾期任务',
    ['责任人', '职务', '任务', '任务名称', '状态', '期限', '经由'],
    [12, 24, 8, 36, 12, 16, 20],
    font,
  );
  for (const t of b.lateTasks) late.addRow([t.person, t.post, t.task, t.title, TASK_STATUS_ZH[t.status], t.due, t.via]);

  const src = sheet(wb, '数据来源', ['文件', '读取', '采用', '拒收'], [50, 10, 10, 10], font);
  for (const s of b.sources) src.addRow([s.file, s.read, s.accepted, s.rejected]);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}
