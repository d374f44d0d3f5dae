#!/usr/bin/env node
// `npm run bench`: every benchmark, each with its peer in the same run. Pass-through args go to each.
import { spawnSync } from 'node:child_process';
const args = process.argv.slice(2);
const benches = [
  'bench/compile/compile.bench.ts',
  'bench/eval/eval.bench.ts',
  'bench/replay/replay.bench.ts',
  'bench/replay/parallel.bench.ts',
  'bench/plugins/watched.bench.ts',
  // At scale: the national data set at 1 % (--scale 1 for the nation), the three engines on --cases N (default 3,000).
  'bench/scale/national.bench.ts',
  'bench/scale/engines.bench.ts',
];
let failed = 0;
for (const b of benches) {
  console.log(`\n== ${b}`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', b, ...args], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exitCode = failed ? 1 : 0;
