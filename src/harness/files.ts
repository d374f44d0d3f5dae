// Writing files so that a crash never leaves half of one: a temporary file in the same folder, then a
// rename over the old one (keeping its permissions).
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './io.js';

/** `text`: a string is written as UTF-8; bytes as they are. */
export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let mode: number | undefined;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    mode = undefined;
  }
  try {
    if (typeof text !== 'string') writeFileSync(tmp, text, mode === undefined ? {} : { mode });
    else writeFileSync(tmp, text, mode === undefined ? { encoding: 'utf8' } : { encoding: 'utf8', mode });
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* the temporary file was never made */
    }
    throw e;
  }
}

/**
 * `mkdir -p`, one level at a time: Node 20's `mkdirSync(…, {recursive: true})` never returns for some
 * paths that cannot be made (a folder under /proc), where a plain mkdir fails at once.
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    try {
      if (statSync(d).isDirectory()) break;
    } catch {
      /* not there yet */
    }
    if (dirname(d) === d) break;
    missing.push(d);
  }
  for (const d of missing.reverse()) mkdirSync(d);
}

/**
 * A command's `--out FILE`: written atomically, its folder made when missing; a place that cannot be
 * written is the user's to fix, so it is a UsageError naming the file, not an internal error.
 */
export function writeOutputFile(path: string, text: string | Uint8Array): void {
  try {
    makeFolders(dirname(path));
    writeFileAtomic(path, text);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new UsageError(`无法写入 ${path}（${why}） / cannot write ${path} (${why})`);
  }
}
