// tsc does not copy .js sources: put the generated parser beside the compiled engine.
import { cpSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(root, 'src', 'engine', 'syntax', 'generated');
const to = join(root, 'dist', 'engine', 'syntax', 'generated');
mkdirSync(to, { recursive: true });
cpSync(from, to, { recursive: true });
for (const dir of ['src/engine/ir/schema', 'src/engine/data/schema', 'src/engine/report/schema']) {
  try { cpSync(join(root, dir), join(root, dir.replace(/^src/, 'dist')), { recursive: true }); } catch { /* not every schema folder exists yet */ }
}
