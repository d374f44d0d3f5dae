// Every call into plugin code is watched: a plugin that never returns — at its module's top level, in
// activate(), a lint, a report format, an importer or a calendar — is stopped after the configuration's
// limit with P0007 naming the plugin and the call, and the command exits 2 (no stack trace).
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/harness/cli.js';
import {
  CALENDAR_PLAN,
  CALL_NAME,
  CASES,
  PLAN,
  loopingConfig,
  loopingPlugin,
  writePlugin,
  type LoopAt,
} from './looping.js';

async function luoshi(args: string[], cwd: string) {
  let out = '',
    err = '';
  const code = await main(args, {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    cwd,
    isTTY: false,
  });
  return { code, out, err };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-watchdog-'));
  writeFileSync(join(dir, 'p.plan'), PLAN);
  writeFileSync(join(dir, 'cal.plan'), CALENDAR_PLAN);
  writeFileSync(join(dir, 'cases.ndjson'), CASES);
  writeFileSync(join(dir, 'data.spin'), 'whatever\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const ARGS: Record<LoopAt, string[]> = {
  module: ['check', 'p.plan'],
  activate: ['check', 'p.plan'],
  lint: ['check', 'p.plan'],
  format: ['check', 'p.plan', '--format', 'spin'],
  importer: ['check', 'p.plan', '--data', 'data.spin'],
  calendar: ['check', 'cal.plan', '--data', 'cases.ndjson'],
};

describe('a plugin that never returns is stopped in the CLI', () => {
  for (const at of Object.keys(ARGS) as LoopAt[]) {
    it(`in ${CALL_NAME[at]}: P0007 naming the plugin and the call, exit 2`, async () => {
      loopingConfig(dir, [loopingPlugin(dir, at)], 600, at === 'calendar' ? 'calendar: spin-cal\n' : '');
      const t0 = Date.now();
      const r = await luoshi(ARGS[at], dir);
      const took = Date.now() - t0;
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      const line = r.err.split('\n').find((l) => l.includes('P0007'));
      expect(line).toBeDefined();
      expect(line).toContain(`loop-${at}/plugin.json: P0007: 插件 test.loop-${at} `);
      expect(line).toContain(
        `plugin test.loop-${at} timed out while ${at === 'calendar' ? 'computing' : 'running'} ${CALL_NAME[at]} (600 ms)`,
      );
      expect(r.err).not.toMatch(/\n\s+at /);
      // The limit, the grace and a worker's start-up; not forever.
      expect(took).toBeGreaterThanOrEqual(600);
      expect(took).toBeLessThan(20_000);
    }, 30_000);
  }

  it('loading and activating a plugin again in the evaluation worker is watched too', async () => {
    // Activates in the plugins' worker (it has workerData), loops when activated to evaluate the plan.
    writePlugin(
      dir,
      'twice',
      { contributes: { functions: [{ name: '加一', params: [{ name: 'x', type: 'number' }], returns: 'number' }] } },
      `import { workerData } from 'node:worker_threads';
export function activate(c) {
  if (!workerData?.progress) { while (true) { /* never */ } }
  c.functions.register('加一', ([x]) => (x ?? 0) + 1);
}\n`,
    );
    loopingConfig(dir, ['twice'], 600);
    writeFileSync(join(dir, 'f.plan'), PLAN.replace('计数(新收)', '计数(新收 其中 加一(1) > 0)'));
    const r = await luoshi(['check', 'f.plan', '--data', 'cases.ndjson'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('twice/plugin.json: P0007: 插件 test.twice 激活超时（600 毫秒）');
    expect(r.err).toContain('plugin test.twice timed out while running activate (600 ms)');
  }, 30_000);

  it('luoshi test: a plugin function evaluated in its thread runs in the worker, watched; one that returns gives its value', async () => {
    writePlugin(
      dir,
      'fns',
      {
        contributes: {
          functions: [
            { name: '加一', params: [{ name: 'x', type: 'number' }], returns: 'number' },
            { name: '永不返回', params: [{ name: 'x', type: 'number' }], returns: 'number' },
          ],
        },
      },
      `export function activate(c) {
  c.functions.register('加一', ([x]) => (x ?? 0) + 1);
  c.functions.register('永不返回', () => { while (true) { /* never */ } });
}\n`,
    );
    loopingConfig(dir, ['fns'], 600);
    const plan = (fn: string): string => PLAN.replace('计数(新收)', `计数(新收 其中 ${fn}(1) > 1)`);
    writeFileSync(join(dir, 'good.plan'), plan('加一'));
    writeFileSync(join(dir, 'hang.plan'), plan('永不返回'));
    const testFile = (p: string): string =>
      `plan: ${p}\nasOf: 2018-12-31\nfixtures:\n  - name: 两件\n    defaults: { court: 某法院 }\n    cases:\n      - { id: A1, filed: 2018-01-02 }\n      - { id: A2, filed: 2018-02-02 }\ntests:\n  - { indicator: 新收数, equals: 2 }\n`;
    writeFileSync(join(dir, 'good.test.yaml'), testFile('good.plan'));
    const ok = await luoshi(['test', 'good.test.yaml'], dir);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    writeFileSync(join(dir, 'hang.test.yaml'), testFile('hang.plan'));
    const t0 = Date.now();
    const r = await luoshi(['test', 'hang.test.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('fns/plugin.json: P0007: 插件 test.fns 计算 永不返回 超时（600 毫秒）');
    expect(r.err).toContain('plugin test.fns timed out while computing 永不返回 (600 ms)');
    expect(Date.now() - t0).toBeLessThan(20_000);
  }, 30_000);

  it('a plugin that returns is reported from its worker as before', async () => {
    const good = join(dir, 'good');
    cpSync(join(import.meta.dirname, 'fixtures', 'lint-bad'), good, { recursive: true });
    writeFileSync(join(good, 'package.json'), '{ "type": "module" }\n');
    loopingConfig(dir, ['good'], 600);
    const r = await luoshi(['check', 'p.plan', '--lang', 'en'], dir);
    // lint-bad's lints return a malformed finding and throw: reported from the worker, naming the plugin.
    expect(r.out).toContain('P0008');
    expect(r.out).toContain('test.lint-bad');
    expect(r.out).toContain('plugin test.lint-bad failed while checking a plan: throwing: lint exploded');
    expect(r.code).toBe(1);
  }, 30_000);
});
