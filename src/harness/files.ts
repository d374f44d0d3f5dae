// Writing files so that a crash never leaves half of one: a temporary file in the same folder, then a
// rename over the old one (keeping its permissions).
import { randomBytes } from 'node:crypto';
import { renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let mode: number | undefined;
  try { mode = statSync(path).mode & 0o777; } catch { mode = undefined; }
  try {
    if (typeof text !== 'string') writeFileSync(tmp, text, mode === undefined ? {} : { mode });
    else writeFileSync(tmp, text, mode === undefined ? { encoding: 'utf8' } : { encoding: 'utf8', mode });
    renameSync(tmp, path);
  } catch (e) {
    try { unlinkSync(tmp); } catch { /* the temporary file was never made */ }
    throw e;
  }
}
