// With real office software: documents luoshi writes open in LibreOffice (converted to PDF without error,
// their first pages rendered to PNG under test-results/documents/), and tables LibreOffice made from
// hand-written HTML and CSV (merged cells, blank rows, note rows, 附件 headings) import as they should.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildGongwen, DEFAULT_FONTS } from '../../src/engine/documents/gongwen.js';
import { gongwenDocx } from '../../src/harness/documents/gongwen-docx.js';
import { gongwenHtml } from '../../src/harness/documents/gongwen-html.js';
import { chromiumPath, htmlToPdf } from '../../src/harness/documents/pdf.js';
import { tableDocx } from '../../src/harness/documents/table-docx.js';
import { tableXlsx } from '../../src/harness/documents/table-xlsx.js';
import { importTable } from '../../src/harness/commands/import.js';
import { compilePlanText, compileSeed, firstPagePng, firstPageText, OUT_DIR, SOFFICE, soffice } from './helpers.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

describe.skipIf(!SOFFICE)(
  'LibreOffice (skipped: soffice not installed — apt-get install libreoffice-writer libreoffice-calc)',
  () => {
    beforeAll(async () => {
      mkdirSync(OUT_DIR, { recursive: true });
      const ir = compileSeed('chongqing2-2016');
      writeFileSync(join(OUT_DIR, 'gongwen.docx'), await gongwenDocx(buildGongwen(ir)));
      writeFileSync(join(OUT_DIR, 'table-sheet.xlsx'), await tableXlsx(ir, DEFAULT_FONTS.body));
      writeFileSync(join(OUT_DIR, 'table-word.docx'), await tableDocx(ir, DEFAULT_FONTS));
      soffice([
        '--convert-to',
        'pdf',
        join(OUT_DIR, 'gongwen.docx'),
        join(OUT_DIR, 'table-sheet.xlsx'),
        join(OUT_DIR, 'table-word.docx'),
      ]);
      copyFileSync(join(FIXTURES, 'court-table.html'), join(OUT_DIR, 'court-table.html'));
      soffice(['--infilter=calc_HTML_WebQuery', '--convert-to', 'xlsx', join(FIXTURES, 'court-table.html')]);
      soffice([
        '--infilter=HTML (StarWriter)',
        '--convert-to',
        'docx:MS Word 2007 XML',
        join(FIXTURES, 'court-table.html'),
      ]);
      soffice(['--infilter=CSV:44,34,76', '--convert-to', 'xlsx', join(FIXTURES, 'court-list.csv')]);
    }, 240_000);

    it('the 公文 .docx opens: its first page has the 版头 and title, the PNG is written', () => {
      const pdf = join(OUT_DIR, 'gongwen.pdf');
      expect(existsSync(pdf), pdf).toBe(true);
      const text = firstPageText(pdf);
      if (text !== null) {
        expect(text).toContain('重庆市第二中级人民法院文件');
        expect(text).toContain('渝二中法〔2016〕34号');
        expect(text).toContain('工作方案');
      }
      const png = firstPagePng(pdf);
      if (png) expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
    });

    it('the 任务分解表 .xlsx and .docx open, their first pages showing the header row', () => {
      for (const f of ['table-sheet', 'table-word']) {
        const pdf = join(OUT_DIR, `${f}.pdf`);
        expect(existsSync(pdf), pdf).toBe(true);
        const text = firstPageText(pdf);
        if (text !== null)
          for (const h of ['序号', '工作任务', '责任领导', '牵头部门', '完成时限', '四.1', '谭智华'])
            expect(text).toContain(h);
        firstPagePng(pdf);
      }
    });

    it('the PDF printed by Chromium has the 版头 and title on its first page', async () => {
      if (!chromiumPath()) return;
      const ir = compileSeed('chongqing2-2016');
      const pdf = join(OUT_DIR, 'gongwen-chromium.pdf');
      writeFileSync(pdf, await htmlToPdf(gongwenHtml(buildGongwen(ir))));
      expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
      const text = firstPageText(pdf);
      // Chromium's subset fonts map a few characters oddly for Ghostscript's text extraction (市 comes out as ^).
      if (text !== null) {
        expect(text).toContain('法院文件');
        expect(text).toContain('2016');
      }
      firstPagePng(pdf);
    }, 60_000);

    const EXPECTED = [
      [
        '一.1',
        '建立执行联动机制。由政法委牵头召开联席会议，明确成员单位职责。',
        ['分管执行副院长'],
        ['执行局', '办公室', '研究室'],
        '2018-06-30',
      ],
      ['一.2', '完善网络查控系统', ['分管执行副院长'], ['执行局', '执行指挥中心'], '2018-06-30'],
      ['二.3', '充实执行力量', ['周招社'], ['政治部', '执行局'], 'ongoing'],
      ['二.4', '定期通报执行质效', ['执行局局长'], ['执行局'], 'ongoing'],
      ['二.5', '开展专项集中执行行动', ['周招社'], ['执行局'], '2018-06-30'],
      ['二.6', '完成涉民生案件清理', ['待定责任人'], ['执行局', '立案庭'], '2018-12-31'],
      ['二.7', '建立执行信访台账', ['周招社'], ['执行局'], 'ongoing'],
    ];

    for (const [file, place] of [
      ['court-table.xlsx', (r: number, c: number) => `Sheet1:${r}:${c}`],
      ['court-table.docx', (r: number, c: number) => `表1:${r}:${c}`],
    ] as const) {
      it(`${file} (LibreOffice, from HTML with rowspan, colspan, a blank row, a note row and a 附件 heading) imports`, async () => {
        const path = join(OUT_DIR, file);
        const { table, plan } = await importTable(path, readFileSync(path), { source: file });
        const compiled = compilePlanText(plan);
        expect(compiled.errorCount).toBe(0);
        const ir = compiled.ir;
        expect(ir.plan.title).toBe('某某市中级人民法院2018年基本解决执行难工作任务分解表');
        expect(
          ir.tasks.map((t) => [
            t.id,
            t.title,
            t.owners.map((o) => o.name),
            t.departments,
            t.dueKind === 'ongoing' ? 'ongoing' : t.due,
          ]),
        ).toEqual(EXPECTED);
        expect(ir.roles).toContainEqual({ name: '分管执行副院长', holders: ['吕宇'], byCourt: [] });
        expect(ir.tasks.find((t) => t.id === '二.3')!.text).toBe('充实执行力量\n按案人比配备执行人员');
        expect(ir.tasks.find((t) => t.id === '二.4')!.recurring).toEqual([
          { every: 'quarter', day: null, during: null, text: '每季度' },
        ]);
        expect(table.notes).toEqual(['注：各部门每月5日前报送进展情况。']);
        // Rows counted as LibreOffice laid them out: the split multi-line cell takes two rows in Calc.
        const rowOf = (id: string): number => table.tasks.find((t) => t.id === id)!.ref.row!;
        expect(
          table.diagnostics.map((d) => `${d.ref.sheet ? 'Sheet1' : '表1'}:${d.ref.row}:${(d.col ?? -1) + 1} ${d.zh}`),
        ).toEqual([
          `${place(rowOf('二.6'), 3).split(':')[0]}:${rowOf('二.6')}:3 没有写责任领导，责任人记为“待定责任人”`,
          `${place(rowOf('二.7'), 6).split(':')[0]}:${rowOf('二.7')}:6 读不懂完成时限“尽快”`,
        ]);
        expect(plan).toContain('// 待定: 完成时限：读不懂完成时限“尽快”，暂记为持续');
      });
    }

    it('court-list.xlsx (LibreOffice, from CSV) imports with its milestone and its impossible date located', async () => {
      const path = join(OUT_DIR, 'court-list.xlsx');
      const { table, plan } = await importTable(path, readFileSync(path), { source: 'court-list.xlsx' });
      const ir = compilePlanText(plan).ir;
      expect(ir.tasks.map((t) => [t.id, t.title, t.dueKind, t.due])).toEqual([
        ['1', '建立终本案件清单式结案管理制度', 'date', '2018-04-30'],
        ['2', '落实两次查控', 'date', '2018-09-30'],
        ['3', '开展拒执犯罪打击', 'ongoing', null],
        ['4', '完善执行公开', 'ongoing', null],
      ]);
      expect(ir.tasks[1]!.milestones.map((m) => [m.text, m.due])).toEqual([['完成终本案件核查', '2018-06-30']]);
      expect(table.diagnostics).toEqual([
        {
          ref: { sheet: 'court-list', row: 8 },
          col: 4,
          zh: '2018年2月没有30日：“2018年2月30日前”',
          en: '2018-2 has no day 30: "2018年2月30日前"',
        },
      ]);
      expect(table.notes).toEqual(['备注：本表由研究室汇总。']);
    });
  },
);
