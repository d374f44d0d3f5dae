// What a load gives back: per-file and total counts, and where each accepted case came from. Shared by the
// loaders (./index.ts) and their snapshot (./snapshot.ts).
import type { CaseStore } from '../../engine/data/store.js';
import type { DataProblem } from '../../engine/data/problems.js';
import type { ByteRange, Encoding } from './decode.js';
import type { ProgressFactory } from '../progress.js';

export interface FileStats {
  file: string;
  /** ndjson, json, yaml, csv, or the name of a plugin's importer. */
  format: string;
  encoding: Encoding | null;
  read: number;
  accepted: number;
  rejected: number;
}

export interface LoadStats {
  read: number;
  accepted: number;
  rejected: number;
  warnings: number;
  /** Problems counted but not listed (over maxProblems). */
  unlisted: number;
  files: FileStats[];
}

export interface Loaded<T> {
  stats: LoadStats;
  problems: DataProblem[];
  records: T[];
}

/** Where each accepted case came from: files[file[i]] line line[i]. */
export interface CaseOrigins {
  files: string[];
  file: Uint16Array | Uint32Array;
  line: Uint32Array;
}

export interface LoadedCases {
  store: CaseStore;
  stats: LoadStats;
  problems: DataProblem[];
  origins: CaseOrigins;
  /** Whether a snapshot was read or written (./snapshot.ts); absent when none was asked for. */
  snapshot?: SnapshotUse;
}

/** What happened to a load's snapshot: read, written, not worth one (small, or a plugin's importer), or the cache folder could not be written. */
export type SnapshotUse = 'hit' | 'written' | 'skipped' | 'unwritable';

/** One byte range of an NDJSON file loaded on its own (./ranges.ts): lines numbered from the range's start. */
export interface RangeLoad extends LoadedCases {
  /** Lines in the range. */
  lines: number;
  /** The encoding the range was read in. */
  encoding: Encoding | null;
  /** Records rejected as repeating an earlier record's id in the range: their line, id, and the earlier case's index. */
  duplicates: Array<{ line: number; id: string; first: number }>;
}

/** How to read one file in ranges: where each begins and ends, and the encoding all are read in. */
export interface RangePlan {
  ranges: ByteRange[];
  encoding: Encoding;
}

/** Loads one NDJSON file's ranges in parallel (the resident pool, ../pool.ts) and merges them (./ranges.ts). */
export interface RangeLoader {
  threads: number;
  load(
    file: string,
    size: number,
    plan: RangePlan,
    opts: {
      cwd?: string;
      maxProblems?: number;
      eventTypes?: ReadonlySet<string>;
      progress?: ProgressFactory | null | undefined;
    },
  ): Promise<LoadedCases>;
}
