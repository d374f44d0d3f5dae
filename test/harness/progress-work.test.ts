// Progress of long work (src/harness/progress.ts): the engine tells how far an evaluation has gone
// (EvaluateInput.onProgress: cases here, summed over the shards in worker threads), and `check --data`, `db load` and `test`
// draw bars from it on a terminal — never with --quiet or below the sizes in BAR_FROM.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/harness/cli.js';
import { compile } from '../../src/engine/check/compile.js';
import { evaluatePlan } from '../../src/engine/eval/evaluate.js';
import { evaluatePlanParallel } from '../../src/harness/parallel.js';
import { nodeHost } from '../../src/harness/host.js';
import { loadCases } from '../../src/harness/loaders/index.js';
import { BAR_FROM, progressCallback, type ProgressFactory } from '../../src/harness/progress.js';
import { captureIO } from '../data/helpers.js';

const ROOT = join(import.meta.dirname, '..', '..');
const DATA = 'examples/data/ningbo-2018.ndjson';
const tmp = mkdtempSync(join(tmpdir(), 'luoshi-progress-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Drawn {
  label: string;
  total: number;
  unit: string;
  updates: number[];
  stopped: boolean;
}

/** A factory that records every bar instead of drawing it. */
function recorder(): { factory: ProgressFactory; bars: Drawn[] } {
  const bars: Drawn[] = [];
  const factory: ProgressFactory = (label, total, unit) => {
    const b: Drawn = { label, total, unit, updates: [], stopped: false };
    bars.push(b);
    return {
      update: (n) => b.updates.push(n),
      stop: () => {
        b.stopped = true;
      },
    };
  };
  return { factory, bars };
}

async function run(args: string[], progress: ProgressFactory): Promise<{ code: number; out: string; err: string }> {
  const io = { ...captureIO(ROOT), progress };
  const code = await main(args, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

/** Counts up one by one (or shard by shard) to the total, and ends. */
function expectCountedToEnd(b: Drawn | undefined): void {
  expect(b).toBeDefined();
  expect(b!.updates.length).toBeGreaterThan(0);
  expect(b!.updates.at(-1)).toBe(b!.total);
  expect(b!.updates).toEqual([...b!.updates].sort((x, y) => x - y));
  expect(b!.stopped).toBe(true);
}

const saved = { ...BAR_FROM };
afterEach(() => Object.assign(BAR_FROM, saved));

describe('progressCallback', () => {
  it('starts a bar at the first report with its total and ends it when done reaches the total', () => {
    const { factory, bars } = recorder();
    const p = progressCallback(factory, '评估 / evaluating', 'jobs');
    for (let k = 1; k <= 3; k++) p.onProgress!(k, 3);
    p.onProgress!(3, 3); // after the end: nothing more
    p.stop();
    expect(bars).toEqual([{ label: '评估 / evaluating', total: 3, unit: 'jobs', updates: [1, 2, 3], stopped: true }]);
  });

  it('gives no callback without a terminal, and stop ends a bar cut short', () => {
    expect(progressCallback(null, 'x', 'jobs').onProgress).toBeUndefined();
    const { factory, bars } = recorder();
    const p = progressCallback(factory, 'x', 'jobs');
    p.onProgress!(1, 4);
    p.stop();
    expect(bars[0]).toMatchObject({ updates: [1], stopped: true });
  });
});

describe('the engine reports how far an evaluation has gone', () => {
  const ir = compile('policies/ningbo-2018.plan', nodeHost(ROOT)).ir!;

  it('case by case in this thread (the one pass: every 1,024 cases here), to the last, with the same report as without', async () => {
    const { store } = await loadCases([DATA], { cwd: ROOT });
    const seen: Array<[number, number]> = [];
    const input = { ir, store, asOf: '2018-12-31' };
    const report = evaluatePlan({ ...input, onProgress: (d, t) => seen.push([d, t]) });
    expect(store.n).toBe(3000);
    expect(seen).toEqual([
      [1024, 3000],
      [2048, 3000],
      [3000, 3000],
    ]);
    expect(report).toEqual(evaluatePlan(input));
  });

  it('summed over the shards of two worker threads', async () => {
    const { store } = await loadCases([DATA], { cwd: ROOT });
    const seen: Array<[number, number]> = [];
    await evaluatePlanParallel({ ir, store, asOf: '2018-12-31', onProgress: (d, t) => seen.push([d, t]) }, 2);
    // The shards' cases summed: never past the store's, never backwards, ending with all of them.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every(([d, t]) => t === 3000 && d <= t)).toBe(true);
    expect(seen.every(([d], k) => k === 0 || d >= seen[k - 1]![0])).toBe(true);
    expect(seen.at(-1)).toEqual([3000, 3000]);
  });
});

describe('bars of the commands', () => {
  it('check --data: a bar over the evaluation of a large data set, none with --quiet or a small one', async () => {
    BAR_FROM.evaluatedCases = 3000; // the example's 3,000 cases stand for a large data set
    const plan = 'policies/ningbo-2018.plan';
    let r = recorder();
    const drawn = await run(['check', plan, '--data', DATA, '--workers', '1', '--format', 'json'], r.factory);
    expect(drawn.code).toBe(1); // the example misses some of the plan's targets
    const bar = r.bars.find((b) => b.label === '评估 / evaluating');
    expect(bar).toMatchObject({ unit: 'cases', total: 3000 });
    expectCountedToEnd(bar);
    expect(bar!.updates).toEqual([1024, 2048, 3000]);

    r = recorder();
    await run(['check', plan, '--data', DATA, '--workers', '2', '--format', 'json'], r.factory);
    const two = r.bars.find((b) => b.label === '评估 / evaluating');
    expect(two).toMatchObject({ unit: 'cases', total: 3000 });
    expect(two!.updates.at(-1)).toBe(3000);

    r = recorder();
    const quiet = await run(
      ['check', plan, '--data', DATA, '--workers', '1', '--quiet', '--format', 'json'],
      r.factory,
    );
    expect(quiet.out).toBe(drawn.out);
    expect(r.bars).toEqual([]);

    BAR_FROM.evaluatedCases = 3001;
    r = recorder();
    await run(['check', plan, '--data', DATA, '--workers', '1', '--format', 'json'], r.factory);
    expect(r.bars).toEqual([]);
  });

  it('db load: a bar over the case files’ bytes as they are read and written, and one over other rows', async () => {
    const none = recorder().factory;
    const written = '案件 3000 件，事件 26373 条，标签 148 条，进度 0 条，人员 0 条\n';
    const url = `duckdb:${join(tmp, 'progress.duckdb')}`;
    expect((await run(['db', 'init', '--db', url], none)).code).toBe(0);
    BAR_FROM.readBytes = 1 << 20; // the example's 2 MB stand for a large file
    let r = recorder();
    const load = await run(['db', 'load', DATA, '--db', url], r.factory);
    expect(load.out).toBe(`已写入 ${url}：${written}`);
    expect(r.bars.map((b) => b.label)).toEqual(['写入数据库 / writing to the database']);
    expect(r.bars[0]).toMatchObject({ unit: 'bytes', total: statSync(DATA).size });
    expectCountedToEnd(r.bars[0]);
    // A file of 2 MB: no bar for the cases; the staffing rows, many enough, have theirs.
    BAR_FROM.readBytes = 16 * 2 ** 20;
    BAR_FROM.writtenRows = 20;
    const url2 = `duckdb:${join(tmp, 'progress-2.duckdb')}`;
    expect((await run(['db', 'init', '--db', url2], none)).code).toBe(0);
    r = recorder();
    const staffed = await run(
      ['db', 'load', DATA, '--staffing', 'examples/data/staffing-2018.ndjson', '--db', url2],
      r.factory,
    );
    expect(staffed.code).toBe(0);
    expect(r.bars).toHaveLength(1);
    expect(r.bars[0]).toMatchObject({ label: '写入数据库 / writing to the database', unit: 'records', total: 22 });
    expectCountedToEnd(r.bars[0]);
  });

  it('test: a bar over the tests that run, when they are many', async () => {
    BAR_FROM.tests = 10;
    let r = recorder();
    const all = await run(['test', 'policies/ningbo-2018.test.yaml'], r.factory);
    expect(all.code).toBe(0);
    const ran = Number(/(\d+) passed/.exec(all.out)?.[1]);
    expect(r.bars).toHaveLength(1);
    expect(r.bars[0]).toMatchObject({ label: '运行测试 / running tests', total: ran, unit: 'tests' });
    expect(r.bars[0]!.updates).toEqual(Array.from({ length: ran }, (_, k) => k + 1));
    expect(r.bars[0]!.stopped).toBe(true);
    // --run selects fewer than BAR_FROM.tests: no bar.
    r = recorder();
    await run(['test', 'policies/ningbo-2018.test.yaml', '--run', '海曙指标'], r.factory);
    expect(r.bars).toEqual([]);
  });
});
