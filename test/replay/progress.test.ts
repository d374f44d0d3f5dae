// Replay's progress: the engine reports case passes done through its input's callback (plain data), in
// one thread and summed over worker threads, ending at the total; `luoshi replay` draws it as a bar.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateCases } from '../../src/engine/generate/index.js';
import { storeFromRecords } from '../../src/engine/data/store.js';
import { prepareReplay, replayPlan, REPLAY_SLICE } from '../../src/engine/replay/replay.js';
import { replayPlanParallel } from '../../src/harness/parallel.js';
import { main } from '../../src/harness/cli.js';
import type { ProgressFactory } from '../../src/harness/progress.js';
import { captureIO, tempDir } from '../data/helpers.js';
import { compileText } from '../eval/helpers.js';

const PLAN = `方案 进度 { 期间 2018-04-01 至 2018-12-31  使用 std  法院 海曙, 江北 }
法院 海曙 = "宁波市海曙区人民法院"
法院 江北 = "宁波市江北区人民法院"
目标 年度移送 : 拒执移送率 >= 1‰ 每年
`;
const records = [...generateCases({ preset: 'ningbo', cases: 500, seed: 5, from: '2017-06-01', to: '2018-12-31' })];
/** The generated cases of the plan's two courts. */
const N = 99;
const input = () => ({
  ir: compileText(PLAN).ir,
  store: storeFromRecords(records),
  from: '2018-01-01',
  to: '2018-12-31',
  step: 'week' as const,
});

describe('replay progress', () => {
  it('reports each window pass of every case, in slices, ending at the total', () => {
    const seen: Array<{ done: number; total: number }> = [];
    const i = input();
    const prepared = prepareReplay(i);
    expect(prepared.windowJobs.length).toBe(2); // the plan's period and calendar 2018 (the yearly target)
    // The cases of the plan's two courts (of the generated 500): one slice per window.
    expect(prepared.store.n).toBe(N);
    expect(REPLAY_SLICE).toBeGreaterThan(N);
    replayPlan({ ...i, onProgress: (done, total) => seen.push({ done, total }) });
    expect(seen).toEqual([
      { done: N, total: 2 * N },
      { done: 2 * N, total: 2 * N },
    ]);
  });

  it('sums the reports of worker threads', async () => {
    const seen: Array<{ done: number; total: number }> = [];
    const one = replayPlan(input());
    const two = await replayPlanParallel({ ...input(), onProgress: (done, total) => seen.push({ done, total }) }, 2);
    expect(two.indicators).toEqual(one.indicators);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.every((p) => p.total === 2 * N)).toBe(true);
    expect(seen.map((p) => p.done)).toEqual([...seen.map((p) => p.done)].sort((a, b) => a - b));
    expect(seen.at(-1)!.done).toBe(2 * N);
  });

  it('is drawn as a bar by luoshi replay on a terminal, and not otherwise', async () => {
    const dir = tempDir();
    const data = join(dir, 'cases.ndjson');
    const ours = records.filter((r) => r.court === '宁波市海曙区人民法院' || r.court === '宁波市江北区人民法院');
    writeFileSync(data, ours.map((r) => JSON.stringify(r)).join('\n') + '\n');
    writeFileSync(join(dir, 'p.plan'), PLAN);
    const bars: Array<{ label: string; total: number; unit: string; updates: number[]; stopped: boolean }> = [];
    const factory: ProgressFactory = (label, total, unit) => {
      const bar = { label, total, unit, updates: [] as number[], stopped: false };
      bars.push(bar);
      return {
        update: (n) => bar.updates.push(n),
        stop: () => {
          bar.stopped = true;
        },
      };
    };
    const args = ['replay', join(dir, 'p.plan'), '--data', data, '--from', '2018-01-01', '--to', '2018-12-31'];
    const io = { ...captureIO(dir), progress: factory };
    expect([await main([...args, '--step', 'week', '--workers', '1'], io), io.err.join('')]).toEqual([0, '']);
    const replay = bars.find((b) => b.label === '回放 / replaying')!;
    expect(replay).toMatchObject({ total: 2 * N, unit: 'cases', stopped: true });
    expect(replay.updates).toEqual([N, 2 * N]);
    // Without a terminal (no factory) nothing is drawn and the output is the same.
    const plain = captureIO(dir);
    expect(await main([...args, '--step', 'week', '--workers', '1'], plain)).toBe(0);
    expect(plain.out.join('')).toBe(io.out.join(''));
  });
});
