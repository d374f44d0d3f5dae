// Compile-time benchmark: each seed plan (median of 50 runs after warm-up) and a generated 10,000-line plan
// (median of 10), with the cost per line. Run: npx tsx bench/compile/compile.bench.ts [--json]
// Aim (2-core machine): a seed plan < 5 ms, 10,000 lines < 150 ms.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../../src/engine/check/compile.js';
import { parsePlan } from '../../src/engine/syntax/parse.js';
import { generatePlan } from '../../test/corpus/generate.js';
import { memoryHost, ROOT } from '../../test/corpus/host.js';

interface Row { name: string; lines: number; runs: number; parseMs: number; compileMs: number; usPerLine: number; errors: number }

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function measure(name: string, text: string, runs: number, warmup: number): Row {
  const host = memoryHost({ [name]: text });
  for (let i = 0; i < warmup; i++) compile(name, host);
  const parse: number[] = [], full: number[] = [];
  let errors = 0;
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    parsePlan(name, text);
    parse.push(performance.now() - t);
    t = performance.now();
    errors = compile(name, host).errorCount;
    full.push(performance.now() - t);
  }
  const lines = text.split('\n').length;
  const compileMs = median(full);
  return { name, lines, runs, parseMs: median(parse), compileMs, usPerLine: (compileMs * 1000) / lines, errors };
}

const rows: Row[] = [];
const dir = join(ROOT, 'policies');
for (const f of readdirSync(dir).filter((x) => x.endsWith('.plan')).sort()) {
  rows.push(measure(f, readFileSync(join(dir, f), 'utf8'), 50, 10));
}
rows.push(measure('generated-10k.plan', generatePlan(10_000), 10, 2));

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const head = ['plan', 'lines', 'runs', 'parse ms', 'compile ms', 'µs/line', 'errors'];
  const body = rows.map((r) => [r.name, String(r.lines), String(r.runs), r.parseMs.toFixed(2), r.compileMs.toFixed(2), r.usPerLine.toFixed(1), String(r.errors)]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  console.log(line(head));
  console.log(w.map((n) => '-'.repeat(n)).join('  '));
  for (const b of body) console.log(line(b));
  console.log('\ncompile = parse + bind + check + IR of the plan and of std (which every seed uses); medians.');
}
