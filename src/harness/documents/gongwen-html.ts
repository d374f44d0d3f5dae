// The 公文 as one self-contained HTML page with print CSS (A4, GB/T 9704 margins, 22 lines × 28 characters
// at 三号): what `--format html` writes and what the PDF is printed from. Fonts are named first as
// configured, then open fonts (Noto CJK) that a machine without the official ones has.
import type { Gongwen } from '../../engine/documents/gongwen.js';
import { TABLE_WIDTHS } from './docx-parts.js';
import { headerSize } from './gongwen-docx.js';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const family = (name: string, fallback: string): string => `"${name.replace(/"/g, '')}", ${fallback}`;
const SERIF = '"FangSong", "STFangsong", "Noto Serif CJK SC", "Noto Serif SC", serif';
const SANS = '"SimHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';

export function gongwenHtml(g: Gongwen): string {
  const f = g.fonts;
  const total = TABLE_WIDTHS.reduce((a, b) => a + b, 0);
  const body = g.body
    .map((p) => {
      if (p.level === 0) return `<p>${esc(p.text)}</p>`;
      const text = p.level <= 2 || !p.text ? p.text : `${p.text}。`;
      return `<p class="h${p.level}">${esc(p.label)}${esc(text)}</p>`;
    })
    .join('\n');
  const cell = (s: string): string => esc(s).replace(/\n/g, '<br>');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(g.title)}</title>
<style>
@page { size: 210mm 297mm; margin: 37mm 26mm 35mm 28mm;
  @bottom-center { content: "— " counter(page) " —"; font: 14pt ${SERIF}; } }
html { font-family: ${family(f.body, SERIF)}; font-size: 16pt; }
body { margin: 0; width: 156mm; }
p { margin: 0; line-height: calc(225mm / 22); text-indent: 2em; text-align: justify; }
.header { color: #f00; font-family: ${family(f.title, SERIF)}; text-align: center; text-indent: 0; line-height: 1.2; margin-top: 17mm; white-space: nowrap; }
.docno { text-align: center; text-indent: 0; margin-top: calc(225mm / 11); padding-bottom: 4mm; border-bottom: 1.5pt solid #f00; }
.title { font-family: ${family(f.title, SERIF)}; font-size: 22pt; text-align: center; text-indent: 0; line-height: 1.5; margin: calc(225mm / 22) 0; }
.h1 { font-family: ${family(f.heading1, SANS)}; }
.h2 { font-family: ${family(f.heading2, SERIF)}; }
.right { text-align: right; padding-right: 4em; }
.attachment { break-before: page; font-family: ${family(f.heading1, SANS)}; text-indent: 0; }
.caption { font-family: ${family(f.title, SERIF)}; font-size: 18pt; text-align: center; text-indent: 0; line-height: 1.8; }
table { width: 100%; border-collapse: collapse; font-size: 10.5pt; line-height: 1.4; }
th, td { border: 0.5pt solid #000; padding: 1mm; vertical-align: middle; text-align: left; }
th { font-family: ${family(f.heading1, SANS)}; text-align: center; font-weight: normal; }
thead { display: table-header-group; }
.imprint { margin-top: calc(225mm / 22); border-top: 0.5pt solid #000; border-bottom: 0.5pt solid #000; font-size: 14pt; text-indent: 0; padding: 0 1em; display: flex; justify-content: space-between; }
</style></head>
<body>
<p class="header" style="font-size:${headerSize(g.header)}pt">${esc(g.header)}</p>
<p class="docno">${esc(g.docno ?? '')}</p>
<p class="title">${esc(g.title)}</p>
${body}
<p>&nbsp;</p>
<p>${esc(g.attachmentNote)}</p>
<p>&nbsp;</p>
${g.signature ? `<p class="right">${esc(g.signature)}</p>` : ''}
${g.date ? `<p class="right">${esc(g.date)}</p>` : ''}
<p class="attachment">附件</p>
<p class="caption">${esc(g.tableCaption)}</p>
<table>
<colgroup>${TABLE_WIDTHS.map((w) => `<col style="width:${Math.round((w / total) * 1000) / 10}%">`).join('')}</colgroup>
<thead><tr>${g.tableHeaders.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${g.table.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>
${g.printer || g.printDate ? `<div class="imprint"><span>${esc(g.printer ?? '')}</span><span>${esc(g.printDate ?? '')}印发</span></div>` : ''}
</body></html>
`;
}
