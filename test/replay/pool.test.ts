// The resident pool (src/harness/pool.ts): a file loaded in the workers' byte ranges is the same load as one
// thread's, and the shards it keeps — never split again — give the byte-identical report and replay, call
// after call, with staffing rows counted once.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCases } from '../../src/engine/generate/index.js';
import { evaluatePlan } from '../../src/engine/eval/evaluate.js';
import { replayPlan } from '../../src/engine/replay/replay.js';
import { loadCases } from '../../src/harness/loaders/index.js';
import { closeResidentPool, poolHolding, rangeLoader, residentPool } from '../../src/harness/pool.js';
import { evaluatePlanParallel, replayPlanParallel } from '../../src/harness/parallel.js';
import { compileText } from '../eval/helpers.js';
import { tempDir } from '../data/helpers.js';

const PLAN = `方案 并行 { 期间 2018-01-01 至 2018-12-31  使用 std }
目标 结案 : 结案率 >= 60% 每个法院 截至 2018-12-31
任务 1 "终本核查" { 责任人 张三  完成 2018-12-31  检查 终本条件 }
人员 张三
`;

describe('the resident pool', () => {
  afterAll(closeResidentPool);
  const dir = tempDir();
  const lines = [
    ...generateCases({ preset: 'ningbo', cases: 3000, seed: 12, from: '2017-01-01', to: '2018-12-31' }),
  ].map((r) => JSON.stringify(r));
  // A repeated id far from its first, and a malformed line, in the second half of the file.
  lines.splice(2500, 0, lines[10]!, '{"id": oops}');
  const file = join(dir, 'cases.ndjson');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const ir = compileText(PLAN).ir;

  it('loads a file in 2 workers exactly as one thread does, and keeps the shards', async () => {
    const one = await loadCases([file]);
    const two = await loadCases([file], { ranges: rangeLoader(2) });
    expect(two.stats).toEqual(one.stats);
    expect(two.problems).toEqual(one.problems);
    expect(two.problems.map((p) => [p.line, p.code])).toEqual([
      [2501, 'D0112'],
      [2502, 'D0004'],
    ]);
    expect(two.store).toEqual(one.store);
    expect([...two.origins.line]).toEqual([...one.origins.line]);
    expect(poolHolding(two.store)?.size).toBe(2);
    expect(poolHolding(one.store)).toBeNull();
  });

  it('evaluates and replays the held shards as one thread does, again and again', async () => {
    const { store } = await loadCases([file], { ranges: rangeLoader(2) });
    const staffing = [
      { court: '宁波市海曙区人民法院', date: '2018-01-01', 执行人员: 20, 政法编制: 30 },
      { court: '宁波市江北区人民法院', date: '2018-01-01', 执行人员: 12, 政法编制: 18 },
    ];
    const input = { ir, store, asOf: '2018-09-30', staffing };
    const serial = JSON.stringify(evaluatePlan(input));
    expect(JSON.stringify(await evaluatePlanParallel(input, 2))).toBe(serial);
    expect(JSON.stringify(await evaluatePlanParallel({ ...input, asOf: '2018-10-31' }, 2))).toBe(
      JSON.stringify(evaluatePlan({ ...input, asOf: '2018-10-31' })),
    );
    const range = { ir, store, from: '2018-01-01', to: '2018-12-31', step: 'week' as const, staffing };
    expect(JSON.stringify(await replayPlanParallel(range, 2))).toBe(JSON.stringify(replayPlan(range)));
    expect(poolHolding(store)).toBe(residentPool(2));
  });

  it('holds a store loaded in this thread once it is evaluated, unless it is under the threshold', async () => {
    const { store } = await loadCases([file]);
    const input = { ir, store, asOf: '2018-09-30' };
    await evaluatePlanParallel(input, 2, store.n + 1);
    expect(poolHolding(store)).toBeNull();
    const got = await evaluatePlanParallel(input, 2);
    expect(poolHolding(store)).not.toBeNull();
    expect(JSON.stringify(got)).toBe(JSON.stringify(evaluatePlan(input)));
  });
});
