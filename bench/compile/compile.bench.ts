// Compile-time benchmark: each seed plan (median of 50 runs after warm-up) and a generated 10,000-line plan
// (median of 10), with the cost per line. Aim (2-core machine): a seed plan < 5 ms, 10,000 lines < 150 ms.
//
//   npx tsx bench/compile/compile.bench.ts          the engine as production runs it (see below)
//   npx tsx bench/compile/compile.bench.ts --tsx    the modules as tsx loads them
//   … --json                                         rows as JSON
//
// Under tsx, esbuild's keepNames wraps every function declared inside another function with `__name(…)`;
// the generated parser declares ~700 rule functions inside `peg$parse`, so each parse call pays ~0.3 ms
// for it. Production code (tsc → dist/, Vite for the workbench) has no such wrapper, so by default the
// engine is first bundled with esbuild without keepNames and the bundle is measured.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface Engine {
  compile: typeof import('../../src/engine/check/compile.js').compile;
  parsePlan: typeof import('../../src/engine/syntax/parse.js').parsePlan;
  memoryHost: typeof import('../../test/corpus/host.js').memoryHost;
  generatePlan: typeof import('../../test/corpus/generate.js').generatePlan;
}

interface Row {
  name: string;
  lines: number;
  runs: number;
  parseMs: number;
  compileMs: number;
  compileMinMs: number;
  /** Process CPU time of a compile (all threads, the collector's included), median: the figure on a shared machine. */
  compileCpuMs: number;
  usPerLine: number;
  errors: number;
}

const ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');
const MODULES = {
  compile: 'src/engine/check/compile.ts',
  parsePlan: 'src/engine/syntax/parse.ts',
  memoryHost: 'test/corpus/host.ts',
  generatePlan: 'test/corpus/generate.ts',
} as const;

async function loadEngine(bundled: boolean): Promise<Engine> {
  if (!bundled) {
    const [c, p, h, g] = await Promise.all(
      Object.values(MODULES).map((m) => import(pathToFileURL(join(ROOT, m)).href)),
    );
    return { compile: c.compile, parsePlan: p.parsePlan, memoryHost: h.memoryHost, generatePlan: g.generatePlan };
  }
  const { build } = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-'));
  try {
    const entry = join(dir, 'entry.ts');
    writeFileSync(
      entry,
      Object.entries(MODULES)
        .map(([name, m]) => `export { ${name} } from ${JSON.stringify(join(ROOT, m))};`)
        .join('\n'),
    );
    const out = join(dir, 'engine.mjs');
    // The bundle lives in a temporary folder: the std library is found from the repository root.
    await build({
      entryPoints: [entry],
      bundle: true,
      format: 'esm',
      platform: 'node',
      outfile: out,
      logLevel: 'error',
      keepNames: false,
      define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(ROOT, 'test', 'corpus', 'host.ts')).href) },
      // CommonJS dependencies in the bundle (yaml) call require('process'): give the ES module one.
      banner: {
        js: `import { createRequire as __luoshiRequire } from 'node:module'; const require = __luoshiRequire(${JSON.stringify(pathToFileURL(out).href)});`,
      },
    });
    return (await import(pathToFileURL(out).href)) as Engine;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function measure(e: Engine, name: string, text: string, runs: number): Row {
  const host = e.memoryHost({ [name]: text });
  const parse: number[] = [],
    full: number[] = [],
    cpu: number[] = [];
  let errors = 0;
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    e.parsePlan(name, text);
    parse.push(performance.now() - t);
    t = performance.now();
    const c = process.cpuUsage();
    errors = e.compile(name, host).errorCount;
    full.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  const lines = text.split('\n').length;
  const compileMs = median(full);
  return {
    name,
    lines,
    runs,
    parseMs: median(parse),
    compileMs,
    compileMinMs: Math.min(...full),
    compileCpuMs: median(cpu),
    usPerLine: (compileMs * 1000) / lines,
    errors,
  };
}

const tsx = process.argv.includes('--tsx');
const engine = await loadEngine(!tsx);
const dir = join(ROOT, 'policies');
const inputs: Array<[string, string, number]> = readdirSync(dir)
  .filter((x) => x.endsWith('.plan'))
  .sort()
  .map((f) => [f, readFileSync(join(dir, f), 'utf8'), 50]);
inputs.push(['generated-10k.plan', engine.generatePlan(10_000), 10]);
// Warm-up: every input compiled (and parsed) several times before any is measured, so the first plan
// measured does not pay for the JIT.
for (let round = 0; round < 5; round++) {
  for (const [name, text, runs] of inputs) {
    if (runs < 50 && round >= 2) continue;
    engine.compile(name, engine.memoryHost({ [name]: text }));
    engine.parsePlan(name, text);
  }
}
const rows = inputs.map(([name, text, runs]) => measure(engine, name, text, runs));

if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const head = ['plan', 'lines', 'runs', 'parse ms', 'compile ms', 'min ms', 'cpu ms', 'µs/line', 'errors'];
  const body = rows.map((r) => [
    r.name,
    String(r.lines),
    String(r.runs),
    r.parseMs.toFixed(2),
    r.compileMs.toFixed(2),
    r.compileMinMs.toFixed(2),
    r.compileCpuMs.toFixed(2),
    r.usPerLine.toFixed(1),
    String(r.errors),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join('  ');
  console.log(`engine: ${tsx ? 'modules as loaded by tsx' : 'bundled with esbuild (as in production)'}`);
  console.log(line(head));
  console.log(w.map((n) => '-'.repeat(n)).join('  '));
  for (const b of body) console.log(line(b));
  console.log(
    '\nparse = the plan file alone; compile = parse + bind + check + IR of the plan with std (std is parsed once',
  );
  console.log('per process and kept); medians of the runs, min = the fastest run, cpu = the process CPU time of a');
  console.log("compile (all threads), median: on a shared machine the wall times also count the others' work.");
}
