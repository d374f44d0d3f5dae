// Sharding by court over worker threads gives the same report and the same replay as one thread, for
// any number of workers (partial sums merge exactly).
import { describe, expect, it } from 'vitest';
import { generateCases } from '../../src/engine/generate/index.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import { evaluatePlan } from '../../src/engine/eval/evaluate.js';
import { replayPlan } from '../../src/engine/replay/replay.js';
import { evaluatePlanParallel, replayPlanParallel } from '../../src/harness/parallel.js';
import { compileText } from '../eval/helpers.js';

const PLAN = `方案 并行 { 期间 2018-01-01 至 2018-12-31  使用 std }
目标 结案 : 结案率 >= 60% 每个法院 截至 2018-12-31
任务 1 "终本核查" { 责任人 张三  完成 2018-12-31  检查 终本条件 }
人员 张三
`;

describe('parallel = serial', () => {
  const records = [...generateCases({ preset: 'ningbo', cases: 3000, seed: 11, from: '2017-01-01', to: '2018-12-31' })];
  const ir = compileText(PLAN).ir;
  const store = storeFromRecords(records);

  it('evaluation: 1, 2 and 3 workers give the byte-identical report', async () => {
    const serial = JSON.stringify(evaluatePlan({ ir, store, asOf: '2018-09-30' }));
    for (const w of [2, 3]) {
      const par = JSON.stringify(await evaluatePlanParallel({ ir, store, asOf: '2018-09-30' }, w));
      expect(par).toBe(serial);
    }
    expect(serial).toContain('终本条件');
  });

  it('replay: 2 workers give the byte-identical series', async () => {
    const serial = JSON.stringify(replayPlan({ ir, store, from: '2018-01-01', to: '2018-12-31', step: 'week' }));
    const par = JSON.stringify(
      await replayPlanParallel({ ir, store, from: '2018-01-01', to: '2018-12-31', step: 'week' }, 2),
    );
    expect(par).toBe(serial);
  });
});
