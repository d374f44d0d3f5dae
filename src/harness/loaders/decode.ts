// Text encodings of data files: UTF-8 (with or without BOM), GB18030/GBK (Chinese Excel's default), and
// UTF-16 with a BOM. Decoding is per line: a file is read in the encoding nearly all of it is in (a BOM
// decides; otherwise UTF-8, unless most of the non-ASCII lines of its first megabyte are GB18030 and not
// UTF-8), and a line that is not valid in that encoding is one problem (编码错误, its line and bytes), the
// other lines are read. Lines are split on the byte 0x0A, which is never part of a multi-byte character
// in UTF-8 or GB18030, in time linear in the file's size; a line longer than MAX_LINE_BYTES is skipped
// unread (a problem too), never accumulated.
import { isUtf8 } from 'node:buffer';
import { open, type FileHandle } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { UsageError } from '../io.js';
export type Encoding = 'utf8' | 'gb18030' | 'utf16le' | 'utf16be';
export type EncodingOption = 'auto' | Encoding;

/** What decoding found out: the encoding once known, and (after the last line) how many lines there were. */
export interface Found {
  encoding?: Encoding;
  lines?: number;
}

/** Bytes [start, end) of a file that begin at a line's start and end after a line break (or at the file's end). */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * A block of whole lines of a UTF-8 file, valid UTF-8, left undecoded (decodeFileLines with `raw`): line
 * `first` begins at byte 0; each line ends with \n (with \r before it, not part of the line), the last maybe not.
 */
export interface RawLines {
  raw: true;
  bytes: Uint8Array;
  first: number;
}

/** The text of the valid UTF-8 bytes [start, end) of a RawLines block. */
export function rawLineText(bytes: Uint8Array, start: number, end: number): string {
  return utf8Line.decode(bytes.subarray(start, end));
}

/** The encoding named by a user (utf8, UTF-8, gbk, gb2312, gb18030, auto…); UsageError otherwise. */
export function parseEncodingOption(name: string | undefined): EncodingOption {
  if (name === undefined) return 'auto';
  const n = name.toLowerCase().replace(/[-_]/g, '');
  if (n === 'auto') return 'auto';
  if (n === 'utf8') return 'utf8';
  if (n === 'gbk' || n === 'gb2312' || n === 'gb18030' || n === 'cp936') return 'gb18030';
  if (n === 'utf16le' || n === 'utf16') return 'utf16le';
  if (n === 'utf16be') return 'utf16be';
  throw new UsageError(
    `不支持的编码：${name}（可用 utf8、gbk、gb18030、auto） / unsupported encoding ${name} (use utf8, gbk, gb18030 or auto)`,
  );
}

/** Longest line read (16 MiB; a case record is about 1 KB). */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;
/** How much of a file (from its first line holding non-ASCII bytes) decides its encoding. */
const SAMPLE_BYTES = 1 << 20;
/** Non-ASCII lines that are enough to decide. */
const SAMPLE_LINES = 64;

/** Why a line could not be read: not valid in the file's encoding, or too long. */
export type LineProblem =
  /** `utf8Line`: valid GB18030 too, but a UTF-8 line in a GB18030 file (it would read as garbled text). */
  | { kind: 'encoding'; encoding: Encoding; bytes: number; hex: string; utf8Line?: boolean }
  | { kind: 'length'; bytes: number; limit: number };

/** A line of text without its line break; when `problem` is set, `text` is the lossy decoding (or '' when too long). */
export interface TextLine {
  line: number;
  text: string;
  problem?: LineProblem;
}

const ENCODING_NAMES: Readonly<Record<Encoding, string>> = {
  utf8: 'UTF-8',
  gb18030: 'GB18030',
  utf16le: 'UTF-16LE',
  utf16be: 'UTF-16BE',
};

const HEX_BYTES = 32;
function hexOf(b: Uint8Array): string {
  const shown = Array.from(b.subarray(0, HEX_BYTES), (x) => x.toString(16).padStart(2, '0')).join(' ');
  return b.length > HEX_BYTES ? `${shown} …` : shown;
}

const mb = (n: number): string => `${(n / (1 << 20)).toFixed(n < 10 << 20 ? 1 : 0)} MB`;

/** The D-code and bilingual message of a line that could not be read. */
export function lineProblemMessage(p: LineProblem): { code: string; message: string; messageEn: string } {
  if (p.kind === 'encoding') {
    const name = ENCODING_NAMES[p.encoding];
    if (p.utf8Line) {
      return {
        code: 'D0013',
        message: `编码错误：该行是 UTF-8 编码，而本文件按 ${name} 读取，未读取；该行 ${p.bytes} 个字节，开头为 ${p.hex}`,
        messageEn: `encoding error: the line is UTF-8 while the file is read as ${name}; it is not read; its ${p.bytes} bytes start ${p.hex}`,
      };
    }
    return {
      code: 'D0013',
      message: `编码错误：该行不是有效的 ${name}（本文件按 ${name} 读取），未读取；该行 ${p.bytes} 个字节，开头为 ${p.hex}`,
      messageEn: `encoding error: the line is not valid ${name} (the file is read as ${name}) and is not read; its ${p.bytes} bytes start ${p.hex}`,
    };
  }
  return {
    code: 'D0015',
    message: `该行过长（${mb(p.bytes)}，每行上限 ${mb(p.limit)}），未读取`,
    messageEn: `the line is too long (${mb(p.bytes)}; a line may hold at most ${mb(p.limit)}) and is not read`,
  };
}

type StrictDecoder = InstanceType<typeof TextDecoder>;
const strictDecoders = new Map<Encoding, StrictDecoder>();
function strict(enc: Encoding): StrictDecoder {
  let d = strictDecoders.get(enc);
  if (!d) {
    d = new TextDecoder(
      enc === 'utf8' ? 'utf-8' : enc === 'gb18030' ? 'gb18030' : enc === 'utf16le' ? 'utf-16le' : 'utf-16be',
      { fatal: true, ignoreBOM: true },
    );
    strictDecoders.set(enc, d);
  }
  return d;
}

const utf8Fast = new TextDecoder('utf-8', { ignoreBOM: true });
const utf8Line = new TextDecoder('utf-8', { ignoreBOM: true });

/** The text of `b` in `enc`, or null when `b` is not valid in it. */
function decodeStrict(b: Uint8Array, enc: Encoding): string | null {
  if (enc === 'utf8') {
    // Validated first (fast), then decoded by a non-fatal streaming decoder: in measurements that is faster
    // than one fatal decode. A valid block ends on a character boundary, so no state carries over.
    return isUtf8(b) ? utf8Fast.decode(b, { stream: true }) : null;
  }
  try {
    return strict(enc).decode(b);
  } catch {
    return null;
  }
}

function decodeLossy(b: Uint8Array, enc: Encoding): string {
  const d = decoderFor(enc);
  return d.write(b) + d.end();
}

/** One line's bytes (without its \n) as a TextLine. */
function lineOf(b: Uint8Array, line: number, enc: Encoding, maxLineBytes: number): TextLine {
  const body = b.length > 0 && b[b.length - 1] === 13 ? b.subarray(0, b.length - 1) : b;
  if (body.length > maxLineBytes)
    return { line, text: '', problem: { kind: 'length', bytes: body.length, limit: maxLineBytes } };
  const text = decodeStrict(body, enc);
  if (text !== null && !(enc === 'gb18030' && isUtf8Text(body))) return { line, text };
  if (text !== null)
    return {
      line,
      text,
      problem: { kind: 'encoding', encoding: enc, bytes: body.length, hex: hexOf(body), utf8Line: true },
    };
  return {
    line,
    text: decodeLossy(body, enc),
    problem: { kind: 'encoding', encoding: enc, bytes: body.length, hex: hexOf(body) },
  };
}

/** Whether bytes are valid UTF-8 holding some non-ASCII character (GB18030 text almost never is). */
function isUtf8Text(b: Uint8Array): boolean {
  const u = decodeStrict(b, 'utf8');
  return u !== null && u.length !== b.length;
}

/** Lines of a block of whole lines (each ending in \n, the last one maybe not), numbered from `first`. */
function blockLines(block: Uint8Array, first: number, enc: Encoding, maxLineBytes: number): TextLine[] {
  const out: TextLine[] = [];
  // GB18030 reads UTF-8 bytes without error (as garbled text): its lines are checked one by one.
  if (block.length <= maxLineBytes && enc !== 'gb18030') {
    // Fast path: the block is valid as a whole.
    const text = decodeStrict(block, enc);
    if (text !== null) {
      let from = 0,
        line = first;
      while (from < text.length) {
        let nl = text.indexOf('\n', from);
        if (nl < 0) nl = text.length;
        const end = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        out.push({ line: line++, text: text.slice(from, end) });
        from = nl + 1;
      }
      return out;
    }
  }
  let from = 0,
    line = first;
  while (from < block.length) {
    let nl = block.indexOf(10, from);
    if (nl < 0) nl = block.length;
    out.push(lineOf(block.subarray(from, nl), line++, enc, maxLineBytes));
    from = nl + 1;
  }
  return out;
}

/** Splits whole-line blocks into line byte ranges. */
function splitLines(block: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let from = 0;
  while (from < block.length) {
    let nl = block.indexOf(10, from);
    if (nl < 0) nl = block.length;
    out.push(block.subarray(from, nl));
    from = nl + 1;
  }
  return out;
}

/** Counts, among lines with non-ASCII bytes, those valid as UTF-8 and those valid only as GB18030. */
class EncodingVote {
  utf8 = 0;
  gb = 0;
  add(line: Uint8Array): void {
    const u = decodeStrict(line, 'utf8');
    if (u !== null) {
      if (u.length !== line.length) this.utf8++; // shorter than its bytes: it has multi-byte characters
    } else if (decodeStrict(line, 'gb18030') !== null) this.gb++;
  }
  get votes(): number {
    return this.utf8 + this.gb;
  }
  get winner(): Encoding {
    return this.gb > this.utf8 ? 'gb18030' : 'utf8';
  }
}

function concatAll(parts: readonly Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let k = 0;
  for (const p of parts) {
    out.set(p, k);
    k += p.length;
  }
  return out;
}

/**
 * The lines of a stream of byte chunks, decoded, in batches (one per chunk); `found.encoding` is set once
 * known. UTF-16 files (by BOM or option) are decoded as a stream and split as text.
 */
export function decodeLines(
  chunks: AsyncIterable<Uint8Array>,
  option: EncodingOption,
  found: Found = {},
  maxLineBytes = MAX_LINE_BYTES,
  atFileStart = true,
): AsyncGenerator<TextLine[]> {
  // Without `raw`, no block is left undecoded.
  return linesOf(chunks, option, found, maxLineBytes, atFileStart, false) as AsyncGenerator<TextLine[]>;
}

/** decodeLines, with the blocks of a UTF-8 file that are valid UTF-8 left undecoded when `raw`. */
async function* linesOf(
  chunks: AsyncIterable<Uint8Array>,
  option: EncodingOption,
  found: Found,
  maxLineBytes: number,
  atFileStart: boolean,
  raw: boolean,
): AsyncGenerator<Array<TextLine | RawLines>> {
  const it = chunks[Symbol.asyncIterator]();
  // The first bytes: a BOM?
  let head: Uint8Array = new Uint8Array(0);
  let done = false;
  while (head.length < 3 && !done) {
    const r = await it.next();
    if (r.done) done = true;
    else head = head.length === 0 ? r.value : concatAll([head, r.value], head.length + r.value.length);
  }
  let enc: Encoding | null = option === 'auto' ? null : option;
  // A BOM counts only at the file's start (a range further in begins with a line's own bytes).
  const bom = atFileStart ? bomOf(head) : null;
  if (bom && (option === 'auto' || option === bom.enc)) {
    head = head.subarray(bom.length);
    enc = bom.enc;
  }
  if (enc !== null) found.encoding = enc;
  const rest = (async function* (): AsyncGenerator<Uint8Array> {
    if (head.length > 0) yield head;
    if (done) return;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  })();
  if (enc === 'utf16le' || enc === 'utf16be') {
    yield* textLines(rest, enc, maxLineBytes);
    return;
  }

  let line = 1;
  let carry: Uint8Array[] = [];
  let carryLen = 0;
  let skipping = false; // inside a line longer than maxLineBytes
  const vote = new EncodingVote();
  let held: Uint8Array[] = []; // whole lines waiting for the encoding to be decided
  let heldBytes = 0;
  const flushHeld = (): TextLine[] => {
    const e = enc ?? vote.winner;
    enc = e;
    found.encoding = e;
    const out = held.map((b, k) => lineOf(b, line + k, e, maxLineBytes));
    line += held.length;
    held = [];
    heldBytes = 0;
    return out;
  };
  const takeBlock = (block: Uint8Array): Array<TextLine | RawLines> => {
    if (raw && enc === 'utf8' && block.length <= maxLineBytes && isUtf8(block)) {
      const out: RawLines = { raw: true, bytes: block, first: line };
      for (let k = block.indexOf(10); k >= 0; k = block.indexOf(10, k + 1)) line++;
      if (block.length > 0 && block[block.length - 1] !== 10) line++;
      return [out];
    }
    if (enc !== null) {
      const out = blockLines(block, line, enc, maxLineBytes);
      line += out.length;
      return out;
    }
    if (held.length === 0 && block.length <= maxLineBytes) {
      // Pure ASCII reads the same in every candidate encoding: no decision needed yet.
      const ascii = decodeStrict(block, 'utf8');
      if (ascii !== null && ascii.length === block.length) {
        const out = blockLines(block, line, 'utf8', maxLineBytes);
        line += out.length;
        return out;
      }
    }
    for (const l of splitLines(block)) {
      vote.add(l);
      held.push(l.slice()); // a copy: the chunk's buffer is reused (fileChunks)
      heldBytes += l.length;
    }
    return vote.votes >= SAMPLE_LINES || heldBytes >= SAMPLE_BYTES ? flushHeld() : [];
  };

  for await (const chunk of rest) {
    let from = 0;
    if (skipping) {
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        carryLen += chunk.length;
        continue;
      }
      carryLen += nl;
      const out = held.length > 0 ? flushHeld() : [];
      out.push({ line: line++, text: '', problem: { kind: 'length', bytes: carryLen, limit: maxLineBytes } });
      yield out;
      skipping = false;
      carry = [];
      carryLen = 0;
      from = nl + 1;
    }
    const last = chunk.lastIndexOf(10);
    if (last < from) {
      const part = chunk.subarray(from);
      carry.push(part.slice()); // a copy: the chunk's buffer is reused (fileChunks)
      carryLen += part.length;
      if (carryLen > maxLineBytes + 1) {
        skipping = true; // keep only the count
        carry = [];
      }
      continue;
    }
    let out: Array<TextLine | RawLines> = [];
    if (carry.length > 0) {
      // The line begun in earlier chunks, alone (copying only it, not the whole chunk).
      const nl = chunk.indexOf(10, from);
      const rest = chunk.subarray(from, nl + 1);
      out = takeBlock(concatAll([...carry, rest], carryLen + rest.length));
      from = nl + 1;
    }
    if (from <= last) {
      const more = takeBlock(chunk.subarray(from, last + 1));
      if (out.length === 0) out = more;
      else for (const l of more) out.push(l);
    }
    carry = last + 1 < chunk.length ? [chunk.slice(last + 1)] : [];
    carryLen = chunk.length - last - 1;
    if (out.length > 0) yield out;
  }
  const out: Array<TextLine | RawLines> = [];
  if (skipping) {
    if (held.length > 0) out.push(...flushHeld());
    out.push({ line: line++, text: '', problem: { kind: 'length', bytes: carryLen, limit: maxLineBytes } });
  } else if (carryLen > 0) {
    out.push(...takeBlock(concatAll(carry, carryLen)));
  }
  if (held.length > 0) out.push(...flushHeld());
  found.encoding ??= enc ?? 'utf8';
  found.lines = line - 1;
  if (out.length > 0) yield out;
}

/** Lines of UTF-16 text, decoded as a stream and split as text (linear: the carry is kept in parts). */
async function* textLines(
  chunks: AsyncIterable<Uint8Array>,
  enc: Encoding,
  maxLineBytes: number,
): AsyncGenerator<TextLine[]> {
  const d = decoderFor(enc);
  let carry: string[] = [];
  let carryLen = 0;
  let line = 1;
  const emit = (t: string): TextLine => {
    const text = t.endsWith('\r') ? t.slice(0, -1) : t;
    return 2 * text.length > maxLineBytes
      ? { line: line++, text: '', problem: { kind: 'length', bytes: 2 * text.length, limit: maxLineBytes } }
      : { line: line++, text };
  };
  const take = (s: string): TextLine[] => {
    const out: TextLine[] = [];
    let from = 0;
    for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', from)) {
      carry.push(s.slice(from, nl));
      out.push(emit(carry.join('')));
      carry = [];
      carryLen = 0;
      from = nl + 1;
    }
    if (from < s.length) {
      carry.push(s.slice(from));
      carryLen += s.length - from;
    }
    return out;
  };
  for await (const chunk of chunks) {
    const out = take(d.write(chunk));
    if (out.length > 0) yield out;
  }
  const out = take(d.end());
  if (carryLen > 0) out.push(emit(carry.join('')));
  if (out.length > 0) yield out;
}

/** The lines of a file, decoded, in batches (never the whole file at once). */
export function decodeFileLines(
  path: string,
  option: EncodingOption,
  found: Found = {},
  maxLineBytes = MAX_LINE_BYTES,
  onBytes?: (n: number) => void,
  range?: ByteRange,
): AsyncGenerator<TextLine[]> {
  // Without `raw`, no block is left undecoded.
  return rawFileLines(path, option, found, maxLineBytes, onBytes, range, false) as AsyncGenerator<TextLine[]>;
}

/**
 * decodeFileLines, with the blocks of a UTF-8 file that are valid UTF-8 left undecoded (RawLines) when `raw`
 * (the line scanner reads them: src/engine/data/scan.ts).
 */
export function rawFileLines(
  path: string,
  option: EncodingOption,
  found: Found = {},
  maxLineBytes = MAX_LINE_BYTES,
  onBytes?: (n: number) => void,
  range?: ByteRange,
  raw = true,
): AsyncGenerator<Array<TextLine | RawLines>> {
  const stream = fileChunks(path, range);
  const atFileStart = !range || range.start === 0;
  return linesOf(onBytes ? counted(stream, onBytes) : stream, option, found, maxLineBytes, atFileStart, raw);
}

/** Bytes read at a time (with 64 KiB reads, a thread loading byte ranges spent a fifth of its time on them). */
const CHUNK_BYTES = 1 << 20;

/**
 * The bytes of a file (or of `range` of it) in chunks of up to 1 MiB, read one chunk ahead into three buffers
 * used in turn: a chunk's bytes stay valid until two more chunks have been taken, so a reader that keeps any
 * of them longer copies them (linesOf does: its carried line part and its held lines). Reusing the buffers
 * spares the garbage collector (a fresh buffer a read cost a full collection every few dozen megabytes).
 */
async function* fileChunks(path: string, range?: ByteRange): AsyncGenerator<Uint8Array> {
  const fh = await open(path, 'r');
  let pending: ReturnType<FileHandle['read']> | null = null;
  try {
    const end = range ? range.end : Number.POSITIVE_INFINITY;
    let pos = range ? range.start : 0;
    const size = range ? range.end - range.start : (await fh.stat()).size;
    const ring = [0, 1, 2].map(() => new Uint8Array(Math.max(1 << 12, Math.min(CHUNK_BYTES, size))));
    const readAt = (k: number) => fh.read(ring[k % 3]!, 0, Math.min(ring[k % 3]!.length, end - pos), pos);
    let k = 0;
    pending = pos < end ? readAt(k) : null;
    while (pending) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      const chunk = ring[k % 3]!.subarray(0, bytesRead);
      pos += bytesRead;
      k++;
      pending = pos < end ? readAt(k) : null;
      yield chunk;
    }
  } finally {
    await pending?.catch(() => undefined); // a read still under way when the reader stopped early
    await fh.close();
  }
}

/** The chunks of `source`, telling `onBytes` each one's size as it passes. */
async function* counted(source: AsyncIterable<Uint8Array>, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const c of source) {
    onBytes(c.byteLength);
    yield c;
  }
}

/**
 * Decodes a whole buffer (JSON and YAML files) in the encoding nearly all of it is in. Lines not valid in
 * it are decoded lossily and listed in `bad` by line number, so the records that hold them are rejected.
 */
export function decodeBuffer(
  buf: Uint8Array,
  option: EncodingOption,
): { text: string; encoding: Encoding; bad: Map<number, LineProblem> } {
  let b = buf;
  let enc: Encoding;
  const bad = new Map<number, LineProblem>();
  const bom = bomOf(b);
  if (bom && (option === 'auto' || option === bom.enc)) {
    b = b.subarray(bom.length);
    enc = bom.enc;
  } else if (option !== 'auto') {
    enc = option;
  } else if (decodeStrict(b, 'utf8') !== null) {
    enc = 'utf8';
  } else {
    const vote = new EncodingVote();
    for (const l of splitLines(b)) vote.add(l);
    enc = vote.winner;
  }
  if (enc === 'utf16le' || enc === 'utf16be') return { text: decodeLossy(b, enc), encoding: enc, bad };
  const whole = enc === 'gb18030' ? null : decodeStrict(b, enc); // GB18030: UTF-8 lines are looked for one by one
  if (whole !== null) return { text: whole, encoding: enc, bad };
  const parts = splitLines(b).map((l, k) => {
    const t = lineOf(l, k + 1, enc, Number.POSITIVE_INFINITY);
    if (t.problem) bad.set(k + 1, t.problem);
    return t.text + (l.length > 0 && l[l.length - 1] === 13 ? '\r' : '');
  });
  if (b.length > 0 && b[b.length - 1] === 10) parts.push('');
  return { text: parts.join('\n'), encoding: enc, bad };
}

interface Decoder {
  write(b: Uint8Array): string;
  end(): string;
}

function decoderFor(enc: Encoding): Decoder {
  if (enc === 'utf8') {
    const td = new TextDecoder('utf-8', { ignoreBOM: true });
    return { write: (b) => td.decode(b, { stream: true }), end: () => td.decode() };
  }
  const d = iconv.getDecoder(enc, { stripBOM: false });
  return { write: (b) => d.write(Buffer.from(b.buffer, b.byteOffset, b.byteLength)), end: () => d.end() ?? '' };
}

/** A BOM's encoding and length, or null. */
function bomOf(b: Uint8Array): { enc: Encoding; length: number } | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { enc: 'utf8', length: 3 };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { enc: 'utf16le', length: 2 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { enc: 'utf16be', length: 2 };
  return null;
}
