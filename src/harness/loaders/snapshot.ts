// A columnar snapshot of loaded case data, so a second run over the same files skips parsing and
// validation. After `loadCases` reads a set of files, it writes the store (the worker payload's codec,
// ../../workers/protocol.ts), the load statistics, the listed problems and each case's origin to one
// file in the cache folder; a later run over the same sources reads it back instead — restoring rejected
// records, counts and problems exactly.
//
// When a snapshot may be used: its name is a hash of what decides the result apart from the files' bytes
// (the files as named and where they resolve, the options, plugin event types, and the loader's own code,
// so a new luoshi never reads an old snapshot); inside, each source's SHA-256 and its stat (size, mtime,
// inode). A source whose stat is unchanged is taken as unchanged, as git does — unless it was modified within
// two seconds of the snapshot being written (a later change in the same clock tick could hide); any other
// source is hashed again, and a changed byte means a fresh load that replaces the snapshot. Files read by a
// plugin's importer are never snapshotted (the plugin's code is not part of the key).
//
//   "LSS1" | u32 header length (LE) | header JSON | padding to 8 | origins.file | pad | origins.line | pad | store payload
import { createHash } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  statSync,
  type BigIntStats,
} from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataProblem } from '../../engine/data/problems.js';
import { decodeData, encodeData, type DataPayloadMeta } from '../../workers/protocol.js';
import type { CaseOrigins, LoadedCases, LoadStats } from './types.js';

/** Where snapshots go and from what size of sources they are worth writing. */
export interface SnapshotOptions {
  dir: string;
  /** Sources smaller than this in total are not snapshotted (reading them is as quick). Default 1 MB. */
  minBytes?: number;
}

export const DEFAULT_SNAPSHOT_MIN_BYTES = 1024 * 1024;

/** The default cache folder: $LUOSHI_CACHE_DIR, else $XDG_CACHE_HOME/luoshi, else ~/.cache/luoshi; snapshots/ in it. */
export function defaultSnapshotDir(
  env: NodeJS.ProcessEnv = process.env,
  home = env.HOME ?? env.USERPROFILE ?? '.',
): string {
  const base =
    env.LUOSHI_CACHE_DIR || (env.XDG_CACHE_HOME ? join(env.XDG_CACHE_HOME, 'luoshi') : join(home, '.cache', 'luoshi'));
  return join(base, 'snapshots');
}

const MAGIC = 'LSS1';
/** A change of a source within this many ms of the snapshot's writing is not trusted to show in its stat. */
const RACY_MS = 2000n;

interface SourceStamp {
  abs: string;
  size: number;
  mtimeNs: string;
  ino: string;
  sha256: string;
}

interface Header {
  key: string;
  writtenMs: string;
  sources: SourceStamp[];
  stats: LoadStats;
  problems: DataProblem[];
  originFiles: string[];
  /** 16 or 32: the width of origins.file. */
  fileBits: 16 | 32;
  /** Byte offsets (from the start of the file) and lengths of the three parts after the header. */
  parts: { file: [number, number]; line: [number, number]; store: [number, number] };
  /** What the writer keeps beside the load (plain JSON), given back as it was. */
  extra?: unknown;
}

let loaderHash: string | null = null;

/** A hash of the loader's and validator's code as installed: a snapshot written by other code is never read. */
function loaderCodeHash(): string {
  loaderHash ??= codeHash(['.', '../../engine/data', '../../workers']);
  return loaderHash;
}

/** A hash of the code in `dirs` (relative to this folder) as installed, for the keys of what it writes. */
export function codeHash(dirs: readonly string[]): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const h = createHash('sha256');
  for (const dir of dirs.map((d) => resolve(here, d))) {
    let names: string[] = [];
    try {
      names = readdirSync(dir)
        .filter((n) => /\.(js|ts|mjs)$/.test(n))
        .sort();
    } catch {
      /* a folder missing in a bundle: its absence is part of the hash */
    }
    for (const n of names) h.update(n).update(readFileSync(join(dir, n)));
  }
  return h.digest('hex');
}

/** The snapshot file for a load: a hash of everything but the sources' bytes. */
export function snapshotPath(dir: string, files: readonly string[], cwd: string, options: unknown): string {
  const key = createHash('sha256')
    .update(
      JSON.stringify({
        v: loaderCodeHash(),
        files,
        abs: files.map((f) => resolve(cwd, f)),
        options,
      }),
    )
    .digest('hex')
    .slice(0, 32);
  return join(dir, `${key}.lss`);
}

async function sha256Of(abs: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(abs, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** The stat of a file (bigint: nanosecond mtimes), or null when there is none. */
export function statOf(abs: string): BigIntStats | null {
  try {
    return statSync(abs, { bigint: true });
  } catch {
    return null;
  }
}

/** The sources' total size, or null when one is not a regular file (the loader reports it; no snapshot). */
export function sourcesSize(files: readonly string[], cwd: string): number | null {
  let total = 0;
  for (const f of files) {
    const st = statOf(resolve(cwd, f));
    if (!st?.isFile()) return null;
    total += Number(st.size);
  }
  return total;
}

/** The most one read or write asks for: one call moves at most 2 GiB − 1, and a 10 M-case store is larger. */
const PIECE = 1 << 30;

/** Reads a snapshot if it is there and every source is unchanged; null otherwise (never throws). */
export async function readSnapshot(
  path: string,
  files: readonly string[],
  cwd: string,
): Promise<(LoadedCases & { extra?: unknown }) | null> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const head = Buffer.alloc(8);
    if (readSync(fd, head, 0, 8, 0) !== 8 || head.toString('latin1', 0, 4) !== MAGIC) return null;
    const len = head.readUInt32LE(4);
    const hbuf = Buffer.alloc(len);
    if (readSync(fd, hbuf, 0, len, 8) !== len) return null;
    const header = JSON.parse(hbuf.toString('utf8')) as Header;
    if (header.sources.length !== files.length) return null;
    const written = BigInt(header.writtenMs);
    for (const [i, f] of files.entries()) {
      const s = header.sources[i]!;
      const abs = resolve(cwd, f);
      if (s.abs !== abs) return null;
      const st = statOf(abs);
      if (!st?.isFile()) return null;
      const sameStat =
        String(st.size) === String(s.size) && String(st.mtimeNs) === s.mtimeNs && String(st.ino) === s.ino;
      const racy = st.mtimeMs + RACY_MS >= written;
      if (!sameStat || racy) {
        if (Number(st.size) !== s.size || (await sha256Of(abs)) !== s.sha256) return null;
      }
    }
    const part = (at: [number, number]): ArrayBuffer => {
      const ab = new ArrayBuffer(at[1]);
      const bytes = new Uint8Array(ab);
      for (let done = 0; done < at[1]; ) {
        const n = readSync(fd, bytes, done, Math.min(at[1] - done, PIECE), at[0] + done);
        if (n <= 0) throw new Error('truncated');
        done += n;
      }
      return ab;
    };
    const fileCol =
      header.fileBits === 16 ? new Uint16Array(part(header.parts.file)) : new Uint32Array(part(header.parts.file));
    const lineCol = new Uint32Array(part(header.parts.line));
    const { store } = decodeData(part(header.parts.store));
    const origins: CaseOrigins = { files: header.originFiles, file: fileCol, line: lineCol };
    const out = { store, stats: header.stats, problems: header.problems, origins };
    return header.extra === undefined ? out : { ...out, extra: header.extra };
  } catch {
    return null; // a snapshot cut short or from another version: load the sources instead
  } finally {
    closeSync(fd);
  }
}

const pad8 = (n: number): number => (n + 7) & ~7;

/**
 * Writes a snapshot of `loaded` atomically (a temporary file renamed into place). Returns false, writing
 * nothing, when the folder cannot be written — a cache is never a reason to fail a run.
 */
export async function writeSnapshot(
  path: string,
  files: readonly string[],
  cwd: string,
  loaded: LoadedCases,
  before: ReadonlyArray<BigIntStats | null>,
  extra?: unknown,
): Promise<boolean> {
  const sources: SourceStamp[] = [];
  for (const [i, f] of files.entries()) {
    const abs = resolve(cwd, f);
    const was = before[i];
    if (!was?.isFile()) return false;
    const sha256 = await sha256Of(abs);
    const now = statOf(abs);
    // Changed while it was loaded or hashed: what was loaded may not be what was hashed.
    if (!now || now.size !== was.size || now.mtimeNs !== was.mtimeNs || now.ino !== was.ino) return false;
    sources.push({ abs, size: Number(was.size), mtimeNs: String(was.mtimeNs), ino: String(was.ino), sha256 });
  }
  const meta: DataPayloadMeta = {
    selection: { cases: [], progress: [], staffing: [] },
    read: 0,
    accepted: 0,
    rejected: 0,
    warnings: 0,
    problems: [],
    progress: [],
    staffing: [],
  };
  const storeChunks = encodeData(loaded.store, meta);
  const storeLen = storeChunks.reduce((s, c) => s + c.byteLength, 0);
  const { file, line } = loaded.origins;
  const bytesOf = (a: ArrayBufferView): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const headerFor = (base: number): Header => {
    const fileAt = base,
      lineAt = pad8(fileAt + file.byteLength),
      storeAt = pad8(lineAt + line.byteLength);
    return {
      key: path,
      writtenMs: String(BigInt(Date.now())),
      sources,
      stats: loaded.stats,
      problems: loaded.problems,
      originFiles: loaded.origins.files,
      fileBits: file instanceof Uint16Array ? 16 : 32,
      parts: { file: [fileAt, file.byteLength], line: [lineAt, line.byteLength], store: [storeAt, storeLen] },
      ...(extra === undefined ? {} : { extra }),
    };
  };
  // The header holds offsets that depend on its own length: iterate until stable.
  let base = 0;
  let text = Buffer.from(JSON.stringify(headerFor(base)));
  for (;;) {
    const next = pad8(8 + text.length);
    if (next === base) break;
    base = next;
    text = Buffer.from(JSON.stringify(headerFor(base)));
  }
  const h = headerFor(base);
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await mkdir(dirname(path), { recursive: true });
    const out = await open(tmp, 'w');
    try {
      const prefix = Buffer.alloc(base);
      prefix.write(MAGIC, 0, 'latin1');
      prefix.writeUInt32LE(text.length, 4);
      text.copy(prefix, 8);
      let at = 0;
      const put = async (b: Uint8Array, where: number): Promise<void> => {
        for (let done = 0; done < b.byteLength; ) {
          const { bytesWritten } = await out.write(b, done, Math.min(b.byteLength - done, PIECE), where + done);
          done += bytesWritten;
        }
        at = where + b.byteLength;
      };
      await put(prefix, 0);
      await put(bytesOf(file), h.parts.file[0]);
      await put(bytesOf(line), h.parts.line[0]);
      at = h.parts.store[0];
      for (const c of storeChunks) await put(c, at);
    } finally {
      await out.close();
    }
    await rename(tmp, path);
    return true;
  } catch {
    await rm(tmp, { force: true }).catch(() => undefined);
    return false;
  }
}
