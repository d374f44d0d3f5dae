// The 通报 as .docx: title, as-of date, the summary paragraph, then the courts × targets table, each
// target's ranking, the overdue and nearly due tasks by owner, and the data sources — on A4 with the
// 公文's margins and fonts.
import { AlignmentType, Document, LineRuleType, Packer, PageOrientation, Paragraph, type Table } from 'docx';
import { TARGET_STATUS_ZH, TASK_STATUS_ZH, displayValue, type Bulletin } from '../../engine/documents/bulletin.js';
import type { GongwenFonts } from '../../engine/documents/gongwen.js';
import { mm, run, taskTable, type RunStyle } from './docx-parts.js';

export async function bulletinDocx(b: Bulletin, f: GongwenFonts): Promise<Uint8Array> {
  const body: RunStyle = { eastAsia: f.body, latin: f.latin, sizePt: 16 };
  const h1: RunStyle = { eastAsia: f.heading1, latin: f.latin, sizePt: 16 };
  const cell: RunStyle = { eastAsia: f.body, latin: f.latin, sizePt: 10.5 };
  const head: RunStyle = { eastAsia: f.heading1, latin: f.latin, sizePt: 10.5 };
  const exact = { line: 579, lineRule: LineRuleType.EXACT };
  const p = (text: string, s: RunStyle, opts: { center?: boolean; indent?: boolean } = {}): Paragraph =>
    new Paragraph({
      alignment: opts.center ? AlignmentType.CENTER : AlignmentType.JUSTIFIED,
      spacing: exact,
      ...(opts.indent ? { indent: { firstLine: 640 } } : {}),
      children: [run(text, s)],
    });
  const children: Array<Paragraph | Table> = [];
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: mm(11), lineRule: LineRuleType.EXACT },
      children: [run(b.title, { eastAsia: f.title, latin: f.latin, sizePt: 22 })],
    }),
  );
  children.push(p(`（截至${b.asOfText}）`, body, { center: true }));
  children.push(p(b.summary, body, { indent: true }));

  children.push(p('一、各法院目标完成情况', h1, { indent: true }));
  if (b.targets.length) {
    const headers = ['法院', ...b.targets.map((t) => `${t.label}\n${t.threshold}`)];
    const rows = b.courts.map((c) => [
      c.court,
      ...c.cells.map((x, k) =>
        x
          ? `${displayValue(x.value, b.targets[k]!.unit, b.targets[k]!.value)}${x.denominator === null ? '' : `（${x.numerator}/${x.denominator}）`}\n${TARGET_STATUS_ZH[x.status]}`
          : '无数据',
      ),
    ]);
    children.push(taskTable(headers, rows, cell, head, [3, ...b.targets.map(() => 2)]));
  } else children.push(p('本方案没有按法院考核的目标。', body, { indent: true }));

  children.push(p('二、各目标排名', h1, { indent: true }));
  for (const k of b.rankings) {
    children.push(p(`${k.label}（${k.unit}）`, body, { indent: true }));
    children.push(
      taskTable(
        ['名次', '法院', '数值', '状态'],
        k.rows.map((x) => [
          String(x.rank),
          x.court,
          displayValue(x.value, k.unit, k.threshold),
          TARGET_STATUS_ZH[x.status],
        ]),
        cell,
        head,
        [1, 4, 2, 2],
      ),
    );
  }

  children.push(p('三、逾期和临近到期的任务', h1, { indent: true }));
  if (b.lateTasks.length) {
    children.push(
      taskTable(
        ['责任人', '职务', '任务', '状态', '期限', '经由'],
        b.lateTasks.map((t) => [t.person, t.post, `${t.task} ${t.title}`, TASK_STATUS_ZH[t.status], t.due, t.via]),
        cell,
        head,
        [2, 4, 5, 2, 3, 3],
      ),
    );
  } else children.push(p('没有逾期或临近到期的任务。', body, { indent: true }));

  children.push(p('四、数据来源', h1, { indent: true }));
  for (const s of b.sources)
    children.push(
      p(`${s.file}：读取 ${s.read} 条，采用 ${s.accepted} 条${s.rejected ? `，拒收 ${s.rejected} 条` : ''}。`, body, {
        indent: true,
      }),
    );

  const doc = new Document({
    creator: 'luoshi',
    title: b.title,
    styles: {
      paragraphStyles: [
        { id: 'Normal', name: 'Normal', run: { font: { eastAsia: f.body, ascii: f.latin, hAnsi: f.latin }, size: 32 } },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297), orientation: PageOrientation.PORTRAIT },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
          },
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
