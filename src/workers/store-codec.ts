// A loaded data set as bytes: the columnar store's typed arrays, back to back, after a JSON header with
// the string dictionaries, the array layout and the records that are not columnar (progress, staffing,
// load statistics). The server writes it; the worker reads it with zero copies (typed-array views on the
// one buffer it fetched). Platform-neutral: no DOM, no Node built-ins.
//
//   "LSD1" | u32 header length (LE) | header JSON (UTF-8) | padding to 8 | array 0 | padding to 8 | array 1 …
import type { CaseStore } from '../engine/data/store.js';
import type { DataPayloadMeta } from './protocol.js';

const MAGIC = 'LSD1';

type ArrayName =
  | 'idBytes' | 'idStart' | 'court' | 'type' | 'filed' | 'closed' | 'closure' | 'claimed' | 'recovered' | 'property'
  | 'handler' | 'team' | 'tagStart' | 'tagCode' | 'evStart' | 'evType' | 'evDate' | 'evAmount' | 'evNote';
type DictName = 'courts' | 'handlers' | 'teams' | 'tags' | 'eventTypes' | 'notes';

const CTORS = {
  Uint8Array, Int8Array, Uint16Array, Int32Array, Uint32Array, Float64Array,
} as const;
type CtorName = keyof typeof CTORS;

const ARRAYS: ReadonlyArray<[ArrayName, CtorName]> = [
  ['idBytes', 'Uint8Array'], ['idStart', 'Uint32Array'], ['court', 'Uint16Array'], ['type', 'Uint8Array'],
  ['filed', 'Int32Array'], ['closed', 'Int32Array'], ['closure', 'Uint8Array'], ['claimed', 'Float64Array'],
  ['recovered', 'Float64Array'], ['property', 'Int8Array'], ['handler', 'Uint32Array'], ['team', 'Int32Array'],
  ['tagStart', 'Uint32Array'], ['tagCode', 'Uint32Array'], ['evStart', 'Uint32Array'], ['evType', 'Uint16Array'],
  ['evDate', 'Int32Array'], ['evAmount', 'Float64Array'], ['evNote', 'Int32Array'],
];
const DICTS: readonly DictName[] = ['courts', 'handlers', 'teams', 'tags', 'eventTypes', 'notes'];

interface Header {
  n: number;
  dicts: Record<DictName, string[]>;
  /** [name, byte offset from the start of the payload, element count]. */
  arrays: Array<[ArrayName, number, number]>;
  meta: DataPayloadMeta;
}

const pad8 = (n: number): number => (n + 7) & ~7;

/** The bytes of a data set, as a list of chunks (write them in order; no copy of the big arrays). */
export function encodeData(store: CaseStore, meta: DataPayloadMeta): Uint8Array[] {
  const dicts = {} as Record<DictName, string[]>;
  for (const d of DICTS) dicts[d] = store[d];
  // The header's length decides where the arrays start, and the offsets are in the header: lay out the
  // arrays relative to 0 first, then shift by the header's (fixed-width) size.
  const rel: Array<[ArrayName, number, number]> = [];
  let at = 0;
  for (const [name] of ARRAYS) {
    const a = store[name];
    rel.push([name, at, a.length]);
    at = pad8(at + a.byteLength);
  }
  const encoder = new TextEncoder();
  const headerFor = (base: number): Uint8Array =>
    encoder.encode(JSON.stringify({ n: store.n, dicts, arrays: rel.map(([k, o, l]) => [k, base + o, l]), meta } satisfies Header));
  // Offsets are numbers in JSON: their width can grow with the base. Iterate until it is stable.
  let base = 0;
  let header = headerFor(base);
  for (;;) {
    const next = pad8(8 + header.length);
    if (next === base) break;
    base = next;
    header = headerFor(base);
  }
  const prefix = new Uint8Array(base);
  prefix.set(encoder.encode(MAGIC), 0);
  new DataView(prefix.buffer).setUint32(4, header.length, true);
  prefix.set(header, 8);
  const chunks: Uint8Array[] = [prefix];
  for (const [name] of ARRAYS) {
    const a = store[name];
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    chunks.push(bytes);
    const gap = pad8(a.byteLength) - a.byteLength;
    if (gap) chunks.push(new Uint8Array(gap));
  }
  return chunks;
}

export class DataFormatError extends Error {}

/** Reads encodeData's bytes; the store's arrays are views on `buffer`. */
export function decodeData(buffer: ArrayBuffer): { store: CaseStore; meta: DataPayloadMeta } {
  if (buffer.byteLength < 8) throw new DataFormatError('data payload too short');
  const magic = new TextDecoder().decode(new Uint8Array(buffer, 0, 4));
  if (magic !== MAGIC) throw new DataFormatError(`not a luoshi data payload (${JSON.stringify(magic)})`);
  const len = new DataView(buffer).getUint32(4, true);
  if (8 + len > buffer.byteLength) throw new DataFormatError('data payload truncated (header)');
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 8, len))) as Header;
  const store = { n: header.n } as Record<string, unknown>;
  for (const d of DICTS) store[d] = header.dicts[d];
  const types = new Map(ARRAYS);
  for (const [name, offset, length] of header.arrays) {
    const ctor = CTORS[types.get(name)!];
    if (offset + length * ctor.BYTES_PER_ELEMENT > buffer.byteLength) throw new DataFormatError(`data payload truncated (${name})`);
    store[name] = new ctor(buffer, offset, length);
  }
  return { store: store as unknown as CaseStore, meta: header.meta };
}
