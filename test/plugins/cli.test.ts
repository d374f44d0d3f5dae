// Plugins in the harness: luoshi.config.yaml (found from the plan's folder up, or --config; --no-config),
// --format NAME from plugins, importers for file names the built-in formats do not read, the calendar in
// "N个工作日" — and a plan file that cannot load a plugin by itself.
import { cpSync, existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/harness/cli.js';
import type { CliIO } from '../../src/harness/io.js';
import { PACKAGE_ROOT } from '../../src/harness/host.js';
import { createTestbed } from '../../src/harness/plugins/testbed.js';
import { listDataFiles } from '../../src/harness/loaders/index.js';
import { dataImporters } from '../../src/harness/plugins/importers.js';
import { parseConfig } from '../../src/engine/plugins/config.js';

const FIX = join(import.meta.dirname, 'fixtures');
const EX = join(PACKAGE_ROOT, 'examples', 'plugins');

function captureIO(cwd: string): CliIO & { out: () => string; err: () => string } {
  let out = '',
    err = '';
  return {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    cwd,
    isTTY: false,
    out: () => out,
    err: () => err,
  };
}
async function luoshi(args: string[], cwd = PACKAGE_ROOT) {
  const io = captureIO(cwd);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'luoshi-plugins-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('configuration', () => {
  it("is found from the plan's folder up; its plugins' functions compile", async () => {
    const r = await luoshi(['check', 'examples/plugins/fujin-kpi/kpi.plan']);
    expect(r).toMatchObject({ code: 0, out: '检查了 1 个文件：0 个错误，0 个警告\n' });
    // --no-config: built-in plugins only; the plan's functions are unknown.
    const bare = await luoshi(['check', 'examples/plugins/fujin-kpi/kpi.plan', '--no-config']);
    expect(bare.code).toBe(1);
    expect(bare.out).toContain('错误 E0201: 未定义的函数“是否净执结”');
  });

  it("--config names one; its plugins' lints run in check, their findings with the plugin's codes", async () => {
    writeFileSync(
      join(dir, 'weak.plan'),
      (await import('node:fs'))
        .readFileSync(join(EX, 'fujin-kpi', 'kpi.plan'), 'utf8')
        .replace('不低于30件" : 净执结数 >= 30件', '不低于25件" : 净执结数 >= 25件'),
    );
    const r = await luoshi([
      'check',
      join(dir, 'weak.plan'),
      '--config',
      join(EX, 'fujin-kpi', 'luoshi.config.yaml'),
      '--format',
      'json',
    ]);
    const j = JSON.parse(r.out) as { diagnostics: Array<{ code: string; line: number; message: string }> };
    expect(j.diagnostics.map((d) => [d.code, d.line])).toEqual([['FJ001', 22]]);
    expect(r.code).toBe(0); // a warning
    const sarif = JSON.parse(
      (
        await luoshi([
          'check',
          join(dir, 'weak.plan'),
          '--config',
          join(EX, 'fujin-kpi', 'luoshi.config.yaml'),
          '--format',
          'sarif',
        ])
      ).out,
    );
    expect(sarif.runs[0].results[0].ruleId).toBe('FJ001');
    expect((await luoshi(['check', 'x.plan', '--config', 'no/such.yaml'])).err).toContain(
      'no such configuration file: no/such.yaml',
    );
  });

  it('reports a broken configuration and a missing plugin with their lines; the plans are still checked', async () => {
    mkdirSync(join(dir, 'plans'));
    writeFileSync(join(dir, 'plans', 'p.plan'), '方案 P {\n  期间 2018-01-01 至 2018-12-31\n}\n');
    writeFileSync(
      join(dir, 'luoshi.config.yaml'),
      'plugins:\n  - ./nowhere\n  - package: luoshi-plugin-that-is-not-installed\ncalendar: prc-2018\n',
    );
    const r = await luoshi(['check', 'plans/p.plan'], dir);
    expect(r.code).toBe(1);
    expect(r.out.split('\n').filter((l) => l.includes('P0012'))).toEqual([
      expect.stringMatching(/^luoshi\.config\.yaml:2:1: 错误 P0012: 找不到插件 \.\/nowhere：目录不存在/),
      expect.stringMatching(
        /^luoshi\.config\.yaml:3:1: 错误 P0012: 找不到插件 luoshi-plugin-that-is-not-installed：未安装 npm 包/,
      ),
    ]);
    writeFileSync(join(dir, 'luoshi.config.yaml'), 'plugins:\n  - 3\ncalender: prc-2018\n');
    const bad = await luoshi(['check', 'plans/p.plan', '--lang', 'en'], dir);
    expect(bad.out).toContain(
      'luoshi.config.yaml:3:1: error P0011: invalid configuration: calender is not a known property',
    );
    expect(bad.out).toContain('checked 1 file: 2 errors');
  });

  it('parses plugin references: paths, packages, settings, enabled', () => {
    const { config, diagnostics } = parseConfig(
      'plugins:\n  - ./a\n  - ../b\n  - luoshi-x\n  - "@court/plugin"\n  - { path: c, settings: { k: 1 } }\n  - { package: y, enabled: false }\ncalendar: prc-2018\n',
      'luoshi.config.yaml',
    );
    expect(diagnostics).toEqual([]);
    expect(config.calendar).toBe('prc-2018');
    expect(config.plugins.map((p) => [p.kind, p.kind === 'path' ? p.path : p.name, p.enabled, p.line])).toEqual([
      ['path', './a', true, 1],
      ['path', '../b', true, 2],
      ['package', 'luoshi-x', true, 3],
      ['package', '@court/plugin', true, 4],
      ['path', 'c', true, 5],
      ['package', 'y', false, 6],
    ]);
    expect(parseConfig('plugins: [\n', 'c.yaml').diagnostics.map((d) => d.code)).toEqual(['P0011']);
  });

  it('loads an installed npm package by name', async () => {
    mkdirSync(join(dir, 'node_modules', 'luoshi-plugin-fujin'), { recursive: true });
    cpSync(join(EX, 'fujin-kpi'), join(dir, 'node_modules', 'luoshi-plugin-fujin'), { recursive: true });
    // The copied plugin's JSDoc type imports point nowhere now; its code does not need them.
    writeFileSync(join(dir, 'luoshi.config.yaml'), 'plugins:\n  - luoshi-plugin-fujin\n');
    cpSync(join(EX, 'fujin-kpi', 'kpi.plan'), join(dir, 'kpi.plan'));
    const r = await luoshi(
      [
        'check',
        'kpi.plan',
        '--data',
        join(PACKAGE_ROOT, 'examples', 'data', 'fujin-2011.ndjson'),
        '--as-of',
        '2011-12-31',
        '--format',
        'fujin-kpi',
      ],
      dir,
    );
    expect(r.err).toBe('');
    expect(r.out).toContain('| 富锦市人民法院 · 许琳 | 34 ✓ | 97.7% ✓ | 100.0% ✓ | 可评优秀 |');
  });
});

describe('formats', () => {
  it('--format accepts the formats plugins contribute, for what they render', async () => {
    const cfg = join(EX, 'fujin-kpi', 'luoshi.config.yaml');
    const noData = await luoshi([
      'check',
      'examples/plugins/fujin-kpi/kpi.plan',
      '--config',
      cfg,
      '--format',
      'fujin-kpi',
    ]);
    expect(noData).toMatchObject({
      code: 2,
      err: 'luoshi check: --format fujin-kpi 不能用于此处（可用：text、json、sarif） / --format fujin-kpi cannot be used here (available: text, json, sarif)\n',
    });
    const unknown = await luoshi(['check', 'examples/plugins/fujin-kpi/kpi.plan', '--format', 'xlsx']);
    expect(unknown.err).toBe('luoshi check: 未知的输出格式 / unknown --format "xlsx" (text, json, sarif)\n');
    const sarif = await luoshi([
      'check',
      'examples/plugins/fujin-kpi/kpi.plan',
      '--data',
      'examples/data/fujin-2011.ndjson',
      '--format',
      'sarif',
    ]);
    expect(sarif.err).toContain('sarif is for diagnostics only');
  });

  it('a format plugin that fails: its diagnostic and exit 2', async () => {
    writeFileSync(join(dir, 'luoshi.config.yaml'), `plugins:\n  - ${join(FIX, 'slow-format')}\n`);
    writeFileSync(join(dir, 'p.plan'), '方案 P {\n  期间 2018-01-01 至 2018-12-31\n}\n');
    const r = await luoshi(['check', 'p.plan', '--format', 'number'], dir);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toMatch(
      /plugin\.json:1:1: 错误 P0008: 插件 test\.slow-format 输出报告返回的结果不合要求：number: render\(\) 应返回文本/,
    );
  });
});

describe('data and evaluation', () => {
  it('a GBK case-system export through its importer, "7个工作日" by the 2018 calendar, in check and replay', async () => {
    // The sample carries one deliberately bad record (line 6): within a budget of 1 the run passes.
    const args = [
      'examples/plugins/prc-calendar-2018/example.plan',
      '--data',
      'examples/plugins/court-export-importer/sample',
      '--config',
      'examples/plugins/court-export-importer/luoshi.config.yaml',
      '--max-rejected',
      '1',
    ];
    const r = await luoshi(['check', ...args, '--as-of', '2018-12-31', '--format', 'json', '--workers', '4']);
    expect(r).toMatchObject({ code: 0, err: '' });
    const report = JSON.parse(r.out) as {
      data: { read: number; accepted: number; problems: Array<{ file: string; line: number; code: string }> };
      indicators: Array<{ name: string; overall: { numerator: number; denominator: number } }>;
    };
    expect(report.data).toMatchObject({ read: 6, accepted: 5 });
    expect(report.data.problems).toEqual([
      expect.objectContaining({
        file: 'examples/plugins/court-export-importer/sample/执行案件导出_2018.csv',
        line: 6,
        code: 'D0103',
        field: 'filed',
      }),
    ]);
    // Case 2: filed 02-09, notice 02-23 — 6 working days with 02-11 (a Sunday worked), 10 Monday–Friday;
    // case 4: filed 09-28, notice 10-11 — 6 across 国庆 (09-29, 09-30 worked), 9 Monday–Friday.
    expect(report.indicators.find((i) => i.name === '七日内通知率')!.overall).toMatchObject({
      numerator: 5,
      denominator: 5,
    });
    const plain = JSON.parse(
      (
        await luoshi([
          'check',
          ...args.slice(0, 3),
          '--config',
          join(EX, 'court-export-importer', 'importer-only.yaml'),
          '--as-of',
          '2018-12-31',
          '--format',
          'json',
        ])
      ).out,
    );
    expect(plain.indicators.find((i: { name: string }) => i.name === '七日内通知率').overall).toMatchObject({
      numerator: 3,
      denominator: 5,
    });
    const rp = await luoshi(['replay', ...args, '--from', '2018-01-01', '--to', '2018-12-31', '--format', 'csv']);
    expect(rp.code).toBe(0);
    expect(rp.out.split('\n')[0]).toMatch(/^date,/);
  });

  it('the loaders consult importers for names the built-in formats do not read; failures stay in their file', async () => {
    for (const [name, text] of [
      ['a.pipe', 'P1|某法院|2018-01-02\nP2|某法院|2018-01-03\n'],
      ['b.boom', ''],
      ['c.stall', ''],
      ['d.junk', ''],
      ['e.txt', 'x'],
    ] as const)
      writeFileSync(join(dir, name), text);
    const bed = await createTestbed({ plugins: [join(FIX, 'importers')], callTimeoutMs: 200 });
    expect(listDataFiles([dir], 'cases')).toEqual([]);
    expect(listDataFiles([dir], 'cases', dir, dataImporters(bed.host)).map((f) => f.slice(dir.length + 1))).toEqual([
      'a.pipe',
      'b.boom',
      'c.stall',
      'd.junk',
    ]);
    const r = await bed.load([dir]);
    expect(r.stats.files.map((f) => [f.format, f.read, f.accepted])).toEqual([
      ['pipe', 2, 2],
      ['boom', 1, 1],
      ['stall', 1, 1],
      ['junk', 3, 1],
    ]);
    expect(
      r.problems.filter((p) => !p.code.startsWith('D')).map((p) => [p.file.slice(dir.length + 1), p.code]),
    ).toEqual([
      ['b.boom', 'P0006'],
      ['c.stall', 'P0007'],
      ['d.junk', 'P0008'],
      ['d.junk', 'P0008'],
    ]);
    expect(bed.diagnostics().map((d) => d.messageEn)).toEqual([
      'plugin test.importers failed while importing data: boom: disk on fire',
      'plugin test.importers timed out while importing data (200 ms); no longer waiting',
      'plugin test.importers returned the wrong shape while importing data: junk: 应为对象 / an item must be an object, got 42',
    ]);
    await expect(bed.load([join(dir, 'e.txt')])).rejects.toThrow('unsupported data file type');
    await bed.dispose();
  });
});

describe('a plan is data', () => {
  const EVIL_PLAN = [
    '导入 "evil/plugin.json"',
    '方案 P {',
    '  期间 2018-01-01 至 2018-12-31',
    '  使用 evil',
    '}',
    '指标 X (件) = 计数(案件 其中 偷看(申请标的) > 0 且 有 偷看事件)',
    '',
  ].join('\n');
  const flags = () => globalThis as { __luoshiEvilLoaded?: boolean; __luoshiEvilActivated?: boolean };

  it('compiling and evaluating a plan never loads a plugin it names, imports or calls', async () => {
    cpSync(join(FIX, 'evil'), join(dir, 'evil'), { recursive: true });
    writeFileSync(join(dir, 'p.plan'), EVIL_PLAN);
    writeFileSync(
      join(dir, 'cases.ndjson'),
      '{"id":"A","court":"某法院","filed":"2018-01-01","handler":"甲","events":[]}\n',
    );
    delete flags().__luoshiEvilLoaded;
    const r = await luoshi(['check', 'p.plan'], dir);
    const d = await luoshi(['check', 'p.plan', '--data', 'cases.ndjson'], dir);
    const rp = await luoshi(['replay', 'p.plan', '--data', 'cases.ndjson'], dir);
    expect(flags().__luoshiEvilLoaded).toBeUndefined();
    expect(flags().__luoshiEvilActivated).toBeUndefined();
    expect(existsSync(join(dir, 'evil', 'loaded.mark'))).toBe(false);
    expect(existsSync(join(dir, 'evil', 'activated.mark'))).toBe(false);
    expect(r.code).toBe(1);
    expect(r.out).toContain('E0201: 未定义的函数“偷看”');
    expect(r.out).toContain('E0212');
    expect(r.out).toContain('W0302: 未知的事件类型“偷看事件”');
    expect(d.code).toBe(1);
    expect(rp.code).toBe(2);
    // The positive control: configured, the same plugin does load.
    writeFileSync(join(dir, 'luoshi.config.yaml'), 'plugins:\n  - ./evil\n');
    await luoshi(['check', 'p.plan'], dir);
    // In the plugins' worker thread, not this one.
    expect(existsSync(join(dir, 'evil', 'loaded.mark')), join(dir, 'evil', 'loaded.mark')).toBe(true);
    expect(existsSync(join(dir, 'evil', 'activated.mark')), join(dir, 'evil', 'activated.mark')).toBe(true);
    expect(flags().__luoshiEvilLoaded).toBeUndefined();
  });
});

describe('test and diff read the same configuration as check', () => {
  const plan = join(EX, 'fujin-kpi', 'kpi.plan');
  const oneCase = (id: string, closure: string, recovered: number) =>
    `      - { id: ${id}, filed: 2011-02-01, closed: 2011-06-01, closure: ${closure}, claimed: 1000, recovered: ${recovered}, events: [执行通知@2011-02-02] }\n`;
  // Two full recoveries (净执结), a partial one and a 终本: 净执结数 is 2.
  const testFile = (expected: number) =>
    `plan: ${plan}\nasOf: 2011-12-31\nfixtures:\n  - name: 李\n    defaults: { court: 富锦法院, handler: 李 }\n    cases:\n${oneCase('F1', '执行完毕', 1000)}${oneCase('F2', '执行完毕', 1200)}${oneCase('F3', '执行完毕', 500)}${oneCase('F4', '终本', 0)}tests:\n  - { indicator: 净执结数, equals: ${expected} }\n`;

  it('luoshi test evaluates a plan that calls plugin functions (and fails a wrong expectation)', async () => {
    writeFileSync(join(dir, 'kpi.test.yaml'), testFile(2));
    const ok = await luoshi(
      ['test', join(dir, 'kpi.test.yaml'), '--config', join(EX, 'fujin-kpi', 'luoshi.config.yaml')],
      dir,
    );
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    writeFileSync(join(dir, 'kpi.test.yaml'), testFile(3));
    const bad = await luoshi(
      ['test', join(dir, 'kpi.test.yaml'), '--config', join(EX, 'fujin-kpi', 'luoshi.config.yaml')],
      dir,
    );
    expect(bad.code).toBe(1);
    // Without the plugins the plan cannot even compile: the test cannot run.
    const bare = await luoshi(['test', join(dir, 'kpi.test.yaml'), '--no-config'], dir);
    expect(bare.code).toBe(2);
  });

  it('luoshi diff compiles both versions with the plugins', async () => {
    const text = (await import('node:fs')).readFileSync(plan, 'utf8');
    writeFileSync(join(dir, 'old.plan'), text);
    writeFileSync(
      join(dir, 'new.plan'),
      text.replace('不低于30件" : 净执结数 >= 30件', '不低于25件" : 净执结数 >= 25件'),
    );
    const data = join(PACKAGE_ROOT, 'examples', 'data', 'fujin-2011.ndjson');
    const r = await luoshi(
      [
        'diff',
        join(dir, 'old.plan'),
        join(dir, 'new.plan'),
        '--data',
        data,
        '--config',
        join(EX, 'fujin-kpi', 'luoshi.config.yaml'),
        '--format',
        'json',
      ],
      dir,
    );
    expect(r.err).not.toContain('E0201');
    // The plugin's 净执结数 is evaluated in both versions: two handlers at 29 and 25 cases go from at risk
    // to on track when the threshold drops to 25 (exit 1: outcomes changed).
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { outcomes: Array<{ name: string; details: string[] }> };
    expect(j.outcomes).toEqual([
      expect.objectContaining({
        name: '承办人净执结',
        details: [
          '富锦市人民法院 · 冯志琪: at risk → on track (29件 → 29件)',
          '富锦市人民法院 · 姚伟强: at risk → on track (25件 → 25件)',
        ],
      }),
    ]);
    const bare = await luoshi(
      ['diff', join(dir, 'old.plan'), join(dir, 'new.plan'), '--data', data, '--no-config'],
      dir,
    );
    expect(bare.code).toBe(2);
  });
});

describe('a plugin function that never returns', () => {
  // Synchronous code cannot be interrupted where it runs: the plan is evaluated in a worker thread the
  // command watches, and a call still running after the configuration's limit stops it with P0007.
  const setup = (limit: number): void => {
    mkdirSync(join(dir, 'hang'));
    writeFileSync(join(dir, 'hang', 'package.json'), '{ "type": "module" }\n');
    writeFileSync(
      join(dir, 'hang', 'plugin.json'),
      JSON.stringify({
        id: 'test.hang',
        name: 'never returns',
        version: '1.0.0',
        engines: { luoshi: '>=0.1.0' },
        main: 'index.js',
        contributes: {
          functions: [
            { name: '永不返回', params: [{ name: 'x', type: 'money' }], returns: 'number' },
            { name: '马上返回', params: [{ name: 'x', type: 'money' }], returns: 'number' },
          ],
        },
      }),
    );
    // Never returns for a case with a claim; 马上返回 always returns (the watchdog must not fire on it).
    writeFileSync(
      join(dir, 'hang', 'index.js'),
      `export function activate(c) {
  c.functions.register('永不返回', ([x]) => { if (typeof x === 'number' && x > 0) { for (;;) { /* never */ } } return 1; });
  c.functions.register('马上返回', ([x]) => (typeof x === 'number' ? 1 : 0));
}\n`,
    );
    writeFileSync(join(dir, 'luoshi.config.yaml'), `plugins:\n  - ./hang\nlimits:\n  callMs: ${limit}\n`);
    cpSync(join(PACKAGE_ROOT, 'examples', 'data', 'fujin-2011.ndjson'), join(dir, 'cases.ndjson'));
  };
  const plan = (fn: string): string =>
    `方案 卡住 {\n  期间 2011-01-01 至 2011-12-31\n  使用 std\n}\n指标 数 (件) = 计数(结案 其中 ${fn}(申请标的) > 0)\n目标 达标 : 数 >= 1件 截至 2011-12-31\n`;

  it('check --data stops it after the limit, naming the function and its plugin (exit 2)', async () => {
    setup(800);
    writeFileSync(join(dir, 'hang.plan'), plan('永不返回'));
    const t0 = Date.now();
    const r = await luoshi(['check', 'hang.plan', '--data', 'cases.ndjson'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('P0007');
    expect(r.err).toContain('test.hang');
    expect(r.err).toContain('永不返回');
    expect(r.err).toContain('800');
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(Date.now() - t0).toBeLessThan(30_000);
  }, 60_000);

  it('replay too; a function that returns is evaluated in the worker like in the main thread', async () => {
    setup(800);
    writeFileSync(join(dir, 'hang.plan'), plan('永不返回'));
    const r = await luoshi(
      [
        'replay',
        'hang.plan',
        '--data',
        'cases.ndjson',
        '--from',
        '2011-06-01',
        '--to',
        '2011-12-31',
        '--step',
        'month',
      ],
      dir,
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('P0007');
    writeFileSync(join(dir, 'fine.plan'), plan('马上返回'));
    const ok = await luoshi(['check', 'fine.plan', '--data', 'cases.ndjson', '--format', 'json'], dir);
    expect(ok.code).toBe(0);
    const report = JSON.parse(ok.out) as
      | { reports: Array<{ indicators: Array<{ name: string; overall: { value: number } }> }> }
      | { indicators: Array<{ name: string; overall: { value: number } }> };
    const inds = 'reports' in report ? report.reports[0]!.indicators : report.indicators;
    expect(inds.find((i) => i.name === '数')!.overall.value).toBeGreaterThan(300);
  }, 60_000);

  it('limits are validated in the configuration', () => {
    const bad = parseConfig('plugins: []\nlimits:\n  callMs: 0\n', 'luoshi.config.yaml');
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['P0011']);
    expect(parseConfig('limits: { callMs: 2000, activationMs: 100 }\n', 'c.yaml').config.limits).toEqual({
      callMs: 2000,
      activationMs: 100,
    });
  });
});
