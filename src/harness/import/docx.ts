// A Word document's rows, read from its own XML (word/document.xml and word/numbering.xml): each table row
// as cells (a horizontally merged cell's text in every column it spans, a vertically merged one's in every
// row), each paragraph outside a table as a one-cell row. Automatic numbering is written out as Word shows
// it (一、 （一） 1. （1）), so a 序号 column numbered by Word keeps its numbers.
import { unzipSync, strFromU8 } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import { chineseNumber } from '../../engine/documents/gongwen.js';
import type { SourceRow } from '../../engine/documents/import-table.js';
import { UsageError } from '../io.js';

/** A node as fast-xml-parser gives it with preserveOrder: one tag name → children, attributes under ':@'. */
type XNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
});

const tagOf = (n: XNode): string => Object.keys(n).find((k) => k !== ':@') ?? '';
const kids = (n: XNode): XNode[] => (n[tagOf(n)] as XNode[] | undefined) ?? [];
const attr = (n: XNode, name: string): string | undefined => n[':@']?.[name];
const child = (n: XNode, tag: string): XNode | undefined => kids(n).find((k) => tagOf(k) === tag);

interface Level {
  fmt: string;
  text: string;
  start: number;
}

/** numId → its levels (from the abstract numbering it points at). */
function readNumbering(xml: string | null): Map<string, Level[]> {
  const out = new Map<string, Level[]>();
  if (!xml) return out;
  const root = (parser.parse(xml) as XNode[]).find((n) => tagOf(n) === 'w:numbering');
  if (!root) return out;
  const abstract = new Map<string, Level[]>();
  for (const a of kids(root).filter((n) => tagOf(n) === 'w:abstractNum')) {
    const levels: Level[] = [];
    for (const l of kids(a).filter((n) => tagOf(n) === 'w:lvl')) {
      const ilvl = Number(attr(l, 'w:ilvl') ?? 0);
      levels[ilvl] = {
        fmt: attr(child(l, 'w:numFmt') ?? {}, 'w:val') ?? 'decimal',
        text: attr(child(l, 'w:lvlText') ?? {}, 'w:val') ?? '',
        start: Number(attr(child(l, 'w:start') ?? {}, 'w:val') ?? 1),
      };
    }
    abstract.set(attr(a, 'w:abstractNumId') ?? '', levels);
  }
  for (const n of kids(root).filter((x) => tagOf(x) === 'w:num')) {
    const id = attr(child(n, 'w:abstractNumId') ?? {}, 'w:val');
    if (id !== undefined) out.set(attr(n, 'w:numId') ?? '', abstract.get(id) ?? []);
  }
  return out;
}

function formatNumber(n: number, fmt: string): string {
  if (/chinese|ideograph|japanese|taiwanese/i.test(fmt)) return chineseNumber(n);
  if (fmt === 'upperLetter') return String.fromCharCode(64 + n);
  if (fmt === 'lowerLetter') return String.fromCharCode(96 + n);
  if (fmt === 'bullet' || fmt === 'none') return '';
  return String(n);
}

/** Counts Word's automatic numbers as it shows them, per list, resetting deeper levels. */
class Numberer {
  private counters = new Map<string, number[]>();
  constructor(private lists: Map<string, Level[]>) {}
  label(numId: string, ilvl: number): string {
    const levels = this.lists.get(numId);
    const lvl = levels?.[ilvl];
    if (!levels || !lvl || numId === '0') return '';
    const c = this.counters.get(numId) ?? [];
    for (let k = 0; k < ilvl; k++) if (c[k] === undefined) c[k] = levels[k]?.start ?? 1;
    c[ilvl] = c[ilvl] === undefined ? lvl.start : c[ilvl]! + 1;
    c.length = ilvl + 1;
    this.counters.set(numId, c);
    return lvl.text.replace(/%(\d)/g, (_, d: string) =>
      formatNumber(c[Number(d) - 1] ?? 1, levels[Number(d) - 1]?.fmt ?? 'decimal'),
    );
  }
}

function paragraphText(p: XNode, numberer: Numberer): string {
  let text = '';
  const walk = (n: XNode): void => {
    const tag = tagOf(n);
    if (tag === '#text') {
      text += String(n['#text']);
      return;
    }
    if (tag === 'w:tab') {
      text += '\t';
      return;
    }
    if (tag === 'w:br' || tag === 'w:cr') {
      text += '\n';
      return;
    }
    if (tag === 'w:pPr' || tag === 'w:rPr' || tag === 'w:instrText' || tag === 'w:delText') return;
    for (const k of kids(n)) walk(k);
  };
  walk(p);
  const numPr = child(child(p, 'w:pPr') ?? {}, 'w:numPr');
  if (numPr) {
    const label = numberer.label(
      attr(child(numPr, 'w:numId') ?? {}, 'w:val') ?? '0',
      Number(attr(child(numPr, 'w:ilvl') ?? {}, 'w:val') ?? 0),
    );
    if (label) text = `${label}${text}`;
  }
  return text;
}

export function docxRows(data: Uint8Array): SourceRow[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(data);
  } catch {
    throw new UsageError('不是有效的 .docx（无法解压） / not a valid .docx (cannot unzip)');
  }
  const doc = files['word/document.xml'];
  if (!doc) throw new UsageError('不是有效的 .docx（缺 word/document.xml） / not a valid .docx (no word/document.xml)');
  const numberer = new Numberer(
    readNumbering(files['word/numbering.xml'] ? strFromU8(files['word/numbering.xml']) : null),
  );
  const root = (parser.parse(strFromU8(doc)) as XNode[]).find((n) => tagOf(n) === 'w:document');
  const body = root ? child(root, 'w:body') : undefined;
  if (!body) throw new UsageError('不是有效的 .docx（没有正文） / not a valid .docx (no body)');
  const rows: SourceRow[] = [];
  let paragraph = 0,
    table = 0;
  const readTable = (tbl: XNode): void => {
    table++;
    const t = table;
    let above: string[] = [];
    let r = 0;
    for (const tr of kids(tbl).filter((n) => tagOf(n) === 'w:tr')) {
      r++;
      const cells: string[] = [];
      const mergedAbove: boolean[] = [];
      for (const tc of kids(tr).filter((n) => tagOf(n) === 'w:tc')) {
        const pr = child(tc, 'w:tcPr');
        const span = Number(attr(child(pr ?? {}, 'w:gridSpan') ?? {}, 'w:val') ?? 1);
        const vMerge = pr ? child(pr, 'w:vMerge') : undefined;
        const col = cells.length;
        let text: string = kids(tc)
          .filter((n) => tagOf(n) === 'w:p')
          .map((p) => paragraphText(p, numberer))
          .join('\n')
          .trim();
        const continued = vMerge !== undefined && attr(vMerge, 'w:val') !== 'restart';
        if (continued) text = above[col] ?? text;
        for (let k = 0; k < span; k++) {
          cells.push(text);
          mergedAbove.push(continued);
        }
      }
      above = cells;
      rows.push({ cells, ref: { table: t, row: r }, mergedAbove });
    }
  };
  for (const n of kids(body)) {
    const tag = tagOf(n);
    if (tag === 'w:p') {
      paragraph++;
      const text = paragraphText(n, numberer).trim();
      if (text) rows.push({ cells: [text], ref: { paragraph } });
    } else if (tag === 'w:tbl') readTable(n);
  }
  return rows;
}
