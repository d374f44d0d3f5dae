// Configured plugins in the workbench's engine service: a plan is compiled, linted and evaluated with
// the plugins of the configuration that governs its folder — the same figures as the harness gives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EngineService } from '../../src/workers/engine.js';
import { encodeData } from '../../src/workers/protocol.js';
import type { PluginFolderPayload, PluginsPayload } from '../../src/workers/protocol.js';
import type { PluginModule } from '../../src/engine/plugins/api.js';
import { loadCases } from '../../src/harness/loaders/index.js';
import { openPluginSession } from '../../src/harness/plugins/session.js';
import { compile } from '../../src/engine/check/compile.js';
import { evaluatePlan } from '../../src/engine/eval/evaluate.js';
import { nodeHost } from '../../src/harness/host.js';
import { ROOT, stdFiles } from '../corpus/host.js';
import { storeFromRecords, type CaseStore } from '../../src/engine/data/store.js';
import { generateCases } from '../../src/engine/generate/index.js';

const PLUGINS = join(ROOT, 'examples', 'plugins');
const KPI_PLAN = readFileSync(join(PLUGINS, 'fujin-kpi', 'kpi.plan'), 'utf8');
const CAL_PLAN = readFileSync(join(PLUGINS, 'prc-calendar-2018', 'example.plan'), 'utf8');

function folder(name: string, settings: unknown = {}, entry?: string): PluginFolderPayload {
  const manifest = JSON.parse(readFileSync(join(PLUGINS, name, 'plugin.json'), 'utf8')) as { main?: string };
  return {
    label: name,
    manifest,
    manifestFile: `${name}/plugin.json`,
    settings,
    entry: entry ?? (manifest.main ? pathToFileURL(join(PLUGINS, name, manifest.main)).href : null),
  };
}

const PAYLOAD: PluginsPayload = {
  configs: [
    {
      file: 'fujin/luoshi.config.yaml',
      scope: 'fujin',
      calendar: null,
      plugins: [folder('fujin-kpi', { 净执结下限: 30 })],
      diagnostics: [],
    },
    {
      file: 'cal/luoshi.config.yaml',
      scope: 'cal',
      calendar: 'prc-2018',
      plugins: [folder('prc-calendar-2018')],
      diagnostics: [],
    },
  ],
};

async function dataBytes(store?: CaseStore): Promise<Uint8Array> {
  store ??= (await loadCases([join(ROOT, 'examples', 'data', 'fujin-2011.ndjson')])).store;
  const chunks = encodeData(store, {
    selection: { cases: ['cases.ndjson'], progress: [], staffing: [] },
    read: store.n,
    accepted: store.n,
    rejected: 0,
    warnings: 0,
    problems: [],
    progress: [],
    staffing: [],
  });
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

async function service(payload: PluginsPayload = PAYLOAD, store?: CaseStore): Promise<EngineService> {
  const bytes = await dataBytes(store);
  const svc = new EngineService({
    fetch: async () => new Response(bytes),
    now: () => performance.now(),
    importModule: async (url) => (await import(url)) as PluginModule,
  });
  const files: Record<string, string> = {
    'fujin/kpi.plan': KPI_PLAN,
    'other/kpi.plan': KPI_PLAN,
    'cal/example.plan': CAL_PLAN,
  };
  for (const [k, v] of stdFiles()) files[k] = v;
  svc.setFiles(files, { std: [...stdFiles().keys()] });
  const r = await svc.setPlugins(payload);
  expect(r).toMatchObject({ ok: true });
  return svc;
}

describe('configured plugins in the engine service', () => {
  it('a plan uses the plugins of the configuration above it, and only those', async () => {
    const svc = await service();
    const governed = await svc.check(1, 'fujin/kpi.plan');
    if (!governed.ok) throw new Error('check failed');
    expect(governed.value.blocked).toBe(false);
    expect(governed.value.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const outside = await svc.check(2, 'other/kpi.plan');
    if (!outside.ok) throw new Error('check failed');
    expect(outside.value.blocked).toBe(true);
    // 是否净执结 is the plugin's: without its configuration the plan does not compile.
    expect(outside.value.diagnostics.some((d) => d.severity === 'error' && d.message.includes('是否净执结'))).toBe(
      true,
    );
    expect(svc.reportFormats('fujin/kpi.plan').map((f) => f.name)).toContain('fujin-kpi');
    expect(svc.reportFormats('other/kpi.plan').map((f) => f.name)).not.toContain('fujin-kpi');
  });

  it('evaluates with the plugin functions: the same figures as luoshi check', async () => {
    const svc = await service();
    await svc.check(1, 'fujin/kpi.plan');
    expect(await svc.loadData(1, 'api/data')).toMatchObject({ ok: true });
    const r = await svc.evaluate(1, { entry: 'fujin/kpi.plan', asOf: '2011-12-31' });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));

    // The harness, from the plugin's own folder (its luoshi.config.yaml).
    const session = await openPluginSession({ cwd: join(PLUGINS, 'fujin-kpi'), from: ['kpi.plan'] });
    const compiled = compile(
      join(PLUGINS, 'fujin-kpi', 'kpi.plan'),
      nodeHost(join(PLUGINS, 'fujin-kpi')),
      session.compileOptions(),
    );
    expect(compiled.errorCount).toBe(0);
    const hooks = await session.evalHooks(compiled.ir);
    const loaded = await loadCases([join(ROOT, 'examples', 'data', 'fujin-2011.ndjson')]);
    const expected = evaluatePlan({
      ir: compiled.ir,
      store: loaded.store,
      asOf: '2011-12-31',
      progress: [],
      staffing: [],
      functions: hooks.functions,
    });
    await session.dispose();

    for (const name of ['净执结数', '当年收案执结率', '十五日内开始执行率']) {
      const got = r.value.report.indicators.find((i) => i.name === name)!;
      const want = expected.indicators.find((i) => i.name === name)!;
      expect(got.overall, name).toEqual(want.overall);
      expect(got.handlers, name).toEqual(want.handlers);
    }
    expect(r.value.report.indicators.find((i) => i.name === '净执结数')!.overall.value).toBeGreaterThan(0);

    const md = await svc.renderReport('fujin/kpi.plan', 'fujin-kpi', 'zh');
    if (!md.ok) throw new Error('render failed');
    expect(md.value.text).toContain('执行干警年度考核表');
    expect(md.value.extension).toBe('.md');
    const cases = await svc.cases(1, { entry: 'fujin/kpi.plan', asOf: '2011-12-31', indicator: '净执结数' });
    expect(cases.ok && cases.value.numerator).toBe(
      r.value.report.indicators.find((i) => i.name === '净执结数')!.overall.numerator,
    );
  });

  it('the configured calendar counts working days', async () => {
    // 2018 cases (the calendar's year), filed around the Spring Festival and National Day holidays.
    // All in the plan's one court (示例法院): cases of courts a plan does not name count nowhere (docs/identity.md).
    const store = storeFromRecords(
      [...generateCases({ preset: 'ningbo', cases: 800, seed: 3, from: '2018-01-01', to: '2018-12-31' })].map((r) => ({
        ...r,
        court: '示例市人民法院',
      })),
    );
    const svc = await service(PAYLOAD, store);
    const c = await svc.check(1, 'cal/example.plan');
    expect(c.ok && c.value.blocked).toBe(false);
    expect(await svc.loadData(1, 'api/data')).toMatchObject({ ok: true });
    const r = await svc.evaluate(1, { entry: 'cal/example.plan', asOf: '2018-12-31' });
    expect(r).toMatchObject({ ok: true });
    // The same plan with another calendar (a copy with no configuration: Monday–Friday) is another plan.
    const plain = await service({ configs: [{ ...PAYLOAD.configs[1]!, calendar: null }] }, store);
    await plain.check(1, 'cal/example.plan');
    await plain.loadData(1, 'api/data');
    const p = await plain.evaluate(1, { entry: 'cal/example.plan', asOf: '2018-12-31' });
    if (!r.ok || !p.ok) throw new Error('evaluation failed');
    const avg = (x: typeof r.value.report) => x.indicators.find((i) => i.name === '平均通知工作日')!.overall.value;
    expect(avg(r.value.report)).not.toBeNull();
    // Holidays are not working days: fewer working days between filing and notice than Monday–Friday counts.
    expect(avg(r.value.report)!).toBeLessThan(avg(p.value.report)!);
  });

  it('a plugin whose code is missing is reported by name; the plans that do not need it still evaluate', async () => {
    const broken = folder('fujin-kpi', {}, pathToFileURL(join(PLUGINS, 'fujin-kpi', 'no-such-entry.js')).href);
    const svc = await service({ configs: [{ ...PAYLOAD.configs[0]!, plugins: [broken] }, PAYLOAD.configs[1]!] });
    const c = await svc.check(1, 'fujin/kpi.plan');
    if (!c.ok) throw new Error('check failed');
    // It still compiles (declarations come from plugin.json); evaluating needs the code.
    expect(c.value.blocked).toBe(false);
    const e = await svc.evaluate(1, { entry: 'fujin/kpi.plan', asOf: '2011-12-31' });
    expect(e.ok).toBe(false);
    if (e.ok) return;
    expect(e.diagnostics.map((d) => d.messageEn).join('\n')).toMatch(/是否净执结|接卷日期/);
    expect(e.diagnostics).toContainEqual(
      expect.objectContaining({ code: expect.stringMatching(/^P00/), messageEn: expect.stringContaining('fujin.kpi') }),
    );
    const again = await svc.check(2, 'cal/example.plan');
    // Another plan's check still lists the broken plugin's load failure (P0002), by its manifest, and nothing else.
    if (!again.ok) throw new Error('check failed');
    expect(again.value.diagnostics.map((d) => [d.code, d.file])).toEqual([['P0002', 'fujin-kpi/plugin.json']]);
    expect(again.value.diagnostics[0]!.messageEn).toMatch(/fujin\.kpi: cannot load its entry module/);
    await svc.check(3, 'cal/example.plan');
    expect(await svc.evaluate(1, { entry: 'cal/example.plan', asOf: '2018-12-31' })).toMatchObject({ ok: true });
  });
});
