// Loading one NDJSON file in parallel: its bytes cut into ranges at line breaks (never inside a record),
// each range loaded on its own (index.ts loadCaseRange, in a worker thread: ../pool.ts), and the ranges'
// loads merged into exactly what the single-threaded loader reports — the same store, counts, problems
// (same messages, order and lines) and origins. A range's lines are numbered from 1: merging shifts them;
// a repeated id is caught within a range by its loader and across ranges here.
import { open } from 'node:fs/promises';
import { concatStores, RepeatedIds, subsetStore, type CaseStore } from '../../engine/data/store.js';
import { problem, type DataProblem } from '../../engine/data/problems.js';
import { decodeLines, parseEncodingOption, type ByteRange, type Encoding, type Found } from './decode.js';
import { duplicateMessage, moreProblems } from './messages.js';
import type { LoadedCases, LoadStats, RangeLoad, RangePlan } from './types.js';

/** How much of the file's start is read to learn its encoding before splitting it. */
const HEAD_BYTES = 4 << 20;

/**
 * Up to `parts` ranges covering the file, each ending after a line break (the last at the file's end);
 * fewer when lines are longer than a part.
 */
export async function splitAtLines(path: string, size: number, parts: number): Promise<ByteRange[]> {
  const fh = await open(path, 'r');
  try {
    const buf = new Uint8Array(1 << 16);
    const cuts = [0];
    for (let k = 1; k < parts; k++) {
      let at = Math.max(Math.floor((size * k) / parts), cuts[cuts.length - 1]!);
      let cut = -1;
      while (cut < 0 && at < size) {
        const { bytesRead } = await fh.read(buf, 0, buf.length, at);
        if (bytesRead === 0) break;
        const nl = buf.subarray(0, bytesRead).indexOf(10);
        if (nl >= 0) cut = at + nl + 1;
        else at += bytesRead;
      }
      if (cut < 0 || cut >= size) break;
      if (cut > cuts[cuts.length - 1]!) cuts.push(cut);
    }
    cuts.push(size);
    return cuts.slice(1).map((end, k) => ({ start: cuts[k]!, end }));
  } finally {
    await fh.close();
  }
}

/**
 * The encoding every range of the file is read in, as the single-threaded loader decides it from the file's
 * start; null when ranges cannot be read apart: UTF-16 (a line break byte may sit inside a character), or
 * `auto` with no decision in the first megabytes (their lines are all ASCII, so later lines would decide).
 */
export async function rangeEncoding(path: string, option: string | undefined): Promise<Encoding | null> {
  const fh = await open(path, 'r');
  let head: Uint8Array;
  try {
    const buf = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await fh.read(buf, 0, HEAD_BYTES, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  const found: Found = {};
  // The decision is made before the last batch only when the head alone decides it (at the end of a stream
  // the decoder settles on UTF-8 for want of evidence, which later lines could overturn).
  const lines = decodeLines(
    (async function* () {
      yield head;
    })(),
    parseEncodingOption(option),
    found,
  );
  let decided: Encoding | null = null;
  for (let r = await lines.next(); !r.done; r = await lines.next()) {
    if (found.encoding !== undefined && found.lines === undefined) {
      decided = found.encoding;
      break;
    }
  }
  await lines.return(undefined);
  return decided === 'utf8' || decided === 'gb18030' ? decided : null;
}

/** The cases a merge takes out of each range's shard: ids that an earlier range already accepted. */
export type Dropped = number[][];

/**
 * The ranges' loads of one or more files, taken one after another in file order (a file's ranges together,
 * the files in the order given), as the single-threaded loader would report those files: what each range's
 * cases must lose (ids an earlier range accepted, in this file or an earlier one), and at the end the counts
 * and the problems (same messages, order and lines). It keeps of each range only its cases' lines and ids, so
 * a caller can write each range away as it comes (stream.ts). `maxProblems` as in LoadOptions; `ids`: the
 * ranges' ids, some already added in order as they arrived (the rest are added here).
 */
export class RangeMerger {
  private readonly files: number[] = []; // each range's file, an index into stats.files
  private readonly base: number[] = []; // the line of its file before each range's first line
  private readonly first: number[] = []; // each range's first case, the ranges' cases numbered on
  private readonly lineCols: Uint32Array[] = [];
  private lines = 0;
  private cases = 0;
  private seenRepeats = 0;
  private total = 0;
  private readonly problems: DataProblem[] = [];
  private readonly stats: LoadStats = { read: 0, accepted: 0, rejected: 0, warnings: 0, unlisted: 0, files: [] };

  constructor(
    private readonly maxProblems = 10_000,
    readonly ids = new RepeatedIds(0),
  ) {}

  private rangeOf(g: number): number {
    let k = this.first.length - 1;
    while (this.first[k]! > g) k--;
    return k;
  }

  /** The line in its file of case `g` (numbered over the ranges taken so far). */
  lineOf(g: number): number {
    const k = this.rangeOf(g);
    return this.base[k]! + this.lineCols[k]![g - this.first[k]!]!;
  }

  /** Where case `g` is: its file and line. */
  private where(g: number): string {
    return `${this.stats.files[this.files[this.rangeOf(g)]!]!.file}:${this.lineOf(g)}`;
  }

  /** Takes the next range, of `file`: the indices of its cases that repeat an earlier range's id, in order. */
  add(p: RangeLoad, file: string): number[] {
    const k = this.first.length;
    const fresh = this.stats.files.at(-1)?.file !== file;
    if (fresh) {
      this.stats.files.push({
        file,
        format: p.stats.files[0]?.format ?? 'ndjson',
        encoding: null,
        read: 0,
        accepted: 0,
        rejected: 0,
      });
      this.lines = 0;
    }
    const stats = this.stats.files.at(-1)!;
    stats.encoding ??= p.encoding;
    const first = this.cases;
    this.files.push(this.stats.files.length - 1);
    this.base.push(this.lines);
    this.first.push(first);
    this.lineCols.push(p.origins.line);
    this.lines += p.lines;
    this.cases += p.store.n;
    while (this.ids.stores <= k) this.ids.add(p.store);
    const found = this.ids.found;
    const repeats: Array<[number, number]> = [];
    while (this.seenRepeats < found.length && found[this.seenRepeats]![0] < this.cases)
      repeats.push(found[this.seenRepeats++]!);
    const earliest = new Map(repeats);
    const dropped = repeats.map(([g]) => g - first);
    const crossing = repeats.map(([g, e]): DataProblem => {
      const id = new TextDecoder().decode(
        p.store.idBytes.subarray(p.store.idStart[g - first]!, p.store.idStart[g - first + 1]!),
      );
      const { message, messageEn } = duplicateMessage(id, this.where(e));
      return { file, line: this.lineOf(g), ...problem('error', 'D0112', 'id', message, messageEn) };
    });

    const own = p.problems.filter((x) => !(x.code === 'D0000' && x.file === ''));
    this.total += own.length + p.stats.unlisted + crossing.length;
    // Repeats within the range cite their first case by its line in the file — or, when that case repeats an
    // earlier range's id, the case it repeats.
    const within = new Map(p.duplicates.map((d) => [d.line, d]));
    const shifted: DataProblem[] = [];
    for (const x of own) {
      if (x.line === 0 && !fresh) {
        this.total--; // a problem with the file as a whole: said once
        continue;
      }
      const y: DataProblem = x.line > 0 ? { ...x, line: x.line + this.base[k]! } : { ...x };
      const d = x.code === 'D0112' ? within.get(x.line) : undefined;
      if (d) {
        const g = first + d.first;
        Object.assign(y, duplicateMessage(d.id, this.where(earliest.get(g) ?? g)));
      }
      shifted.push(y);
    }
    // Each cross-range repeat goes after the problems of its own line and those before it, as its record's last.
    let at = 0;
    for (const c of crossing) {
      while (at < shifted.length && shifted[at]!.line <= c.line) at++;
      shifted.splice(at++, 0, c);
    }
    for (const x of shifted) if (this.problems.length < this.maxProblems) this.problems.push(x);
    const n = crossing.length;
    for (const t of [this.stats, stats]) {
      t.read += p.stats.read;
      t.accepted += p.stats.accepted - n;
      t.rejected += p.stats.rejected + n;
    }
    this.stats.warnings += p.stats.warnings;
    return dropped;
  }

  /** The counts and problems of every range taken, as one load of their files. */
  finish(): { stats: LoadStats; problems: DataProblem[] } {
    const stats: LoadStats = { ...this.stats, files: this.stats.files.map((f) => ({ ...f })) };
    const listed = this.problems.slice(0, this.maxProblems);
    stats.unlisted = this.total - listed.length;
    if (stats.unlisted > 0) listed.push(moreProblems(stats.unlisted));
    return { stats, problems: listed };
  }
}

/**
 * The ranges' loads (in file order) as one load of `file`, as the single-threaded loader would report it, and
 * the cases to drop from each range's shard (repeated ids across ranges). `maxProblems` as in LoadOptions;
 * `ids`: the ranges' ids, some or all of them already added in order as they arrived (the rest are added here).
 */
export function mergeRanges(
  file: string,
  parts: readonly RangeLoad[],
  maxProblems = 10_000,
  ids?: RepeatedIds,
): { loaded: LoadedCases; dropped: Dropped } {
  const merger = new RangeMerger(maxProblems, ids ?? new RepeatedIds(parts.reduce((n, p) => n + p.store.n, 0)));
  const dropped: Dropped = parts.map((p) => merger.add(p, file));
  const { stats, problems } = merger.finish();
  const all = concatStores(parts.map((p) => p.store));
  const repeats = merger.ids.found;
  const keep =
    repeats.length === 0
      ? null
      : keptBut(
          all.n,
          repeats.map(([g]) => g),
        );
  const store: CaseStore = keep ? subsetStore(all, keep) : all;
  const line = new Uint32Array(store.n);
  for (let i = 0; i < store.n; i++) line[i] = merger.lineOf(keep ? keep[i]! : i);
  return {
    loaded: { store, stats, problems, origins: { files: [file], file: new Uint16Array(store.n), line } },
    dropped,
  };
}

/** 0 … n−1 but `dropped` (ascending). */
export function keptBut(n: number, dropped: readonly number[]): Uint32Array {
  const out = new Uint32Array(n - dropped.length);
  for (let i = 0, j = 0, d = 0; i < n; i++) {
    if (d < dropped.length && dropped[d] === i) d++;
    else out[j++] = i;
  }
  return out;
}

/**
 * Ranges a file is cut into per thread. A file is often in date order and later cases cost more to evaluate
 * and replay (a plan's window is recent): each thread gets ranges from all over the file (threadsOfRanges),
 * so that the shards it keeps take about the same work, not just the same bytes. More ranges balance better
 * but load slower (each adds its own merge and garbage). The 1 M-case bench's replay of 2018 costs about 80 ms
 * per 31,000 cases over the file's first half, rising to 270 at three quarters and 130 at its end: with 4
 * ranges a thread the busier of 2 threads gets 11 % more than half of it (measured: the second worker 15–30 %
 * more CPU than the first), with 8 ranges 1 %, while loading takes 4 % more CPU (docs/data.md).
 */
export const RANGES_PER_THREAD = 8;

/**
 * Which of `count` ranges (in file order) each of `threads` threads loads: dealt in rounds, every other round
 * backwards (0 1 | 1 0 | 0 1 …), so a cost that grows along the file evens out. Each list is in file order.
 */
export function threadsOfRanges(count: number, threads: number): number[][] {
  const out = Array.from({ length: Math.min(threads, count) }, (): number[] => []);
  const w = out.length;
  for (let j = 0; j < count; j++) {
    const k = j % w;
    out[Math.floor(j / w) % 2 === 0 ? k : w - 1 - k]!.push(j);
  }
  return out;
}

/**
 * The ranges to load `file` (NDJSON) in, or null when it cannot be split (see rangeEncoding) or is one range.
 */
export async function planRanges(
  path: string,
  size: number,
  parts: number,
  encoding: string | undefined,
): Promise<RangePlan | null> {
  if (parts < 2) return null;
  const enc = await rangeEncoding(path, encoding);
  if (enc === null) return null;
  const ranges = await splitAtLines(path, size, parts);
  return ranges.length < 2 ? null : { ranges, encoding: enc };
}
