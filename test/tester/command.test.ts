// `luoshi test` end to end on files: discovery, exit codes 0/1/2, formats, --out, --junit, --run,
// --fail-on-empty, --coverage/--threshold, and --watch (re-runs on a change, stops on abort).
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/harness/cli.js';
import { parseTestArgs, watchTests } from '../../src/harness/commands/test.js';
import { FIXTURES, PLAN, captureIO } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-test-'));
  writeFileSync(join(dir, 'test.plan'), PLAN);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const GOOD = `plan: test.plan\n${FIXTURES}tests:
  - { indicator: 结案率, court: 甲法院, equals: 66.67%, approx: true }
  - { target: 结案达标, court: 乙法院, status: missed }
`;

/** Waits (up to 5 s) for a condition on the watcher's output. */
async function until(what: () => boolean): Promise<void> {
  for (let k = 0; k < 100 && !what(); k++) await new Promise((r) => setTimeout(r, 50));
  expect(what()).toBe(true);
}

async function run(args: string[], cwd = dir) {
  const io = captureIO(cwd);
  const code = await main(['test', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('exit codes', () => {
  test('0 when every test passes; the current folder by default', async () => {
    writeFileSync(join(dir, 'test.test.yaml'), GOOD);
    const r = await run([]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('test.test.yaml (test.plan)');
    expect(r.out).toContain('测试 tests: 2 passed, 2 total (1 file)');
  });

  test('a folder is searched below; a .plan file means the test file beside it', async () => {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'test.plan'), PLAN);
    writeFileSync(join(dir, 'sub', 'test.test.yaml'), GOOD);
    writeFileSync(join(dir, 'test.test.yaml'), GOOD);
    expect((await run(['.'])).out).toContain('2 files');
    expect((await run(['sub/test.plan'])).out).toContain('sub/test.test.yaml (sub/test.plan)');
  });

  test('1 when a test fails: expected, actual and file:line:col', async () => {
    writeFileSync(join(dir, 'test.test.yaml'), GOOD.replace('status: missed', 'status: met'));
    const r = await run(['test.test.yaml']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      '✗ 结案达标 [乙法院] met\n      期望 expected: status met\n      实际 actual:   status missed\n      at test.test.yaml:17:5',
    );
  });

  test('2 when a test names something unknown: located errors, no results, nothing written', async () => {
    writeFileSync(join(dir, 'test.test.yaml'), GOOD.replace('target: 结案达标', 'target: 结案打标'));
    const r = await run(['--format', 'junit', '--out', 'report.xml']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('test.test.yaml:17:15: 错误 error: 计划中没有目标“结案打标”（是否应为“结案达标”？）');
    expect(r.err).toContain('tests could not run: 1 error');
    expect(existsSync(join(dir, 'report.xml'))).toBe(false);
  });

  test('2 for a missing plan, a plan with errors, missing data, a bad path or bad options', async () => {
    writeFileSync(join(dir, 'a.test.yaml'), 'plan: nope.plan\ntests: []\n');
    expect((await run(['a.test.yaml'])).err).toContain(
      'a.test.yaml:1:7: 错误 error: 找不到计划文件 / no such plan file: nope.plan',
    );
    writeFileSync(join(dir, 'broken.plan'), '方案 X { 期间 2018-01-01 至 2017-01-01 }\n');
    writeFileSync(join(dir, 'b.test.yaml'), 'plan: broken.plan\ntests: []\n');
    const b = await run(['b.test.yaml']);
    expect(b.code).toBe(2);
    expect(b.err).toContain('the plan has errors, it cannot be tested');
    writeFileSync(join(dir, 'c.test.yaml'), 'plan: test.plan\ndata:\n  d: missing.ndjson\ntests: []\n');
    expect((await run(['c.test.yaml'])).err).toContain(
      'c.test.yaml:3:6: 错误 error: 找不到数据文件或目录 / no such data file or folder: missing.ndjson',
    );
    expect((await run(['nowhere'])).code).toBe(2);
    expect((await run(['--format', 'xml'])).code).toBe(2);
    expect((await run(['--threshold', '120'])).code).toBe(2);
    expect((await run(['--bogus'])).code).toBe(2);
  });
});

describe('options', () => {
  beforeEach(() => writeFileSync(join(dir, 'test.test.yaml'), GOOD));

  test('--run filters by name; --fail-on-empty makes an empty run fail', async () => {
    const r = await run(['--run', '结案达标']);
    expect(r.out).toContain('1 passed, 1 total');
    expect((await run(['--run', 'nothing-matches'])).code).toBe(0);
    const empty = await run(['--run', 'nothing-matches', '--fail-on-empty']);
    expect(empty.code).toBe(1);
    expect(empty.err).toContain('no test ran');
    expect((await run(['--run', '[unclosed'])).code).toBe(0);
  });

  test('--format json | junit | tap, --out writes the file, --junit writes JUnit beside the text', async () => {
    expect(JSON.parse((await run(['--format', 'json'])).out).summary).toEqual({
      files: 1,
      total: 2,
      passed: 2,
      failed: 0,
      skipped: 0,
    });
    expect((await run(['--format', 'junit'])).out).toMatch(
      /^<\?xml[\s\S]*<testsuites name="luoshi test" tests="2" failures="0"/,
    );
    expect((await run(['--format', 'tap'])).out).toMatch(/^TAP version 13\n1\.\.2\nok 1 - /);
    const o = await run(['--format', 'tap', '--out', 'r.tap', '--junit', 'r.xml']);
    expect(o.out).toBe('');
    expect(readFileSync(join(dir, 'r.tap'), 'utf8')).toMatch(/^TAP version 13/);
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toContain('<testsuite name="test.test.yaml" tests="2"');
  });

  test('--coverage lists what no test exercised; --threshold fails below it', async () => {
    const r = await run(['--coverage']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('覆盖率 coverage: 3/7 (42.9%)');
    expect(r.out).toContain('    target    整体结案\n');
    expect((await run(['--threshold', '40'])).code).toBe(0);
    const low = await run(['--threshold', '50']);
    expect(low.code).toBe(1);
    expect(low.err).toContain('coverage 42.9% is below the threshold 50%');
  });

  test('parseTestArgs: --threshold implies --coverage', () => {
    expect(parseTestArgs(['--threshold', '80'])).toMatchObject({ coverage: true, threshold: 80, paths: [] });
  });
});

describe('--watch', () => {
  /** Starts watching the folder (with the passing test file) and waits for the first run. */
  async function startWatch() {
    writeFileSync(join(dir, 'test.test.yaml'), GOOD);
    const io = captureIO(dir);
    const ac = new AbortController();
    const done = watchTests({ ...parseTestArgs([]), paths: [] }, io, ac.signal);
    await until(() => io.out().includes('2 passed'));
    return { io, ac, done };
  }

  test('runs, runs again when the test file changes, stops when aborted', async () => {
    const { io, ac, done } = await startWatch();
    writeFileSync(join(dir, 'test.test.yaml'), GOOD.replace('status: missed', 'status: met'));
    await until(() => io.out().includes('1 failed'));
    expect(io.out()).toContain('test.test.yaml 已更改，重新运行 / changed, running again');
    // A mistake while watching is reported and watching goes on.
    writeFileSync(join(dir, 'test.test.yaml'), GOOD.replace('target: 结案达标', 'target: 结案打标'));
    await until(() => io.err().includes('计划中没有目标“结案打标”'));
    ac.abort();
    expect(await done).toBe(2);
  });

  test('a change to the plan re-runs too', async () => {
    const { io, ac, done } = await startWatch();
    writeFileSync(join(dir, 'test.plan'), PLAN.replace('结案率 >= 50% 每个法院', '结案率 >= 0% 每个法院'));
    await until(() => io.out().includes('test.plan 已更改'));
    await until(() => io.out().includes('1 failed'));
    ac.abort();
    expect(await done).toBe(1);
  });
});
