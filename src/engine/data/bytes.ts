// Byte-range keys for the store and the line scanner (./scan.ts): a hash, a comparison, and a table from a
// byte range (UTF-8 text) to a number, so strings read from a file are looked up without decoding them.

export function fnv1a(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function sameBytes(a: Uint8Array, as: number, ae: number, b: Uint8Array, bs: number, be: number): boolean {
  if (ae - as !== be - bs) return false;
  for (let i = 0; i < ae - as; i++) if (a[as + i] !== b[bs + i]) return false;
  return true;
}

/**
 * A hash of a short byte string from at most 12 of its bytes — the first 4, 4 from the middle and the last 4 —
 * and its length: cheaper than fnv1a for the names and words a table holds (Chinese words of 6–30 bytes),
 * which differ within those bytes nearly always (a tie only costs another probe).
 */
export function sampleHash(bytes: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n < 12) return fnv1a(bytes, start, end);
  const m = start + (n >> 1) - 2;
  let h = Math.imul(n, 0x9e3779b1);
  h = Math.imul(
    h ^ (bytes[start]! | (bytes[start + 1]! << 8) | (bytes[start + 2]! << 16) | (bytes[start + 3]! << 24)),
    0x85ebca6b,
  );
  h = Math.imul(h ^ (bytes[m]! | (bytes[m + 1]! << 8) | (bytes[m + 2]! << 16) | (bytes[m + 3]! << 24)), 0xc2b2ae35);
  h = Math.imul(
    h ^ (bytes[end - 4]! | (bytes[end - 3]! << 8) | (bytes[end - 2]! << 16) | (bytes[end - 1]! << 24)),
    0x27d4eb2f,
  );
  return (h ^ (h >>> 15)) >>> 0;
}

/** An open-addressing map from byte strings (copied into a pool of its own) to numbers. */
export class BytesTable {
  private slots = new Int32Array(64); // entry + 1, 0 = empty
  private hashes = new Uint32Array(64);
  private pool = new Uint8Array(1024);
  private poolLen = 0;
  private starts: number[] = [];
  private ends: number[] = [];
  private values: number[] = [];

  /** The value of the bytes [start, end), or -1. */
  get(bytes: Uint8Array, start: number, end: number): number {
    const h = sampleHash(bytes, start, end);
    const mask = this.slots.length - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = this.slots[s]!;
      if (e === 0) return -1;
      if (this.hashes[s] === h && sameBytes(this.pool, this.starts[e - 1]!, this.ends[e - 1]!, bytes, start, end))
        return this.values[e - 1]!;
    }
  }

  /** Records `value` for bytes that get() does not know. */
  set(bytes: Uint8Array, start: number, end: number, value: number): void {
    const len = end - start;
    if (this.poolLen + len > this.pool.length) {
      const next = new Uint8Array(Math.max(this.pool.length * 2, this.poolLen + len));
      next.set(this.pool.subarray(0, this.poolLen));
      this.pool = next;
    }
    this.pool.set(bytes.subarray(start, end), this.poolLen);
    this.starts.push(this.poolLen);
    this.ends.push(this.poolLen + len);
    this.poolLen += len;
    this.values.push(value);
    if (this.values.length * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(this.values.length, sampleHash(bytes, start, end));
  }

  private place(entry: number, h: number): void {
    const mask = this.slots.length - 1;
    let s = h & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = entry;
    this.hashes[s] = h;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    this.hashes = new Uint32Array(size);
    for (let e = 0; e < this.values.length; e++)
      this.place(e + 1, sampleHash(this.pool, this.starts[e]!, this.ends[e]!));
  }
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** A dictionary's codes by the UTF-8 bytes of its strings: a string is decoded once, when first met. */
export class ByteInterner {
  private readonly table = new BytesTable();
  constructor(private readonly codeOf: (s: string) => number) {}
  code(bytes: Uint8Array, start: number, end: number): number {
    let c = this.table.get(bytes, start, end);
    if (c < 0) {
      c = this.codeOf(utf8.decode(bytes.subarray(start, end)));
      this.table.set(bytes, start, end, c);
    }
    return c;
  }
}

const encoder = new TextEncoder();

/** A table of a vocabulary's words by their UTF-8 bytes, each to its index in `words`. */
export function vocabularyTable(words: readonly string[]): BytesTable {
  const t = new BytesTable();
  words.forEach((w, i) => {
    const b = encoder.encode(w);
    t.set(b, 0, b.length, i);
  });
  return t;
}
