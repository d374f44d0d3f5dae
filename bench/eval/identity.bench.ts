// Court identity's cost (src/engine/data/identity.ts): identifying N generated cases against a plan that
// names its 11 courts, next to evaluating the standard indicators over the same store — the step runs
// before every evaluation, so its share of one is the figure that matters.
//   node --import tsx bench/eval/identity.bench.ts [N=1000000]
import { generateCases } from '../../src/engine/generate/index.js';
import { CaseStoreBuilder } from '../../src/engine/data/store.js';
import { identifyCourts } from '../../src/engine/data/identity.js';
import { compilerFor, executeJobs } from '../../src/engine/eval/jobs.js';
import { prepareEvaluation } from '../../src/engine/eval/evaluate.js';
import { compileText } from '../../test/eval/helpers.js';

const n = Number(process.argv[2] ?? 1_000_000);
const courts: Array<[string, string]> = [
  ['宁波中院', '宁波市中级人民法院'],
  ['海曙法院', '宁波市海曙区人民法院'],
  ['江北法院', '宁波市江北区人民法院'],
  ['镇海法院', '宁波市镇海区人民法院'],
  ['北仑法院', '宁波市北仑区人民法院'],
  ['鄞州法院', '宁波市鄞州区人民法院'],
  ['奉化法院', '宁波市奉化区人民法院'],
  ['余姚法院', '余姚市人民法院'],
  ['慈溪法院', '慈溪市人民法院'],
  ['宁海法院', '宁海县人民法院'],
  ['象山法院', '象山县人民法院'],
];
const plan = `方案 基准 { 期间 2018-01-01 至 2018-12-31  法院 ${courts.map(([s]) => s).join(', ')}  使用 std }\n${courts.map(([s, f]) => `法院 ${s} = "${f}" 基层`).join('\n')}\n`;
const ir = compileText(plan).ir;

const b = new CaseStoreBuilder();
for (const r of generateCases({ preset: 'ningbo', cases: n, seed: 'bench', from: '2016-01-01', to: '2018-12-31' }))
  b.add(r);
const store = b.build();

const median = (xs: number[]) => xs.slice().sort((a, c) => a - c)[Math.floor(xs.length / 2)]!;
const time = (f: () => void, runs = 5): number => {
  const t: number[] = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  return median(t);
};
const identify = time(() => identifyCourts(ir, store));
const excluding = time(() => identifyCourts(ir, store, { aliases: {} }));
// The evaluation itself (identity included), for scale.
const evaluate = time(() => {
  const p = prepareEvaluation({ ir, store, asOf: '2018-12-31' });
  executeJobs(ir, p.store, p.jobs, p.staffing, compilerFor(ir, p.store));
}, 3);
console.log(`${n.toLocaleString('en-US')} cases, ${store.handlers.length} handlers, ${store.teams.length} teams`);
console.log(`identifyCourts: ${identify.toFixed(1)} ms (median of 5; again: ${excluding.toFixed(1)} ms)`);
console.log(
  `evaluation of std (identity included): ${evaluate.toFixed(0)} ms (median of 3) — identity ${((identify / evaluate) * 100).toFixed(1)}% of it`,
);
