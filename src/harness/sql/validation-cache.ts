// Validation in place (./inplace.ts) not repeated on unchanged data: its result — the counts and problems,
// the group skeleton, the rejected cases and the accepted cases per court — kept in the luoshi cache folder
// beside the memory engine's snapshots, in the same file format (../loaders/snapshot.ts), for a DuckDB
// database file only. The same bytes give the same validation: the entry is keyed by the file (and its
// write-ahead log, if any) as the snapshots key their sources — a SHA-256 of the bytes, trusted unchanged
// while size, mtime and inode are — and by the code of the loaders, the validator and the SQL that picks the
// suspect rows, the cases table's name and where its tables are read. A server database has no bytes to
// hash: it is validated every time.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LoadedCases } from '../loaders/types.js';
import { codeHash, readSnapshot, snapshotPath, statOf, writeSnapshot } from '../loaders/snapshot.js';

/**
 * The cache of `url`'s validation in the snapshots' folder `snapshotDir` (none: --no-cache): a DuckDB file's
 * only (`duckdb:FILE`, relative to `cwd`); a server database is validated every time.
 */
export function validationCacheFor(
  url: string,
  snapshotDir: string | undefined,
  cwd = process.cwd(),
): ValidationCache | undefined {
  return snapshotDir !== undefined && url.startsWith('duckdb:')
    ? { dir: snapshotDir, file: resolve(cwd, url.slice('duckdb:'.length)) }
    : undefined;
}

/** Where a DuckDB file's validation is cached: the cache folder and the file. */
export interface ValidationCache {
  dir: string;
  /** The DuckDB database file (absolute). */
  file: string;
}

/** What a validation leaves beside its loaded skeleton. */
export interface ValidationExtra {
  rejected: number[];
  perCourt: Array<[string, number]>;
}

let sqlCode: string | null = null;

/** The files an entry stands for (the database and its write-ahead log) and its path in the folder. */
function entry(cache: ValidationCache, name: string, src: string): { files: string[]; path: string } {
  const wal = `${cache.file}.wal`;
  const files = existsSync(wal) ? [cache.file, wal] : [cache.file];
  sqlCode ??= codeHash(['../sql', '../../engine/sql']);
  return { files, path: snapshotPath(cache.dir, files, '/', { inPlace: sqlCode, name, src }) };
}

const isExtra = (x: unknown): x is ValidationExtra =>
  typeof x === 'object' &&
  x !== null &&
  Array.isArray((x as ValidationExtra).rejected) &&
  Array.isArray((x as ValidationExtra).perCourt);

/** A cached validation of the file as it is now, or null (never throws). */
export async function readValidation(
  cache: ValidationCache,
  name: string,
  src: string,
): Promise<{ loaded: LoadedCases; extra: ValidationExtra } | null> {
  const { files, path } = entry(cache, name, src);
  const hit = await readSnapshot(path, files, '/');
  if (!hit || !isExtra(hit.extra)) return null;
  const { extra, ...loaded } = hit;
  return { loaded, extra };
}

/** The stats of the entry's files before a validation, so a change while it ran is seen. */
export function validationStamps(cache: ValidationCache, name: string, src: string): ReturnType<typeof statOf>[] {
  return entry(cache, name, src).files.map((f) => statOf(resolve(f)));
}

/** Keeps a validation's result; false where the folder cannot be written or a file changed meanwhile. */
export function writeValidation(
  cache: ValidationCache,
  name: string,
  src: string,
  loaded: LoadedCases,
  extra: ValidationExtra,
  before: ReturnType<typeof statOf>[],
): Promise<boolean> {
  const { files, path } = entry(cache, name, src);
  if (files.length !== before.length) return Promise.resolve(false);
  return writeSnapshot(path, files, '/', loaded, before, extra);
}
