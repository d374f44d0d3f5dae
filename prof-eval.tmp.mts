import { compile } from './dist/engine/check/compile.js';
import { evaluatePlan } from './dist/engine/eval/evaluate.js';
import { nodeHost, PACKAGE_ROOT } from './dist/harness/host.js';
import { loadCases } from './dist/harness/loaders/index.js';
const plan = compile('policies/ningbo-2018.plan', nodeHost(PACKAGE_ROOT));
const loaded = await loadCases(['bench/out/ningbo-1000000.ndjson'], { snapshot: { dir: '/work/wt/_data/lead/snap' } });
console.log('loaded', loaded.snapshot, loaded.store.n);
for (let k = 0; k < 5; k++) {
  const t = performance.now();
  evaluatePlan({ ir: plan.ir, store: loaded.store, asOf: '2018-12-31' });
  console.log('eval', (performance.now() - t).toFixed(0), 'ms');
}
const rep = evaluatePlan({ ir: plan.ir, store: loaded.store, asOf: '2018-12-31' }) as any;
const s = JSON.stringify(rep, (k, v) => (k === 'failures' && Array.isArray(v) ? v.length : v));
for (const m of s.matchAll(/"(checked|failed|warned)":(\d+)/g)) console.log(m[0]);
