// Readers of the data file formats. Each yields raw items in file order: a parsed value with its line
// (validated by the caller), a record that could not even be parsed (one rejected record), or a
// problem with the file itself. NDJSON and CSV are streamed; JSON arrays and YAML are read whole,
// up to a size limit.
import { readFile, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import type { CsvError } from 'csv-parse';
import { LineCounter, isMap, isSeq, parseDocument } from 'yaml';
import { jsonArrayElements, lineColumn, parseJson } from '../../engine/data/json.js';
import { mapHeader, rowToRaw } from '../../engine/data/tabular.js';
import type { RecordKind } from '../../engine/data/tabular.js';
import type { RecordProblem, Severity } from '../../engine/data/problems.js';
import { decodeBuffer, decodeFile } from './decode.js';
import type { Encoding, EncodingOption } from './decode.js';

export type Format = 'ndjson' | 'json' | 'yaml' | 'csv';

export type RawItem =
  /** A parsed record, with problems found while turning cells into values (CSV). */
  | { kind: 'record'; line: number; column?: number; value: unknown; problems: RecordProblem[] }
  /** A record that could not be parsed: read and rejected. */
  | { kind: 'reject'; line: number; column?: number; code: string; message: string; messageEn: string }
  /** A problem with the file as a whole (no record). */
  | { kind: 'file'; line: number; column?: number; code: string; severity: Severity; field?: string; message: string; messageEn: string };

export interface ReadContext {
  encoding: EncodingOption;
  /** Largest JSON or YAML file read whole. */
  maxWholeBytes: number;
  /** Set by the reader once known. */
  found: { encoding?: Encoding; format?: Format };
}

const EXTENSIONS: Readonly<Record<string, Format>> = {
  '.ndjson': 'ndjson', '.jsonl': 'ndjson', '.json': 'json', '.yaml': 'yaml', '.yml': 'yaml', '.csv': 'csv',
};

/** The format of a file name by its extension, or null. */
export function formatOf(name: string): Format | null {
  const m = /\.[^./\\]+$/.exec(name.toLowerCase());
  return m ? EXTENSIONS[m[0]] ?? null : null;
}

export function readItems(path: string, format: Format, kind: RecordKind, ctx: ReadContext): AsyncGenerator<RawItem> {
  ctx.found.format = format;
  switch (format) {
    case 'ndjson': return readNdjson(path, ctx);
    case 'json': return readJson(path, ctx);
    case 'yaml': return readYaml(path, ctx);
    case 'csv': return readCsv(path, kind, ctx);
  }
}

/** Lines of a stream of text chunks, without their line breaks (\n or \r\n), numbered from 1. */
async function* lines(chunks: AsyncIterable<string>): AsyncGenerator<{ line: number; text: string }> {
  let carry = '';
  let n = 0;
  for await (const chunk of chunks) {
    const text = carry + chunk;
    let from = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
      n++;
      const end = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { line: n, text: text.slice(from, end) };
      from = nl + 1;
    }
    carry = text.slice(from);
  }
  if (carry !== '') {
    n++;
    yield { line: n, text: carry.endsWith('\r') ? carry.slice(0, -1) : carry };
  }
}

function parsedItem(text: string, line: number, column0: number): RawItem {
  const r = parseJson(text);
  if (r.ok) return { kind: 'record', line, value: r.value, problems: [] };
  const at = lineColumn(text, r.error.offset);
  return {
    kind: 'reject', line: line + at.line - 1, column: at.line === 1 ? column0 + at.column - 1 : at.column, code: 'D0004',
    message: `JSON 格式错误：${r.error.message}`, messageEn: `malformed JSON: ${r.error.messageEn}`,
  };
}

async function* readNdjson(path: string, ctx: ReadContext): AsyncGenerator<RawItem> {
  for await (const { line, text } of lines(decodeFile(path, ctx.encoding, ctx.found))) {
    if (text.trim() === '') continue;
    yield parsedItem(text, line, 1);
  }
}

/** Whole-file text, or a file problem when too large. */
async function wholeText(path: string, ctx: ReadContext, format: string): Promise<{ text: string } | RawItem> {
  const size = (await stat(path)).size;
  if (size > ctx.maxWholeBytes) {
    const mb = (n: number): string => `${Math.round(n / (1 << 20))} MB`;
    return {
      kind: 'file', line: 0, code: 'D0002', severity: 'error',
      message: `文件过大（${mb(size)}），${format} 文件上限为 ${mb(ctx.maxWholeBytes)}；请改用 NDJSON（每行一条记录，可流式读取）`,
      messageEn: `file too large (${mb(size)}): ${format} files are limited to ${mb(ctx.maxWholeBytes)}; use NDJSON (one record a line, streamed) instead`,
    };
  }
  const { text, encoding } = decodeBuffer(await readFile(path), ctx.encoding);
  ctx.found.encoding = encoding;
  return { text };
}

async function* readJson(path: string, ctx: ReadContext): AsyncGenerator<RawItem> {
  const whole = await wholeText(path, ctx, 'JSON');
  if (!('text' in whole)) {
    yield whole;
    return;
  }
  const text = whole.text;
  const start = text.search(/\S/);
  if (start < 0) return; // empty file: no records
  const first = text[start];
  if (first === '[') {
    for (const el of jsonArrayElements(text)) {
      if (el.kind === 'element') yield parsedItem(el.text, el.line, el.column);
      else yield { kind: 'file', line: el.line, column: el.column, code: 'D0003', severity: 'error', message: el.message, messageEn: el.messageEn };
    }
    return;
  }
  if (first === '{') {
    const whole1 = parseJson(text);
    if (whole1.ok) {
      const at = lineColumn(text, start);
      yield { kind: 'record', line: at.line, value: whole1.value, problems: [] };
      return;
    }
    // Several objects, one a line: NDJSON saved as .json.
    yield {
      kind: 'file', line: 0, code: 'D0003', severity: 'warning',
      message: '文件扩展名为 .json，但内容是每行一条记录（NDJSON），按 NDJSON 读取', messageEn: 'a .json file holding one record a line (NDJSON): read as NDJSON',
    };
    let n = 0;
    for (const lineText of text.split('\n')) {
      n++;
      const t = lineText.endsWith('\r') ? lineText.slice(0, -1) : lineText;
      if (t.trim() !== '') yield parsedItem(t, n, 1);
    }
    return;
  }
  const at = lineColumn(text, start);
  yield {
    kind: 'file', line: at.line, column: at.column, code: 'D0003', severity: 'error',
    message: `不是 JSON 文件：内容以 ${JSON.stringify(text.slice(start, start + 12))} 开头（JSON 数据文件应为记录数组 [...]）`,
    messageEn: `not a JSON file: it starts with ${JSON.stringify(text.slice(start, start + 12))} (a JSON data file is an array of records [...])`,
  };
}

async function* readYaml(path: string, ctx: ReadContext): AsyncGenerator<RawItem> {
  const whole = await wholeText(path, ctx, 'YAML');
  if (!('text' in whole)) {
    yield whole;
    return;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(whole.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const pos = lineCounter.linePos(e.pos[0]);
      yield {
        kind: 'file', line: pos.line, column: pos.col, code: 'D0007', severity: 'error',
        message: `YAML 语法错误：${e.message.split('\n')[0]}`, messageEn: `YAML syntax error: ${e.message.split('\n')[0]}`,
      };
    }
    return;
  }
  const contents = doc.contents;
  if (contents === null) return;
  const lineOf = (node: { range?: [number, number, number] | null }): number => (node.range ? lineCounter.linePos(node.range[0]).line : 0);
  if (isSeq(contents)) {
    for (const item of contents.items) {
      const node = item as { range?: [number, number, number] | null; toJSON?: unknown };
      const value: unknown = item !== null && typeof item === 'object' && 'toJS' in item
        ? (item as { toJS(d: typeof doc): unknown }).toJS(doc) : item;
      yield { kind: 'record', line: lineOf(node), value, problems: [] };
    }
    return;
  }
  if (isMap(contents)) {
    yield { kind: 'record', line: lineOf(contents), value: contents.toJS(doc) as unknown, problems: [] };
    return;
  }
  yield {
    kind: 'file', line: lineOf(contents as { range?: [number, number, number] | null }), code: 'D0003', severity: 'error',
    message: 'YAML 数据文件应为记录列表（每项以 - 开头）', messageEn: 'a YAML data file must be a list of records (items starting with -)',
  };
}

/** Folds CRLF into LF (so line numbers inside quoted cells count right), across chunk boundaries. */
async function* lf(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let held = '';
  for await (const c of chunks) {
    let s = held + c;
    held = '';
    if (s.endsWith('\r')) {
      held = '\r';
      s = s.slice(0, -1);
    }
    if (s !== '') yield s.replace(/\r\n/g, '\n');
  }
  if (held !== '') yield held;
}

interface CsvRow { record: string[]; info: { lines: number } }

async function* readCsv(path: string, kind: RecordKind, ctx: ReadContext): AsyncGenerator<RawItem> {
  const skipped: { line: number; err: CsvError }[] = [];
  const parser = parseCsv({
    info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, skip_records_with_error: true, bom: true,
  });
  parser.on('skip', (err: CsvError) => skipped.push({ line: Number((err as unknown as { lines?: number }).lines ?? 0), err }));
  const source = Readable.from(lf(decodeFile(path, ctx.encoding, ctx.found)));
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
        ? { kind: 'reject', line, code: 'D0006', message: 'CSV 引号未闭合，从此行到文件末尾无法读取', messageEn: 'unclosed quote in CSV: the rest of the file from this line cannot be read' }
        : { kind: 'reject', line, code: 'D0006', message: `CSV 格式错误：${s.err.message}`, messageEn: `CSV syntax error: ${s.err.message}` };
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
      if (fields === null) {
        const header = mapHeader(kind, cells);
        for (const p of header.problems) yield { kind: 'file', line, code: p.code, severity: p.severity, field: p.field, message: p.message, messageEn: p.messageEn };
        if (header.problems.some((p) => p.severity === 'error')) {
          stop();
          parser.destroy();
          return;
        }
        fields = header.fields;
        continue;
      }
      const { value, problems } = rowToRaw(fields, cells);
      yield { kind: 'record', line, value, problems };
    }
  } catch (e) {
    const err = e as CsvError;
    yield { kind: 'file', line: lastLine + 1, code: 'D0006', severity: 'error', message: `CSV 读取失败：${err.message}`, messageEn: `CSV cannot be read: ${err.message}` };
  } finally {
    stop();
  }
  yield* flush(Number.POSITIVE_INFINITY);
}
