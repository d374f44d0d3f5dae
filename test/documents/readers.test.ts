// Readers' details. A Word table whose 序号 and group headings are Word's automatic numbering (w:numPr → word/numbering.xml),
// not typed text: the numbers are read as Word shows them, so the structure survives the import.
import { Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readTaskTable } from '../../src/engine/documents/import-table.js';
import { csvRows } from '../../src/harness/import/csv.js';
import { docxRows } from '../../src/harness/import/docx.js';
import { xlsxSheets } from '../../src/harness/import/xlsx.js';

const para = (text: string, level?: number): Paragraph =>
  new Paragraph({ text, ...(level !== undefined ? { numbering: { reference: 'tasks', level } } : {}) });
const row = (cells: Paragraph[][], span?: number): TableRow =>
  new TableRow({ children: cells.map((c) => new TableCell({ children: c, ...(span ? { columnSpan: span } : {}) })) });

async function numberedTable(): Promise<Uint8Array> {
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'tasks',
          levels: [
            { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、' },
            { level: 1, format: LevelFormat.DECIMAL, text: '%2.' },
          ],
        },
      ],
    },
    sections: [
      {
        children: [
          para('2018年执行工作任务分解表'),
          new Table({
            rows: [
              row([[para('序号')], [para('工作任务')], [para('责任领导')], [para('责任部门')], [para('完成时限')]]),
              row([[para('强化联动', 0)]], 5),
              row([
                [para('', 1)],
                [para('建立联动机制')],
                [para('院长（孙启福）')],
                [para('执行局')],
                [para('6月底前')],
              ]),
              row([[para('', 1)], [para('完善查控')], [para('孙启福')], [para('执行局')], [para('长期坚持')]]),
              row([[para('强化队伍', 0)]], 5),
              row([[para('', 1)], [para('充实力量')], [para('孙启福')], [para('政治部')], [para('2018年上半年')]]),
            ],
          }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe('Word numbering', () => {
  it('group headings 一、二、 and 序号 1. 2. restarting under each group', async () => {
    const rows = docxRows(await numberedTable());
    expect(rows.map((r) => r.cells[0])).toEqual([
      '2018年执行工作任务分解表',
      '序号',
      '一、强化联动',
      '1.',
      '2.',
      '二、强化队伍',
      '1.',
    ]);
    const t = readTaskTable(rows);
    expect(t.groups).toEqual([
      { label: '一', title: '强化联动' },
      { label: '二', title: '强化队伍' },
    ]);
    expect(t.tasks.map((x) => [x.id, x.title, x.due, x.ongoing])).toEqual([
      ['一.1', '建立联动机制', '2018-06-30', false],
      ['一.2', '完善查控', null, true],
      ['二.1', '充实力量', '2018-06-30', false],
    ]);
    expect(t.diagnostics).toEqual([]);
  });
});

describe('CSV encodings', () => {
  it('GB18030 (as Excel on Chinese Windows saves it) reads the same as UTF-8 with a BOM', () => {
    const text = '序号,工作任务,责任人,责任单位,完成时间\n1,建立制度,吕宇,执行局,2018年6月底前\n';
    const gbk = new Uint8Array(iconv.encode(text, 'gb18030'));
    expect(csvRows(gbk)).toEqual(csvRows(new TextEncoder().encode(`\uFEFF${text}`)));
    expect(csvRows(gbk)[1]!.cells).toEqual(['1', '建立制度', '吕宇', '执行局', '2018年6月底前']);
  });
});

describe('Excel dates', () => {
  it('a 完成时限 typed as an Excel date is read as that day', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('表');
    ws.addRow(['序号', '工作任务', '责任人', '责任单位', '完成时间']);
    ws.addRow([1, '建立制度', '吕宇', '执行局', new Date(Date.UTC(2018, 5, 30))]);
    const sheets = await xlsxSheets(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    expect(sheets[0]!.rows[1]!.cells).toEqual(['1', '建立制度', '吕宇', '执行局', '2018-06-30']);
    expect(readTaskTable(sheets[0]!.rows).tasks.map((t) => [t.id, t.due])).toEqual([['1', '2018-06-30']]);
  });
});
