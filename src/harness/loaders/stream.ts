// One NDJSON case file read a chunk of bytes at a time, for work that writes the cases away as it reads them
// (`luoshi db load`): each chunk is cut at line breaks, read by the file loader and merged as the whole file's
// load would be (ranges.ts RangeMerger: a repeated id rejected where the one-pass loader rejects it, the same
// problems, lines and counts), and handed on before the next is read — so memory holds one chunk and the ids
// seen, not the whole store.
import { resolve } from 'node:path';
import { RepeatedIds, subsetStore, type CaseStore } from '../../engine/data/store.js';
import type { DataProblem } from '../../engine/data/problems.js';
import type { ProgressFactory } from '../progress.js';
import { BAR_FROM } from '../progress.js';
import { formatOf } from './formats.js';
import { fileSize, listDataFiles, loadCaseRange, loadCases } from './index.js';
import type { Encoding } from './decode.js';
import { keptBut, RangeMerger, rangeEncoding, splitAtLines } from './ranges.js';
import { casesIn } from './sizes.js';
import type { LoadStats } from './types.js';

/** Bytes a chunk holds: about 100,000 generated cases (docs/data.md). */
export const CHUNK_BYTES = 64 * 2 ** 20;

export interface StreamOptions {
  cwd?: string;
  encoding?: string;
  maxProblems?: number;
  /** The bytes of a chunk (CHUNK_BYTES). */
  chunkBytes?: number;
  progress?: ProgressFactory | null | undefined;
  /** The bar's label over a chunked read's bytes (its work is the reading and what `each` does). */
  label?: string;
}

/** What the whole load reports, but its store: handed away chunk by chunk. */
export interface StreamedCases {
  stats: LoadStats;
  problems: DataProblem[];
  /** How many chunks the cases came in (1: read whole). */
  chunks: number;
}

/**
 * The cases of `paths` (files and folders, listed as the loaders list them), handed to `each` a chunk at a time
 * in file order, each chunk's accepted cases as a store numbered from 0. NDJSON files whose encoding their start
 * decides are read in chunks; if any file is not (another format, a file the loader must read whole to decode,
 * not a regular file), all are read whole and handed on as one store.
 */
export async function streamCases(
  paths: readonly string[],
  opts: StreamOptions,
  each: (store: CaseStore) => Promise<void>,
): Promise<StreamedCases> {
  const cwd = opts.cwd ?? process.cwd();
  const files = listDataFiles(paths, 'cases', cwd);
  const plans: Array<{ file: string; abs: string; size: number; encoding: Encoding }> = [];
  for (const file of files) {
    const abs = resolve(cwd, file);
    const size = formatOf(file) === 'ndjson' ? await fileSize(abs) : null;
    const encoding = size !== null ? await rangeEncoding(abs, opts.encoding) : null;
    if (size === null || encoding === null) break;
    plans.push({ file, abs, size, encoding });
  }
  if (plans.length < files.length || files.length === 0) {
    const whole = await loadCases(files, {
      cwd,
      ...(opts.encoding !== undefined ? { encoding: opts.encoding } : {}),
      ...(opts.maxProblems !== undefined ? { maxProblems: opts.maxProblems } : {}),
      progress: opts.progress,
    });
    // A file that cannot be read at all: the caller says so before anything is handed on.
    if (!whole.problems.some((x) => x.code === 'D0001' || x.code === 'D0002')) await each(whole.store);
    return { stats: whole.stats, problems: whole.problems, chunks: 1 };
  }
  const total = plans.reduce((n, p) => n + p.size, 0);
  const chunk = Math.max(1, opts.chunkBytes ?? CHUNK_BYTES);
  const merger = new RangeMerger(opts.maxProblems ?? 10_000, new RepeatedIds(casesIn(total)));
  const bar =
    opts.progress && total >= BAR_FROM.readBytes
      ? opts.progress(opts.label ?? '读取案件 / reading cases', total, 'bytes')
      : null;
  let done = 0,
    chunks = 0;
  try {
    for (const { file, abs, size, encoding } of plans) {
      for (const range of await splitAtLines(abs, size, Math.max(1, Math.ceil(size / chunk)))) {
        const part = await loadCaseRange(file, range, { cwd, encoding, maxProblems: opts.maxProblems ?? 10_000 });
        const dropped = merger.add(part, file);
        await each(dropped.length ? subsetStore(part.store, keptBut(part.store.n, dropped)) : part.store);
        chunks++;
        bar?.update(done + range.end);
      }
      done += size;
    }
  } finally {
    bar?.stop();
  }
  return { ...merger.finish(), chunks };
}
