// A text file's bytes ⇄ the text the editor shows, in the file's own encoding. The encoding is found as the
// loaders find it (src/harness/loaders/decode.ts: a BOM, else strict UTF-8, else GB18030); a save writes
// the same encoding (and BOM) back, so a GBK plan stays GBK. Bytes that no encoding reproduces exactly are
// 'unknown': shown, but never saved (saving would rewrite them).
import iconv from 'iconv-lite';
import { decodeBuffer, type Encoding } from '../loaders/decode.js';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be' | 'unknown';

const BOMS: Record<Encoding, number[]> = {
  utf8: [0xef, 0xbb, 0xbf],
  utf16le: [0xff, 0xfe],
  utf16be: [0xfe, 0xff],
  gb18030: [],
};

function hasBom(bytes: Uint8Array, enc: Encoding): boolean {
  const bom = BOMS[enc];
  return bom.length > 0 && bom.every((b, i) => bytes[i] === b);
}

function encodeAs(text: string, enc: Encoding, bom: boolean): Buffer {
  const body = enc === 'utf8' ? Buffer.from(text, 'utf8') : iconv.encode(text, enc, { addBOM: false });
  return bom ? Buffer.concat([Buffer.from(BOMS[enc]), body]) : body;
}

const named = (enc: Encoding, bom: boolean): TextEncodingName =>
  enc === 'utf8'
    ? bom
      ? 'utf-8-bom'
      : 'utf-8'
    : enc === 'gb18030'
      ? 'gb18030'
      : enc === 'utf16le'
        ? 'utf-16le'
        : 'utf-16be';

const parts = (name: TextEncodingName): { enc: Encoding; bom: boolean } | null => {
  switch (name) {
    case 'utf-8':
      return { enc: 'utf8', bom: false };
    case 'utf-8-bom':
      return { enc: 'utf8', bom: true };
    case 'gb18030':
      return { enc: 'gb18030', bom: false };
    case 'utf-16le':
      return { enc: 'utf16le', bom: true };
    case 'utf-16be':
      return { enc: 'utf16be', bom: true };
    default:
      return null;
  }
};

/** The text of a whole file and its encoding. */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  // The common case in one pass: strict UTF-8 decodes only what re-encodes to the same bytes.
  const bom = hasBom(bytes, 'utf8');
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes),
      encoding: bom ? 'utf-8-bom' : 'utf-8',
    };
  } catch {
    /* not UTF-8: as the loaders detect it */
  }
  return decodeOther(bytes);
}

function decodeOther(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  const { text, encoding } = decodeBuffer(bytes, 'auto');
  const bom = hasBom(bytes, encoding);
  const again = encodeAs(text, encoding, bom);
  return { text, encoding: again.equals(bytes) ? named(encoding, bom) : 'unknown' };
}

/**
 * The bytes of `text` in `encoding`, or why it cannot be written so (an unknown encoding; characters the
 * encoding cannot hold).
 */
export function encodeText(text: string, encoding: TextEncodingName): { bytes: Buffer } | { refusal: string } {
  const p = parts(encoding);
  if (p === null) {
    return {
      refusal:
        '无法识别此文件的编码（不是 UTF-8，也不是 GBK/GB18030），保存会改写它的内容，已拒绝 / the file is neither UTF-8 nor GBK/GB18030 text: saving would rewrite its bytes, so it is refused',
    };
  }
  const bytes = encodeAs(text, p.enc, p.bom);
  if (decodeBuffer(bytes, p.enc).text !== text) {
    return {
      refusal: `文本含有 ${encoding} 无法表示的字符，保存会改变文件内容，已拒绝 / the text holds characters ${encoding} cannot represent: saving would change it, so it is refused`,
    };
  }
  return { bytes };
}

/** The text of a file's first bytes (cut anywhere): a character cut off at the end is left out. */
export function previewText(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  let enc: Encoding | null = null;
  for (const e of ['utf8', 'utf16le', 'utf16be'] as const) if (hasBom(bytes, e)) enc = e;
  const bom = enc !== null;
  if (enc === null) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
      enc = 'utf8';
    } catch {
      enc = 'gb18030';
    }
  }
  const body = bom ? bytes.subarray(BOMS[enc].length) : bytes;
  // Streaming decoders hold back an incomplete last character until more bytes come (none will).
  const text =
    enc === 'utf8'
      ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(body, { stream: true })
      : iconv.getDecoder(enc, { stripBOM: false }).write(Buffer.from(body));
  return { text, encoding: named(enc, bom) };
}
