// Benchmark data: generated once per size into bench/out/ (gitignored) and reused.
import { createWriteStream, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateCases } from '../src/engine/generate/index.js';
import { PACKAGE_ROOT } from '../src/harness/host.js';

export async function ensureBenchData(n: number, preset = 'ningbo'): Promise<string> {
  const dir = join(PACKAGE_ROOT, 'bench', 'out');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${preset}-${n}.ndjson`);
  try {
    statSync(file);
    return file;
  } catch {
    /* generate below */
  }
  const t0 = performance.now();
  const out = createWriteStream(file);
  let buf: string[] = [];
  for (const r of generateCases({ preset, cases: n, seed: 'bench', from: '2016-01-01', to: '2018-12-31' })) {
    buf.push(JSON.stringify(r));
    if (buf.length === 10000) {
      if (!out.write(buf.join('\n') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = [];
    }
  }
  out.end(buf.length ? buf.join('\n') + '\n' : '');
  await new Promise<void>((r) => out.on('finish', () => r()));
  console.log(`generated ${n} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${file}`);
  return file;
}
