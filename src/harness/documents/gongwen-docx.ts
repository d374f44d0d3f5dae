// The 公文 as a .docx laid out per GB/T 9704-2012: A4, margins 37/35/28/26 mm (版心 156 × 225 mm), a grid of
// 22 lines × 28 characters, 发文机关标志 in red over a red rule, title 二号 (22 pt) 小标宋, body 三号 (16 pt)
// 仿宋, headings 一、 in 黑体 and （一） in 楷体, page numbers "— 1 —" in 四号, the 任务分解表 attached and the
// 版记 with the 印发 line at the end.
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  TabStopType,
  TextRun,
  type ISectionOptions,
} from 'docx';
import type { Gongwen } from '../../engine/documents/gongwen.js';
import { TABLE_WIDTHS, mm, pt, run, taskTable, type RunStyle } from './docx-parts.js';

const RED = 'FF0000';
/** 225 mm of 版心 over 22 lines, in twentieths of a point. */
const LINE_PITCH = Math.floor(mm(225) / 22);
/**
 * 28 characters of 16 pt on 156 mm: each character 0.25 pt narrower (w:spacing −5 twips on the runs). A
 * character grid (w:docGrid linesAndChars with w:charSpace) would say the same, but LibreOffice lays it out
 * at twice the pitch, so the line grid carries the 22 lines and the runs the 28 characters.
 */
const CHAR_SPACING = -5;

/** The 发文机关标志's size: as large as 36 pt while it fits the 版心's width on one line. */
export function headerSize(header: string): number {
  return Math.max(16, Math.min(36, Math.floor(((156 / 25.4) * 72) / Math.max(1, [...header].length + 1))));
}

export const PAGE = { width: mm(210), height: mm(297), top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) };

export async function gongwenDocx(g: Gongwen): Promise<Uint8Array> {
  const f = g.fonts;
  const body: RunStyle = { eastAsia: f.body, latin: f.latin, sizePt: 16, spacing: CHAR_SPACING };
  const exact = { line: LINE_PITCH, lineRule: LineRuleType.EXACT };
  const para = (
    children: TextRun[],
    opts: { center?: boolean; right?: boolean; indent?: boolean; before?: number; border?: 'red-bottom' } = {},
  ): Paragraph =>
    new Paragraph({
      children,
      alignment: opts.center ? AlignmentType.CENTER : opts.right ? AlignmentType.RIGHT : AlignmentType.JUSTIFIED,
      spacing: { ...exact, ...(opts.before ? { before: opts.before } : {}) },
      ...(opts.indent ? { indent: { firstLine: pt(16) * 20 } } : {}),
      ...(opts.border === 'red-bottom'
        ? { border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: RED, space: 4 } } }
        : {}),
    });

  const children: Array<Paragraph | ReturnType<typeof taskTable>> = [];
  // 版头: 发文机关标志 (red, 小标宋), 发文字号, the red rule.
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: mm(35) / 2 },
      children: [run(g.header, { eastAsia: f.title, latin: f.latin, sizePt: headerSize(g.header), color: RED })],
    }),
  );
  children.push(
    para(g.docno ? [run(g.docno, body)] : [], { center: true, before: LINE_PITCH * 2, border: 'red-bottom' }),
  );
  children.push(para([]));
  // 标题 in 二号 小标宋, then a blank line.
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: mm(11), lineRule: LineRuleType.EXACT },
      children: [run(g.title, { eastAsia: f.title, latin: f.latin, sizePt: 22 })],
    }),
  );
  children.push(para([]));
  for (const p of g.body) {
    if (p.level === 0) {
      children.push(para([run(p.text, body)], { indent: true }));
      continue;
    }
    const font = p.level === 1 ? f.heading1 : p.level === 2 ? f.heading2 : f.body;
    const head: RunStyle = { eastAsia: font, latin: f.latin, sizePt: 16, spacing: CHAR_SPACING };
    const label = run(p.label, head);
    // Levels 3 and 4 run into their paragraph; their label and title are set apart only by the label.
    children.push(para(p.text ? [label, run(p.level <= 2 ? p.text : `${p.text}。`, head)] : [label], { indent: true }));
  }
  children.push(para([]));
  children.push(para([run(g.attachmentNote, body)], { indent: true }));
  children.push(para([]));
  if (g.signature) children.push(para([run(g.signature, body)], { right: true }));
  if (g.date) children.push(para([run(g.date, body)], { right: true }));
  // 附件: its own section in landscape, 附件 in 黑体 at the top left, the caption in 小标宋, then the table (五号).
  const attachment: Array<Paragraph | ReturnType<typeof taskTable>> = [];
  attachment.push(
    new Paragraph({ spacing: exact, children: [run('附件', { eastAsia: f.heading1, latin: f.latin, sizePt: 16 })] }),
  );
  attachment.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: mm(11), lineRule: LineRuleType.EXACT },
      children: [run(g.tableCaption, { eastAsia: f.title, latin: f.latin, sizePt: 18 })],
    }),
  );
  attachment.push(
    taskTable(
      g.tableHeaders,
      g.table,
      { eastAsia: f.body, latin: f.latin, sizePt: 10.5 },
      { eastAsia: f.heading1, latin: f.latin, sizePt: 10.5 },
      TABLE_WIDTHS,
    ),
  );
  // 版记: the 印发 line between two rules, 四号.
  if (g.printer || g.printDate) {
    const small: RunStyle = { eastAsia: f.body, latin: f.latin, sizePt: 14 };
    attachment.push(para([]));
    attachment.push(
      new Paragraph({
        spacing: exact,
        tabStops: [{ type: TabStopType.RIGHT, position: mm(156) - mm(4) }],
        indent: { left: mm(4) },
        border: {
          top: { style: BorderStyle.SINGLE, size: 4, color: '000000', space: 1 },
          bottom: { style: BorderStyle.SINGLE, size: 4, color: '000000', space: 1 },
        },
        children: [run(g.printer ?? '', small), run('\t', small), run(`${g.printDate ?? ''}印发`, small)],
      }),
    );
  }

  const section: ISectionOptions = {
    properties: {
      page: {
        size: { width: PAGE.width, height: PAGE.height },
        margin: {
          top: PAGE.top,
          bottom: PAGE.bottom,
          left: PAGE.left,
          right: PAGE.right,
          header: mm(15),
          footer: mm(20),
        },
      },
      grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH },
    },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [
              new TextRun({
                children: ['— ', PageNumber.CURRENT, ' —'],
                font: { eastAsia: '宋体', ascii: f.latin, hAnsi: f.latin },
                size: pt(14),
              }),
            ],
          }),
        ],
      }),
    },
    children,
  };
  const attachmentSection: ISectionOptions = {
    properties: {
      page: {
        size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.LANDSCAPE },
        margin: {
          top: PAGE.left,
          bottom: PAGE.right,
          left: PAGE.top,
          right: PAGE.bottom,
          header: mm(15),
          footer: mm(15),
        },
      },
      grid: { type: DocumentGridType.LINES, linePitch: LINE_PITCH },
    },
    footers: section.footers!,
    children: attachment,
  };
  const doc = new Document({
    creator: 'luoshi',
    title: g.title,
    // The grid's character pitch is relative to the Normal style's size, so Normal says 16 pt itself.
    styles: {
      default: { document: { run: { font: { eastAsia: f.body, ascii: f.latin, hAnsi: f.latin }, size: pt(16) } } },
      paragraphStyles: [
        {
          id: 'Normal',
          name: 'Normal',
          run: { font: { eastAsia: f.body, ascii: f.latin, hAnsi: f.latin }, size: pt(16) },
        },
      ],
    },
    sections: [section, attachmentSection],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
