// The plugin host: manifests (validated against the schema composed from the contribution points),
// versions, conflicts, activation on events, disposables, deactivation, and isolation — a plugin that
// throws, hangs or returns the wrong shape is reported with its id and the rest keeps working.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PluginHost } from '../../src/engine/plugins/host.js';
import { addBuiltinPlugins, manifestSchema, STANDARD_POINTS } from '../../src/engine/plugins/index.js';
import { addPluginFolder } from '../../src/harness/plugins/session.js';
import { createTestbed, type Testbed } from '../../src/harness/plugins/testbed.js';
import type { PluginModule } from '../../src/engine/plugins/api.js';
import type { CaseRecord } from '../../src/engine/data/record.js';

const FIX = join(import.meta.dirname, 'fixtures');
const beds: Testbed[] = [];
async function bed(
  plugins: string[],
  opts: { activationTimeoutMs?: number; callTimeoutMs?: number; calendar?: string } = {},
): Promise<Testbed> {
  const b = await createTestbed({ plugins: plugins.map((p) => join(FIX, p)), ...opts });
  beds.push(b);
  return b;
}
afterEach(async () => {
  for (const b of beds.splice(0)) await b.dispose();
});

const codes = (b: Testbed) => b.diagnostics().map((d) => d.code);
const rec = (id: string, filed: string): CaseRecord => ({
  id,
  court: '某法院',
  type: '首执',
  filed,
  closed: null,
  closure: null,
  claimed: 100,
  recovered: 0,
  property: null,
  handler: '甲',
  events: [],
});
const PLAN = (exprs: string) => `方案 P {\n  期间 2018-01-01 至 2018-12-31\n}\n${exprs}\n`;

describe('manifests', () => {
  it('composes the manifest schema from the contribution points', () => {
    const s = manifestSchema(STANDARD_POINTS) as {
      properties: { contributes: { properties: Record<string, unknown> } };
    };
    expect(Object.keys(s.properties.contributes.properties)).toEqual([
      'functions',
      'eventTypes',
      'lints',
      'importers',
      'formats',
      'calendars',
      'commands',
      'views',
    ]);
    // A new point's schema joins the manifest's.
    const host = new PluginHost({ engineVersion: '0.1.0' });
    host.registerContributionPoint({
      name: 'snippets',
      title: { zh: '片段', en: 'snippets' },
      schema: { type: 'array', items: { type: 'string' } },
      keyOf: String,
      needsImplementation: () => false,
    });
    expect(
      host.addPlugin({
        manifest: { id: 'x.s', name: 'S', version: '1.0.0', engines: { luoshi: '*' }, contributes: { snippets: [3] } },
        manifestFile: 'x/plugin.json',
        load: null,
      }),
    ).toBeNull();
    expect(host.drainDiagnostics().map((d) => d.message)).toEqual([
      '插件 x.s 的 plugin.json 有误：contributes.snippets[0] 类型应为 string',
    ]);
    expect(
      host.addPlugin({
        manifest: {
          id: 'x.s',
          name: 'S',
          version: '1.0.0',
          engines: { luoshi: '*' },
          contributes: { snippets: ['a'] },
        },
        manifestFile: 'x/plugin.json',
        load: null,
      }),
    ).toBe('x.s');
  });

  it('reports a malformed manifest with the JSON path of each problem, naming the plugin', async () => {
    const b = await bed(['bad-manifest', 'good']);
    const ds = b.diagnostics();
    expect(ds.map((d) => d.messageEn)).toEqual([
      'plugin Test Bad: plugin.json is malformed: version is required',
      'plugin Test Bad: plugin.json is malformed: contributs is not a known property',
      'plugin Test Bad: plugin.json is malformed: id must match ^[a-z0-9][a-z0-9-]*(\\.[a-z0-9][a-z0-9-]*)*$',
      'plugin Test Bad: plugin.json is malformed: contributes.functions[0].returns must be one of "number", "count", "money", "days", "ratio", "date", "boolean", "string"',
    ]);
    expect(new Set(ds.map((d) => d.code))).toEqual(new Set(['P0001']));
    expect(ds[0]!.file).toMatch(/fixtures\/bad-manifest\/plugin\.json$/);
    expect(b.host.plugin('test.good')?.state).toBe('inactive'); // the others load as usual
  });

  it('reports a manifest that is not JSON, a missing entry module, a version mismatch and a duplicate id', async () => {
    const b = await bed(['bad-json', 'missing-entry', 'version-mismatch', 'good', 'dup-id']);
    const ds = b.diagnostics();
    expect(ds.map((d) => d.code)).toEqual(['P0001', 'P0002', 'P0003', 'P0004']);
    expect(ds[0]!.message).toContain('不是有效的 JSON');
    expect(ds[1]!.messageEn).toMatch(
      /^plugin test.missing-entry: cannot load its entry module dist\/index.js \(.*no such file: .*missing-entry\/dist\/index.js\)$/,
    );
    expect(ds[2]!.messageEn).toBe('plugin test.future needs engine ^2.0.0, this is 0.1.0: not loaded');
    expect(ds[3]!.messageEn).toMatch(
      /^duplicate plugin id "test.good": already used by .*good\/plugin.json; .*dup-id\/plugin.json not loaded$/,
    );
    expect(
      b.host
        .plugins()
        .filter((p) => !p.builtin)
        .map((p) => p.id),
    ).toEqual(['test.good']);
    expect(b.host.plugin('test.good')?.version).toBe('1.2.3');
  });

  it('refuses what a schema cannot say: code without main, a calendar with an impossible date', () => {
    const host = new PluginHost({ engineVersion: '0.1.0' });
    host.addPlugin({
      manifest: {
        id: 'x.a',
        name: 'A',
        version: '1.0.0',
        engines: { luoshi: '*' },
        contributes: {
          formats: [{ name: 'f', kinds: ['report'] }],
          calendars: [{ id: 'c', holidays: ['2018-02-30'] }],
        },
      },
      manifestFile: 'a/plugin.json',
      load: null,
    });
    expect(host.drainDiagnostics().map((d) => d.messageEn)).toEqual([
      'plugin x.a: plugin.json is malformed: contributes.formats[0] needs code, but the manifest has no main (entry module)',
      'plugin x.a: plugin.json is malformed: contributes.calendars[0].holidays invalid dates: 2018-02-30',
    ]);
  });
});

describe('contributions', () => {
  it('claims names first come, first served; conflicts are reported and the rest of the plugin works', async () => {
    const b = await bed(['good', 'conflict']);
    const ds = b.diagnostics();
    expect(ds.map((d) => d.messageEn)).toEqual([
      'plugin test.conflict: function "加倍" is already contributed by test.good; ignored',
      'plugin test.conflict: function "工作日数" is already contributed by luoshi.std; ignored',
      'plugin test.conflict: function "计数" is already contributed by (计划语言 / the plan language); ignored',
      'plugin test.conflict: event type "执行通知" is already contributed by (标准词汇 / the standard vocabulary); ignored',
      'plugin test.conflict: event type "听证" is already contributed by test.good; ignored',
      'plugin test.conflict: diagnostic code "TL001" is already contributed by test.good; ignored',
      'plugin test.conflict: format "json" is already contributed by luoshi.formats; ignored',
    ]);
    expect(b.host.compileOptions().eventTypes).toEqual(['听证', '调解']);
    const r = await b.evaluate(
      PLAN('指标 N (件) = 计数(案件 其中 加倍(申请标的) = 200 且 四倍(申请标的) = 400)'),
      [rec('A', '2018-01-01')],
      '2018-12-31',
    );
    expect(r.indicators[0]!.overall.numerator).toBe(1); // 加倍 is test.good's (×2), 四倍 test.conflict's
    expect(codes(b).slice(ds.length)).toEqual(['P0013']); // it registered 五倍, which it never declared
    expect(
      await b.render('json', { kind: 'diagnostics', diagnostics: [], files: [], errors: 0, warnings: 0, version: '0' }),
    ).toContain('"errors": 0');
  });

  it('lists commands and views for the workbench, runs commands (activating on demand) and hands over views', async () => {
    const b = await bed(['good']);
    expect(b.host.commands().filter((c) => c.plugin === 'test.good')).toEqual([
      {
        id: 'test.hello',
        title: { zh: '问好', en: 'Say hello' },
        keybinding: 'Ctrl+Alt+H',
        category: null,
        palette: true,
        plugin: 'test.good',
      },
      {
        id: 'test.fail',
        title: { zh: 'Fail', en: 'Fail' },
        keybinding: null,
        category: null,
        palette: true,
        plugin: 'test.good',
      },
    ]);
    expect(b.host.views()).toEqual([
      {
        id: 'test.panel',
        title: { zh: '测试面板', en: 'Test panel' },
        location: 'panel',
        order: 5,
        icon: null,
        plugin: 'test.good',
      },
    ]);
    expect(b.host.plugin('test.good')?.state).toBe('inactive');
    expect(await b.host.executeCommand('test.hello', '落实')).toBe('你好，落实');
    expect(b.host.plugin('test.good')?.state).toBe('active');
    expect(b.host.api('test.good')).toEqual({ answer: 42 });
    await expect(b.host.executeCommand('test.fail')).rejects.toThrow(
      'plugin test.good failed while running a command: test.fail: 命令失败',
    );
    expect(((await b.host.resolveView('test.panel')) as { render(): string }).render()).toBe('panel');
    await expect(b.host.executeCommand('no.such')).rejects.toThrow('no such command');
  });

  it('disposes every registration on deactivation, and activates again', async () => {
    const b = await bed(['good']);
    const before = (globalThis as { __goodDeactivations?: number }).__goodDeactivations ?? 0;
    let changes = 0;
    const sub = b.host.onDidChange(() => {
      changes++;
    });
    expect(await b.host.activate('test.good')).toBe(true);
    const text = PLAN('指标 N (件) = 计数(案件 其中 加倍(申请标的) = 200)');
    expect((await b.hooks(text)).functions.get('加倍')!([21])).toBe(42);
    await b.host.deactivate('test.good');
    expect((globalThis as { __goodDeactivations?: number }).__goodDeactivations).toBe(before + 1);
    expect(b.host.plugin('test.good')?.state).toBe('inactive');
    expect(changes).toBeGreaterThan(2);
    sub.dispose();
    // Needed again: activated again on its event.
    expect((await b.hooks(text)).functions.get('加倍')!([1])).toBe(2);
    expect(b.host.plugin('test.good')?.state).toBe('active');
  });
});

describe('isolation', () => {
  it('a plugin that throws while activating is reported; its functions are unavailable, the others work', async () => {
    const b = await bed(['throws', 'good']);
    expect(b.diagnostics().map((d) => d.messageEn)).toEqual([
      'plugin test.throws failed while activating: 激活失败 boom',
    ]);
    expect(b.host.plugin('test.throws')?.state).toBe('failed');
    // What it registered before throwing is disposed.
    expect(
      (await b.hooks(PLAN('指标 N (件) = 计数(案件 其中 加倍(申请标的) = 2)'))).functions.get('三倍'),
    ).toBeUndefined();
    // Compiling still knows the signature (it is declared), but evaluation cannot bind it.
    const h = await b.hooks(PLAN('指标 N (件) = 计数(案件 其中 三倍(申请标的) = 300 且 加倍(申请标的) = 200)'));
    expect(h.unavailable).toEqual(['三倍']);
    expect(h.functions.get('加倍')).toBeDefined();
  });

  it('a plugin that hangs while activating times out; the command goes on', async () => {
    const b = await bed(['hangs', 'good'], { activationTimeoutMs: 100 });
    const t0 = Date.now();
    const text = await b.render('hang', { kind: 'report', reports: [] });
    expect(text).toBeNull();
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(b.diagnostics().map((d) => d.messageEn)).toEqual([
      'plugin test.hangs timed out while activating (100 ms); no longer waiting',
    ]);
    expect(await b.render('text', { kind: 'report', reports: [] })).toBe('');
  });

  it('a module without activate() is the wrong shape', async () => {
    const b = await bed(['wrong-shape']);
    const cal = await b.host.calendar('broken-cal');
    expect(cal.id).toBe('weekdays');
    expect(b.diagnostics().map((d) => d.messageEn)).toEqual([
      'plugin test.wrong-shape returned the wrong shape while activating: 入口模块应导出函数 activate(context) / the entry module must export a function activate(context)',
    ]);
  });

  it('functions that throw, return the wrong shape or are too slow: reported once each, null values, the evaluation completes', async () => {
    const b = await bed(['good'], { callTimeoutMs: 10 });
    const text = PLAN(
      [
        '指标 坏 (件) = 计数(案件 其中 坏函数(申请标的) > 0)',
        '指标 形 (件) = 计数(案件 其中 错形(申请标的) > 0)',
        '指标 慢 (件) = 计数(案件 其中 慢函数(申请标的) > 0)',
        '指标 好 (件) = 计数(案件 其中 加倍(申请标的) = 200)',
      ].join('\n'),
    );
    const r = await b.evaluate(
      text,
      [rec('A', '2018-01-01'), rec('B', '2018-02-01'), rec('C', '2018-03-01')],
      '2018-12-31',
    );
    expect(r.indicators.map((i) => [i.name, i.overall.numerator])).toEqual([
      ['坏', 0],
      ['形', 0],
      ['慢', 0],
      ['好', 3],
    ]);
    expect(b.diagnostics().map((d) => [d.code, d.messageEn.replace(/\(\d+ ms\)/, '(N ms)')])).toEqual([
      ['P0006', 'plugin test.good failed while computing a function: 坏函数: 故意出错'],
      [
        'P0008',
        'plugin test.good returned the wrong shape while computing a function: 错形: 应返回有限数值 / should return a finite number, got "not a number"',
      ],
      ['P0007', 'plugin test.good timed out while computing a function (N ms); no longer waiting'],
    ]);
  });

  it('lints that return undeclared codes or throw are reported; formats that hang or return the wrong shape too', async () => {
    const b = await bed(['lint-bad', 'slow-format'], { callTimeoutMs: 100 });
    expect(await b.check(PLAN(''))).toEqual([]);
    expect(b.diagnostics().map((d) => d.messageEn)).toEqual([
      'plugin test.lint-bad returned the wrong shape while checking a plan: bad: 代码 "XX999" 未在清单中声明 / code "XX999" is not declared (declared: LB001)',
      'plugin test.lint-bad failed while checking a plan: throwing: lint exploded',
    ]);
    expect(await b.render('never', { kind: 'report', reports: [] })).toBeNull();
    expect(
      await b.render('number', {
        kind: 'diagnostics',
        diagnostics: [],
        files: [],
        errors: 0,
        warnings: 0,
        version: '0',
      }),
    ).toBeNull();
    expect(
      b
        .diagnostics()
        .slice(2)
        .map((d) => d.code),
    ).toEqual(['P0007', 'P0008']);
  });

  it('a registration must be the right shape', async () => {
    const host = new PluginHost({ engineVersion: '0.1.0' });
    const mod: PluginModule = {
      activate: (ctx) => {
        ctx.functions.register('f', 'not a function' as never);
      },
    };
    host.addPlugin({
      manifest: {
        id: 'x.f',
        name: 'F',
        version: '1.0.0',
        engines: { luoshi: '*' },
        main: 'm.js',
        contributes: { functions: [{ name: 'f', params: [{ name: 'x', type: 'number' }], returns: 'number' }] },
      },
      manifestFile: 'f/plugin.json',
      load: async () => mod,
    });
    expect(await host.activate('x.f')).toBe(true);
    expect(host.drainDiagnostics().map((d) => d.code)).toEqual(['P0008', 'P0009']);
  });
});

describe('built-in plugins', () => {
  it('are plugins on the same API: standard functions, formats, importers, the Monday–Friday calendar', async () => {
    const b = await bed([]);
    expect(b.host.plugins().map((p) => [p.id, p.builtin])).toEqual([
      ['luoshi.std', true],
      ['luoshi.formats', true],
      ['luoshi.importers', true],
    ]);
    expect(b.host.formats('report').map((f) => f.name)).toEqual([
      'text',
      'json',
      'md',
      'junit',
      'bulletin',
      'bulletin-md',
      'bulletin-html',
      'bulletin-csv',
    ]);
    expect(b.host.formats('diagnostics').map((f) => f.name)).toEqual(['text', 'json', 'sarif']);
    expect(b.host.formats('replay').map((f) => f.name)).toEqual(['text', 'json', 'html', 'csv']);
    expect(b.host.importers().map((i) => i.name)).toEqual(['ndjson', 'json', 'yaml', 'csv']);
    expect(b.host.calendars().map((c) => c.id)).toEqual(['weekdays']);
    expect(b.host.functionSignatures().map((f) => f.name)).toEqual([
      '工作日数',
      'workdays_between',
      '是否工作日',
      'is_workday',
      '较早',
      'earlier',
      '较晚',
      'later',
    ]);
    const r = await b.evaluate(
      PLAN(
        [
          '指标 N (件) = 计数(案件 其中 工作日数(立案日期, 较晚(立案日期, 2018-01-08)) = 5)',
          '指标 W (件) = 计数(案件 其中 是否工作日(立案日期))',
        ].join('\n'),
      ),
      [rec('A', '2018-01-01'), rec('B', '2018-01-06')],
      '2018-12-31',
    );
    // A: Monday 01-01 → 01-08 is 5 working days; B: Saturday 01-06 → 01-08 is 1. Only A was filed on a working day.
    expect(r.indicators.map((i) => i.overall.numerator)).toEqual([1, 1]);
    expect(b.diagnostics()).toEqual([]);
    const host = new PluginHost({ engineVersion: '0.1.0' });
    addBuiltinPlugins(host);
    expect(host.diagnostics).toEqual([]);
  });

  it('unknown calendars in the configuration fall back to Monday–Friday with a diagnostic', async () => {
    const b = await bed(['good'], { calendar: 'prc-2081' });
    await b.hooks(PLAN('指标 N (件) = 计数(案件)'));
    expect(b.diagnostics().map((d) => d.message)).toEqual(['配置的日历“prc-2081”不存在；按周一至周五计算工作日']);
  });
});

describe('addPluginFolder', () => {
  it('reports a folder without plugin.json', () => {
    const host = new PluginHost({ engineVersion: '0.1.0' });
    expect(addPluginFolder(host, FIX, FIX, undefined, 'fixtures')).toBeNull();
    expect(host.drainDiagnostics().map((d) => d.code)).toEqual(['P0012']);
  });
});
