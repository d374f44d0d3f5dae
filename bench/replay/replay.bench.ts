// Replay benchmark: one year daily (365 steps) against one as-of evaluation of the same data and plan.
// Usage: tsx bench/replay/replay.bench.ts [--cases N] (default 1,000,000; generated once into bench/out/).
import { parseArgs } from 'node:util';
import { compile } from '../../src/engine/check/compile.js';
import { evaluatePlan } from '../../src/engine/eval/evaluate.js';
import { replayPlan } from '../../src/engine/replay/replay.js';
import { loadCases } from '../../src/harness/loaders/index.js';
import { nodeHost, PACKAGE_ROOT } from '../../src/harness/host.js';
import { ensureBenchData } from '../data.js';

const { values } = parseArgs({
  options: { cases: { type: 'string', default: '1000000' }, step: { type: 'string', default: 'day' } },
});
const file = await ensureBenchData(Number(values.cases));
const plan = compile('policies/ningbo-2018.plan', nodeHost(PACKAGE_ROOT));
const { store } = await loadCases([file]);
const t0 = performance.now();
evaluatePlan({ ir: plan.ir, store, asOf: '2018-12-31' });
const single = performance.now() - t0;
const t1 = performance.now();
const rep = replayPlan({ ir: plan.ir, store, from: '2018-01-01', to: '2018-12-31', step: values.step as 'day' });
const replay = performance.now() - t1;
console.log(`cases ${store.n}, events ${store.evStart[store.n]}`);
console.log(`single as-of evaluation           ${single.toFixed(0)} ms`);
console.log(`replay ${rep.dates.length} steps (${values.step})          ${replay.toFixed(0)} ms  (${rep.method})`);
console.log(`ratio replay / single             ${(replay / single).toFixed(2)}  (aim ≤ 3)`);
