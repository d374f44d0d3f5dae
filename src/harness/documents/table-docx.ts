// The 任务分解表 alone as .docx: A4 landscape, the caption in 小标宋, the table with its header row repeated.
import { AlignmentType, Document, Packer, PageOrientation, Paragraph } from 'docx';
import type { GongwenFonts } from '../../engine/documents/gongwen.js';
import { TABLE_HEADERS, rowCells, tableCaption, taskRows } from '../../engine/documents/task-table.js';
import type { PlanIR } from '../../engine/ir/types.js';
import { TABLE_WIDTHS, mm, run, taskTable } from './docx-parts.js';

export async function tableDocx(ir: PlanIR, f: GongwenFonts): Promise<Uint8Array> {
  const doc = new Document({
    creator: 'luoshi',
    title: tableCaption(ir),
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297), orientation: PageOrientation.LANDSCAPE },
            margin: { top: mm(20), bottom: mm(20), left: mm(20), right: mm(20) },
          },
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 200 },
            children: [run(tableCaption(ir), { eastAsia: f.title, latin: f.latin, sizePt: 18 })],
          }),
          taskTable(
            TABLE_HEADERS,
            taskRows(ir).map(rowCells),
            { eastAsia: f.body, latin: f.latin, sizePt: 10.5 },
            { eastAsia: f.heading1, latin: f.latin, sizePt: 10.5 },
            TABLE_WIDTHS,
          ),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
