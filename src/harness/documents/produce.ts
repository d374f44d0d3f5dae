// The documents a plan or a report becomes, as bytes with their media type: one place that the command
// line (render, report) and the workbench's server both call.
import { buildBulletin, type Bulletin } from '../../engine/documents/bulletin.js';
import { buildGongwen, DEFAULT_FONTS } from '../../engine/documents/gongwen.js';
import type { PlanIR } from '../../engine/ir/types.js';
import type { DocumentSettings } from '../../engine/plugins/config.js';
import type { PlanReport } from '../../engine/report/model.js';
import { bulletinDocx } from './bulletin-docx.js';
import { bulletinXlsx } from './bulletin-xlsx.js';
import { gongwenDocx } from './gongwen-docx.js';
import { gongwenHtml } from './gongwen-html.js';
import { htmlToPdf } from './pdf.js';
import { tableDocx } from './table-docx.js';
import { tableXlsx } from './table-xlsx.js';

export interface Produced {
  bytes: Uint8Array | string;
  mediaType: string;
  extension: string;
}

const MEDIA: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

/** The 公文 (docx, html, pdf) or, with `table`, the 任务分解表 alone (xlsx, docx). */
export async function planDocument(
  ir: PlanIR,
  settings: DocumentSettings,
  format: string,
  table: boolean,
): Promise<Produced> {
  const fonts = { ...DEFAULT_FONTS, ...(settings.fonts ?? {}) };
  let bytes: Uint8Array | string;
  if (table) bytes = format === 'xlsx' ? await tableXlsx(ir, fonts.body) : await tableDocx(ir, fonts);
  else {
    const g = buildGongwen(ir, settings);
    bytes =
      format === 'docx' ? await gongwenDocx(g) : format === 'pdf' ? await htmlToPdf(gongwenHtml(g)) : gongwenHtml(g);
  }
  return { bytes, mediaType: MEDIA[format]!, extension: `.${format}` };
}

/** The 通报 (docx, xlsx) of a report. */
export async function bulletinDocument(
  report: PlanReport,
  sources: Bulletin['sources'],
  settings: DocumentSettings,
  format: 'docx' | 'xlsx',
): Promise<Produced> {
  const fonts = { ...DEFAULT_FONTS, ...(settings.fonts ?? {}) };
  const b = buildBulletin(report, sources);
  return {
    bytes: format === 'docx' ? await bulletinDocx(b, fonts) : await bulletinXlsx(b, fonts.body),
    mediaType: MEDIA[format]!,
    extension: `.${format}`,
  };
}
