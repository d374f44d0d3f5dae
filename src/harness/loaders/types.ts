// What a load gives back: per-file and total counts, and where each accepted case came from. Shared by the
// loaders (./index.ts) and their snapshot (./snapshot.ts).
import type { CaseStore } from '../../engine/data/store.js';
import type { DataProblem } from '../../engine/data/problems.js';
import type { Encoding } from './decode.js';

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
