// Readers of the data file formats. Each yields raw items in file order: a parsed value with its line
// (validated by the caller), a record that could not even be parsed (one rejected record), or a
// problem with the file itself. NDJSON and CSV are streamed; JSON arrays and YAML are read whole,
// up to a size limit. A line that cannot be decoded (decode.ts) rejects the record that holds it.
import { readFile, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import type { CsvError } from 'csv-parse';
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import { jsonArrayElements, lineColumn, parseJson } from '../../engine/data/json.js';
import { mapHeader, rowToRaw } from '../../engine/data/tabular.js';
import type { RecordKind } from '../../engine/data/tabular.js';
import type { RecordProblem, Severity } from '../../engine/data/problems.js';
import { decodeBuffer, decodeFileLines, lineProblemMessage, rawFileLines, rawLineText } from './decode.js';
import type { ByteRange, EncodingOption, Found, LineProblem, RawLines } from './decode.js';

export type Format = 'ndjson' | 'json' | 'yaml' | 'csv';

export type RawItem =
  /** A parsed record, with problems found while turning cells into values (CSV). */
  | { kind: 'record'; line: number; column?: number; value: unknown; problems: RecordProblem[] }
  /** A record that could not be parsed: read and rejected. */
  | { kind: 'reject'; line: number; column?: number; code: string; message: string; messageEn: string }
  /** A problem with the file as a whole (no record). */
  | {
      kind: 'file';
      line: number;
      column?: number;
      code: string;
      severity: Severity;
      field?: string;
      message: string;
      messageEn: string;
    };

export interface ReadContext {
  encoding: EncodingOption;
  /** Largest JSON or YAML file read whole. */
  maxWholeBytes: number;
  /** Set by the reader once known. */
  found: Found & { format?: Format };
  /** Told the size of each part of the file as it is read (for a progress bar). */
  onBytes?: (n: number) => void;
  /** NDJSON only: read just these bytes of the file, its lines numbered from 1 (./ranges.ts). */
  range?: ByteRange;
  /** NDJSON in UTF-8: offered each line's bytes first; a line it takes is not read again (./index.ts). */
  fastLine?: FastLine;
}

/** Takes the line bytes[start, end) (valid UTF-8, `line` its number) whole and returns true, or declines. */
export type FastLine = (bytes: Uint8Array, start: number, end: number, line: number) => boolean;

const EXTENSIONS: Readonly<Record<string, Format>> = {
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
  '.json': 'json',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.csv': 'csv',
};

/** Whether `name` is one of the formats these readers read. */
export const isFormat = (name: string): name is Format => Object.values(EXTENSIONS).includes(name as Format);

/** The format of a file name by its extension, or null. */
export function formatOf(name: string): Format | null {
  const m = /\.[^./\\]+$/.exec(name.toLowerCase());
  return m ? (EXTENSIONS[m[0]] ?? null) : null;
}

export function readItems(path: string, format: Format, kind: RecordKind, ctx: ReadContext): AsyncGenerator<RawItem> {
  ctx.found.format = format;
  switch (format) {
    case 'ndjson':
      return readNdjson(path, ctx);
    case 'json':
      return readJson(path, ctx);
    case 'yaml':
      return readYaml(path, ctx);
    case 'csv':
      return readCsv(path, kind, ctx);
  }
}

/** A record rejected because of its line `line` (cannot be decoded, or too long). */
function lineReject(line: number, p: LineProblem): RawItem {
  return { kind: 'reject', line, ...lineProblemMessage(p) };
}

/** The lines that could not be decoded, matched to the records (in file order) that hold them. */
class BadLines {
  private readonly lines: Array<[number, LineProblem]>;
  private next = 0;
  private orphans: Array<[number, LineProblem]> = [];
  constructor(
    bad: ReadonlyMap<number, LineProblem> = new Map(),
    private readonly asRecords = false,
  ) {
    this.lines = [...bad];
  }
  /** One more bad line (after those given). */
  add(line: number, p: LineProblem): void {
    this.lines.push([line, p]);
  }
  /** The first bad line of a record on lines [from, to]; bad lines before it that no record holds are kept for `leftover`. */
  within(from: number, to: number): RawItem | null {
    let hit: RawItem | null = null;
    while (this.next < this.lines.length && this.lines[this.next]![0] <= to) {
      const [line, p] = this.lines[this.next++]!;
      if (line < from) this.orphans.push([line, p]);
      else hit ??= lineReject(line, p);
    }
    return hit;
  }
  /** Bad lines no record holds (all the rest when `all`): rejected records of their own (CSV rows) or file problems. */
  *leftover(all = false): Generator<RawItem> {
    if (all) while (this.next < this.lines.length) this.orphans.push(this.lines[this.next++]!);
    for (const [line, p] of this.orphans)
      yield this.asRecords ? lineReject(line, p) : { kind: 'file', line, severity: 'error', ...lineProblemMessage(p) };
    this.orphans = [];
  }
}

function parsedItem(text: string, line: number, column0: number): RawItem {
  const r = parseJson(text);
  if (r.ok) return { kind: 'record', line, value: r.value, problems: [] };
  const at = lineColumn(text, r.error.offset);
  return {
    kind: 'reject',
    line: line + at.line - 1,
    column: at.line === 1 ? column0 + at.column - 1 : at.column,
    code: 'D0004',
    message: `JSON 格式错误：${r.error.message}`,
    messageEn: `malformed JSON: ${r.error.messageEn}`,
  };
}

/** One decoded NDJSON line as an item: a record, a rejected one, or nothing (a blank line). */
export function ndjsonLineItem(text: string, line: number): RawItem | null {
  return text.trim() !== '' ? parsedItem(text, line, 1) : null;
}

async function* readNdjson(path: string, ctx: ReadContext): AsyncGenerator<RawItem> {
  const fast = ctx.fastLine;
  const batches = fast
    ? rawFileLines(path, ctx.encoding, ctx.found, undefined, ctx.onBytes, ctx.range)
    : decodeFileLines(path, ctx.encoding, ctx.found, undefined, ctx.onBytes, ctx.range);
  for await (const batch of batches) {
    for (const l of batch) {
      if ('raw' in l) yield* rawLineItems(l, fast!);
      else if (l.problem) yield lineReject(l.line, l.problem);
      else {
        const item = ndjsonLineItem(l.text, l.line);
        if (item) yield item;
      }
    }
  }
}

/**
 * The items of an undecoded block's lines: each line is offered to `fast` first (which takes it whole, or
 * declines), then read as text. Lines are offered only once the items before them have been taken: the
 * caller consumes each item before asking for the next, so records keep the file's order.
 */
function* rawLineItems(block: RawLines, fast: FastLine): Generator<RawItem> {
  const bytes = block.bytes;
  let line = block.first;
  for (let from = 0; from < bytes.length; line++) {
    let nl = bytes.indexOf(10, from);
    if (nl < 0) nl = bytes.length;
    const end = nl > from && bytes[nl - 1] === 13 ? nl - 1 : nl;
    if (!fast(bytes, from, end, line)) {
      const item = ndjsonLineItem(rawLineText(bytes, from, end), line);
      if (item) yield item;
    }
    from = nl + 1;
  }
}

/** Whole-file text, or a file problem when too large. */
async function wholeText(
  path: string,
  ctx: ReadContext,
  format: string,
): Promise<{ text: string; bad: ReadonlyMap<number, LineProblem> } | RawItem> {
  const size = (await stat(path)).size;
  if (size > ctx.maxWholeBytes) {
    const mb = (n: number): string => `${Math.round(n / (1 << 20))} MB`;
    return {
      kind: 'file',
      line: 0,
      code: 'D0002',
      severity: 'error',
      message: `文件过大（${mb(size)}），${format} 文件上限为 ${mb(ctx.maxWholeBytes)}；请改用 NDJSON（每行一条记录，可流式读取）`,
      messageEn: `file too large (${mb(size)}): ${format} files are limited to ${mb(ctx.maxWholeBytes)}; use NDJSON (one record a line, streamed) instead`,
    };
  }
  const bytes = await readFile(path);
  ctx.onBytes?.(bytes.byteLength);
  const { text, encoding, bad } = decodeBuffer(bytes, ctx.encoding);
  ctx.found.encoding = encoding;
  return { text, bad };
}

async function* readJson(path: string, ctx: ReadContext): AsyncGenerator<RawItem> {
  const whole = await wholeText(path, ctx, 'JSON');
  if (!('text' in whole)) {
    yield whole;
    return;
  }
  const { text } = whole;
  const bad = new BadLines(whole.bad);
  const start = text.search(/\S/);
  if (start < 0) return; // empty file: no records
  const first = text[start];
  if (first === '[') {
    for (const el of jsonArrayElements(text)) {
      if (el.kind === 'error') {
        yield {
          kind: 'file',
          line: el.line,
          column: el.column,
          code: 'D0003',
          severity: 'error',
          message: el.message,
          messageEn: el.messageEn,
        };
        continue;
      }
      const undecodable = bad.within(el.line, el.endLine);
      yield* bad.leftover();
      if (undecodable) yield undecodable;
      else if (el.kind === 'bad')
        yield {
          kind: 'reject',
          line: el.line,
          column: el.column,
          code: 'D0004',
          message: `JSON 格式错误：${el.message}`,
          messageEn: `malformed JSON: ${el.messageEn}`,
        };
      else yield parsedItem(el.text, el.line, el.column);
    }
    yield* bad.leftover(true);
    return;
  }
  if (first === '{') {
    const whole1 = parseJson(text);
    if (whole1.ok) {
      const at = lineColumn(text, start);
      const undecodable = bad.within(1, Number.POSITIVE_INFINITY);
      yield undecodable ?? { kind: 'record', line: at.line, value: whole1.value, problems: [] };
      return;
    }
    // Several objects, one a line: NDJSON saved as .json.
    yield {
      kind: 'file',
      line: 0,
      code: 'D0003',
      severity: 'warning',
      message: '文件扩展名为 .json，但内容是每行一条记录（NDJSON），按 NDJSON 读取',
      messageEn: 'a .json file holding one record a line (NDJSON): read as NDJSON',
    };
    let n = 0;
    for (const lineText of text.split('\n')) {
      n++;
      const t = lineText.endsWith('\r') ? lineText.slice(0, -1) : lineText;
      const undecodable = bad.within(n, n);
      if (undecodable) yield undecodable;
      else if (t.trim() !== '') yield parsedItem(t, n, 1);
    }
    return;
  }
  const at = lineColumn(text, start);
  yield {
    kind: 'file',
    line: at.line,
    column: at.column,
    code: 'D0003',
    severity: 'error',
    message: `不是 JSON 文件：内容以 ${JSON.stringify(text.slice(start, start + 12))} 开头（JSON 数据文件应为记录数组 [...]）`,
    messageEn: `not a JSON file: it starts with ${JSON.stringify(text.slice(start, start + 12))} (a JSON data file is an array of records [...])`,
  };
}

type YamlNode = { range?: [number, number, number] | null };

/** The first key repeated in a YAML map (or a map inside it), with its offset; null when none. */
function repeatedKey(node: unknown, depth = 0): { key: string; offset: number } | null {
  if (depth > 32) return null; // deeper nesting is rejected when the record is validated
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (seen.has(k)) return { key: k, offset: (pair.key as YamlNode | null)?.range?.[0] ?? 0 };
      seen.add(k);
      const inner = repeatedKey(pair.value, depth + 1);
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const inner = repeatedKey(item, depth + 1);
      if (inner) return inner;
    }
  }
  return null;
}

async function* readYaml(path: string, ctx: ReadContext): AsyncGenerator<RawItem> {
  const whole = await wholeText(path, ctx, 'YAML');
  if (!('text' in whole)) {
    yield whole;
    return;
  }
  const bad = new BadLines(whole.bad);
  const lineCounter = new LineCounter();
  // Repeated keys are found per record below (one record rejected, not the file).
  const doc = parseDocument(whole.text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = lineCounter.linePos(e.pos[0]);
      yield {
        kind: 'file',
        line: pos.line,
        column: pos.col,
        code: 'D0007',
        severity: 'error',
        message: `YAML 语法错误：${e.message.split('\n')[0]}`,
        messageEn: `YAML syntax error: ${e.message.split('\n')[0]}`,
      };
    }
    return;
  }
  const contents = doc.contents;
  if (contents === null) return;
  const lineOf = (node: YamlNode): number => (node.range ? lineCounter.linePos(node.range[0]).line : 0);
  const endLineOf = (node: YamlNode): number =>
    node.range ? lineCounter.linePos(Math.max(node.range[0], node.range[1] - 1)).line : 0;
  const item = (node: unknown): RawItem => {
    const n = (node ?? {}) as YamlNode;
    const line = lineOf(n);
    const undecodable = bad.within(line, endLineOf(n));
    if (undecodable) return undecodable;
    const dup = repeatedKey(node);
    if (dup) {
      const pos = lineCounter.linePos(dup.offset);
      return {
        kind: 'reject',
        line: pos.line,
        column: pos.col,
        code: 'D0007',
        message: `YAML 记录中的键“${dup.key}”重复`,
        messageEn: `the key "${dup.key}" is repeated in a YAML record`,
      };
    }
    let value: unknown;
    try {
      value =
        node !== null && typeof node === 'object' && 'toJS' in node
          ? (node as { toJS(d: typeof doc): unknown }).toJS(doc)
          : node;
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      return {
        kind: 'reject',
        line,
        code: 'D0014',
        message: '记录嵌套过深，未读取',
        messageEn: 'the record is nested too deeply and is not read',
      };
    }
    return { kind: 'record', line, value, problems: [] };
  };
  if (isSeq(contents)) {
    for (const node of contents.items) {
      const it = item(node);
      yield* bad.leftover();
      yield it;
    }
    yield* bad.leftover(true);
    return;
  }
  if (isMap(contents)) {
    yield item(contents);
    yield* bad.leftover(true);
    return;
  }
  yield {
    kind: 'file',
    line: lineOf(contents as YamlNode),
    code: 'D0003',
    severity: 'error',
    message: 'YAML 数据文件应为记录列表（每项以 - 开头）',
    messageEn: 'a YAML data file must be a list of records (items starting with -)',
  };
}

interface CsvRow {
  record: string[];
  info: { lines: number };
}

async function* readCsv(path: string, kind: RecordKind, ctx: ReadContext): AsyncGenerator<RawItem> {
  const skipped: { line: number; err: CsvError }[] = [];
  const parser = parseCsv({
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    bom: true,
  });
  parser.on('skip', (err: CsvError) =>
    skipped.push({ line: Number((err as unknown as { lines?: number }).lines ?? 0), err }),
  );
  // Lines that cannot be read reach the parser lossily decoded (or empty when too long), so rows keep
  // their line numbers; the rows holding them are rejected.
  const bad = new BadLines(new Map(), true);
  const text = async function* (): AsyncGenerator<string> {
    for await (const batch of decodeFileLines(path, ctx.encoding, ctx.found, undefined, ctx.onBytes, ctx.range)) {
      let s = '';
      for (const l of batch) {
        if (l.problem) bad.add(l.line, l.problem);
        s += l.text + '\n';
      }
      yield s;
    }
  };
  const source = Readable.from(text());
  source.on('error', (e) => parser.destroy(e));
  source.pipe(parser);

  let fields: (string | null)[] | null = null;
  let lastLine = 0;
  const stop = (): void => {
    source.unpipe(parser);
    source.destroy();
  };
  const flush = function* (before: number): Generator<RawItem> {
    while (skipped.length > 0 && skipped[0]!.line < before) {
      const s = skipped.shift()!;
      const unclosed = s.err.code === 'CSV_QUOTE_NOT_CLOSED';
      const line = unclosed ? lastLine + 1 : s.line;
      const item: RawItem = unclosed
        ? {
            kind: 'reject',
            line,
            code: 'D0006',
            message: 'CSV 引号未闭合，从此行到文件末尾无法读取',
            messageEn: 'unclosed quote in CSV: the rest of the file from this line cannot be read',
          }
        : {
            kind: 'reject',
            line,
            code: 'D0006',
            message: `CSV 格式错误：${s.err.message}`,
            messageEn: `CSV syntax error: ${s.err.message}`,
          };
      if (fields === null) {
        yield { ...item, kind: 'file', severity: 'error' };
      } else yield item;
    }
  };
  try {
    for await (const row of parser as AsyncIterable<CsvRow>) {
      const cells = row.record;
      let inner = 0;
      for (const c of cells) for (let k = c.indexOf('\n'); k >= 0; k = c.indexOf('\n', k + 1)) inner++;
      const line = row.info.lines - inner;
      yield* flush(line);
      lastLine = row.info.lines;
      const undecodable = bad.within(line, row.info.lines);
      yield* bad.leftover();
      if (fields === null) {
        if (undecodable) yield { ...undecodable, kind: 'file', severity: 'error' } as RawItem;
        const header = mapHeader(kind, cells);
        for (const p of header.problems)
          yield {
            kind: 'file',
            line,
            code: p.code,
            severity: p.severity,
            field: p.field,
            message: p.message,
            messageEn: p.messageEn,
          };
        if (header.problems.some((p) => p.severity === 'error')) {
          stop();
          parser.destroy();
          return;
        }
        fields = header.fields;
        continue;
      }
      if (undecodable) {
        yield undecodable;
        continue;
      }
      const { value, problems } = rowToRaw(fields, cells);
      yield { kind: 'record', line, value, problems };
    }
  } catch (e) {
    const err = e as CsvError;
    yield {
      kind: 'file',
      line: lastLine + 1,
      code: 'D0006',
      severity: 'error',
      message: `CSV 读取失败：${err.message}`,
      messageEn: `CSV cannot be read: ${err.message}`,
    };
  } finally {
    stop();
  }
  yield* flush(Number.POSITIVE_INFINITY);
  if (fields !== null) yield* bad.leftover(true);
}
