// Text encodings of data files: UTF-8 (with or without BOM), GB18030/GBK (Chinese Excel's default), and
// UTF-16 with a BOM. Auto-detection: a BOM decides; otherwise the first non-ASCII bytes are tried as
// strict UTF-8 and, when that fails, read as GB18030 (a superset of GBK and GB2312). ASCII is the same
// in all of them, so detection waits for the first non-ASCII byte without buffering the file.
import { createReadStream } from 'node:fs';
import iconv from 'iconv-lite';
import { UsageError } from '../io.js';

export type Encoding = 'utf8' | 'gb18030' | 'utf16le' | 'utf16be';
export type EncodingOption = 'auto' | Encoding;

/** The encoding named by a user (utf8, UTF-8, gbk, gb2312, gb18030, auto…); UsageError otherwise. */
export function parseEncodingOption(name: string | undefined): EncodingOption {
  if (name === undefined) return 'auto';
  const n = name.toLowerCase().replace(/[-_]/g, '');
  if (n === 'auto') return 'auto';
  if (n === 'utf8') return 'utf8';
  if (n === 'gbk' || n === 'gb2312' || n === 'gb18030' || n === 'cp936') return 'gb18030';
  if (n === 'utf16le' || n === 'utf16') return 'utf16le';
  if (n === 'utf16be') return 'utf16be';
  throw new UsageError(`不支持的编码：${name}（可用 utf8、gbk、gb18030、auto） / unsupported encoding ${name} (use utf8, gbk, gb18030 or auto)`);
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

/** Whether the bytes (from a non-ASCII byte on) read as UTF-8; an incomplete last sequence is fine. */
function looksUtf8(b: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b, { stream: true });
    return true;
  } catch {
    return false;
  }
}

function firstHighByte(b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) if (b[i]! >= 0x80) return i;
  return -1;
}

/** Decodes a stream of byte chunks; `found.encoding` is set once known. */
export async function* decodeChunks(chunks: AsyncIterable<Uint8Array>, option: EncodingOption, found: { encoding?: Encoding } = {}): AsyncGenerator<string> {
  let decoder: Decoder | null = null;
  let first = true;
  let pending: Uint8Array | null = null;
  const latin = new TextDecoder('latin1');
  for await (const raw of chunks) {
    let chunk: Uint8Array = pending ? concat(pending, raw) : raw;
    pending = null;
    if (first) {
      if (chunk.length < 3) { pending = chunk; continue; }
      first = false;
      const bom = bomOf(chunk);
      if (bom && (option === 'auto' || option === bom.enc)) {
        chunk = chunk.subarray(bom.length);
        decoder = decoderFor(bom.enc);
        found.encoding = bom.enc;
      } else if (option !== 'auto') {
        decoder = decoderFor(option);
        found.encoding = option;
      }
    }
    if (decoder === null) {
      const hi = firstHighByte(chunk);
      if (hi < 0) {
        yield latin.decode(chunk); // pure ASCII: identical in every candidate encoding
        continue;
      }
      if (chunk.length - hi < 64) {
        // Too few bytes to judge: wait for more (or the end).
        if (hi > 0) yield latin.decode(chunk.subarray(0, hi));
        pending = chunk.slice(hi);
        continue;
      }
      if (hi > 0) yield latin.decode(chunk.subarray(0, hi));
      chunk = chunk.subarray(hi);
      found.encoding = looksUtf8(chunk) ? 'utf8' : 'gb18030';
      decoder = decoderFor(found.encoding);
    }
    const s = decoder.write(chunk);
    if (s !== '') yield s;
  }
  if (pending) {
    let rest: Uint8Array = pending;
    if (decoder === null) {
      const bom = first ? bomOf(rest) : null;
      if (bom && (option === 'auto' || option === bom.enc)) {
        rest = rest.subarray(bom.length);
        found.encoding = bom.enc;
      } else {
        found.encoding = option !== 'auto' ? option : looksUtf8Complete(rest) ? 'utf8' : 'gb18030';
      }
      decoder = decoderFor(found.encoding);
    }
    const s = decoder.write(rest);
    if (s !== '') yield s;
  }
  if (decoder) {
    const tail = decoder.end();
    if (tail !== '') yield tail;
  } else {
    found.encoding ??= option === 'auto' ? 'utf8' : option;
  }
}

function looksUtf8Complete(b: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The decoded text of a file, chunk by chunk (never the whole file at once). */
export function decodeFile(path: string, option: EncodingOption, found: { encoding?: Encoding } = {}): AsyncGenerator<string> {
  return decodeChunks(createReadStream(path, { highWaterMark: 1 << 16 }), option, found);
}

/** Decodes a whole buffer (JSON and YAML files). */
export function decodeBuffer(buf: Uint8Array, option: EncodingOption): { text: string; encoding: Encoding } {
  let b = buf;
  let enc: Encoding;
  const bom = bomOf(b);
  if (bom && (option === 'auto' || option === bom.enc)) {
    b = b.subarray(bom.length);
    enc = bom.enc;
  } else if (option !== 'auto') {
    enc = option;
  } else {
    enc = looksUtf8Complete(b) ? 'utf8' : 'gb18030';
  }
  const d = decoderFor(enc);
  return { text: d.write(b) + d.end(), encoding: enc };
}
