// Parallel benchmark: the same evaluation and replay with 1 and 2 worker threads (aim: ≥ 1.7× faster).
// Usage: tsx bench/replay/parallel.bench.ts [--cases N] (default 1,000,000)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { compile } from '../../src/engine/check/compile.js';
import { loadCases } from '../../src/harness/loaders/index.js';
import { nodeHost, PACKAGE_ROOT } from '../../src/harness/host.js';
import { ensureBenchData } from '../data.js';

// Workers start from the built code when it exists (as the CLI does), not through tsx.
const built = join(PACKAGE_ROOT, 'dist', 'harness', 'parallel.js');
const modulePath = existsSync(built) ? pathToFileURL(built).href : '../../src/harness/parallel.js';
const { evaluatePlanParallel, replayPlanParallel }: typeof import('../../src/harness/parallel.js') = await import(
  modulePath
);
console.log(`engine from ${existsSync(built) ? 'dist/ (npm run build)' : 'src/ via tsx'}`);

const { values } = parseArgs({ options: { cases: { type: 'string', default: '1000000' } } });
const file = await ensureBenchData(Number(values.cases));
const plan = compile('policies/ningbo-2018.plan', nodeHost(PACKAGE_ROOT));
const { store } = await loadCases([file]);
const time = async (f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};
const row = (a: string, b: string) => console.log(`${a.padEnd(40)}${b}`);
row('cases / events', `${store.n} / ${store.evStart[store.n]}`);
for (const what of ['evaluate', 'replay 365 days'] as const) {
  const run = (w: number) =>
    what === 'evaluate'
      ? evaluatePlanParallel({ ir: plan.ir, store, asOf: '2018-12-31' }, w)
      : replayPlanParallel({ ir: plan.ir, store, from: '2018-01-01', to: '2018-12-31', step: 'day' }, w);
  const one = await time(() => run(1));
  const two = await time(() => run(2));
  row(`${what}: 1 worker`, `${one.toFixed(0)} ms`);
  row(`${what}: 2 workers`, `${two.toFixed(0)} ms   speed-up ${(one / two).toFixed(2)}× (aim ≥ 1.7)`);
}
