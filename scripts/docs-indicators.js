// Writes docs/indicators.md from the standard library (policies/std); `--check` only says whether the
// committed file is current (exit 1 if not). Runs from dist/: `npm run build` first (npm run docs:indicators does).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { indicatorsDoc, INDICATORS_DOC } from '../dist/harness/indicators-doc.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, INDICATORS_DOC);
const text = indicatorsDoc();
if (process.argv.includes('--check')) {
  let old = null;
  try { old = readFileSync(file, 'utf8'); } catch { /* missing: not current */ }
  if (old !== text) {
    console.error(`${INDICATORS_DOC} 不是最新的，请运行 npm run docs:indicators / is not current: run npm run docs:indicators`);
    process.exit(1);
  }
  console.log(`${INDICATORS_DOC}: 最新 / current`);
} else {
  writeFileSync(file, text);
  console.log(`${INDICATORS_DOC}: 已生成 / written`);
}
