// The 富锦 KPI plugin: its functions in a plan, its event type, the lint on a plan's KPI targets, and the
// assessment table — on hand-made cases and on the 富锦 2011 example data with policies/fujin-2012.plan.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestbed, type Testbed } from '../../../src/harness/plugins/testbed.js';
import type { CaseRecord } from '../../../src/engine/data/record.js';
import { evaluatePlan } from '../../../src/engine/eval/evaluate.js';
import { assess, kpiSettings } from './kpi.js';

const DIR = dirname(fileURLToPath(import.meta.url));
const ROOT = join(DIR, '..', '..', '..');
const PLAN = readFileSync(join(DIR, 'kpi.plan'), 'utf8');

let bed: Testbed;
beforeAll(async () => { bed = await createTestbed({ plugins: [DIR] }); });
afterAll(async () => { await bed.dispose(); });

const c = (id: string, handler: string, filed: string, extra: Partial<CaseRecord> = {}): CaseRecord => ({
  id, court: '富锦市人民法院', type: '首执', filed, closed: null, closure: null, claimed: 1000, recovered: 0, property: null, handler, events: [], ...extra,
});

describe('fujin.kpi', () => {
  it('compiles kpi.plan with its functions and event type, without warnings', async () => {
    const fresh = await createTestbed({ plugins: [DIR] });
    expect(fresh.compile(PLAN).diagnostics).toEqual([]);
    expect(fresh.host.plugin('fujin.kpi')?.state).toBe('inactive'); // compiling runs no plugin code
    await fresh.dispose();
    expect(await bed.check(PLAN)).toEqual([]); // the lint activates it
    expect(bed.host.plugin('fujin.kpi')?.state).toBe('active');
  });

  it('counts 净执结 and the 15-day start from the file receipt (接收案卷), per officer', async () => {
    const cases = [
      // 张三: two net closures (full recovery), one partial; received 03-20, started 04-01 (12 days).
      c('A1', '张三', '2011-03-01', { closed: '2011-05-01', closure: '执行完毕', recovered: 1000, events: [{ type: '接收案卷', date: '2011-03-20' }, { type: '执行通知', date: '2011-04-01' }] }),
      c('A2', '张三', '2011-03-02', { closed: '2011-05-02', closure: '执行完毕', recovered: 1200, events: [{ type: '执行通知', date: '2011-03-03' }] }),
      c('A3', '张三', '2011-03-03', { closed: '2011-05-03', closure: '执行完毕', recovered: 999, events: [{ type: '执行通知', date: '2011-03-30' }] }),
      // 李四: closed with 终本 (not net); no 接收案卷, started 16 days after filing: late.
      c('B1', '李四', '2011-06-01', { closed: '2011-09-01', closure: '终结本次执行程序', events: [{ type: '执行通知', date: '2011-06-17' }] }),
    ];
    const r = await bed.evaluate(PLAN, cases, '2011-12-31');
    const ind = (n: string) => r.indicators.find((i) => i.name === n)!;
    // Officers are identified within their court (docs/identity.md).
    expect(ind('净执结数').handlers).toMatchObject({ '富锦市人民法院 · 张三': { value: 2 }, '富锦市人民法院 · 李四': { value: 0 } });
    // A1 counts from receipt (12 days: on time), A2 on time, A3 late (29 days from filing), B1 late.
    expect(ind('十五日内开始执行率').handlers).toMatchObject({ '富锦市人民法院 · 张三': { numerator: 2, denominator: 3 }, '富锦市人民法院 · 李四': { numerator: 0, denominator: 1 } });
    expect(ind('当年收案执结率').overall).toMatchObject({ numerator: 4, denominator: 4 });
    expect(bed.diagnostics()).toEqual([]);
  });

  it('lints KPI targets weaker than the court\'s standards, or not per officer per year', async () => {
    // The title follows the weaker value (else W0308 says the title is stale).
    const weak = PLAN
      .replace('"净执结案件人均不低于30件" : 净执结数 >= 30件 每个承办人 每年', '"净执结案件人均不低于20件" : 净执结数 >= 20件 每个承办人 每年')
      .replace('当年收案执结率 >= 80% 每个承办人 每年', '当年收案执结率 >= 80% 每个法院');
    const ds = await bed.check(weak);
    expect(ds.map((d) => [d.code, d.severity, d.range.start.line + 1])).toEqual([['FJ001', 'warning', 22], ['FJ002', 'warning', 23]]);
    expect(ds[0]!.message).toContain('低于富锦院每人每年 30件 的标准');
    expect(ds[0]!.message).toContain('fujin.kpi');
    // policies/fujin-2012.plan meets the standards.
    const fujin = readFileSync(join(ROOT, 'policies', 'fujin-2012.plan'), 'utf8');
    expect((await bed.check(fujin)).filter((d) => d.code.startsWith('FJ'))).toEqual([]);
    // An indicator without a target is noted.
    const untargeted = PLAN.replace(/^目标 十五日内开始执行 .*$/m, '');
    expect((await bed.check(untargeted)).filter((d) => d.code.startsWith('FJ')).map((d) => d.code)).toEqual(['FJ003']);
  });

  it('takes its thresholds from the settings', async () => {
    const strict = await createTestbed({ plugins: [{ dir: DIR, settings: { 净执结下限: 40 } }] });
    const ds = await strict.check(PLAN);
    expect(ds.map((d) => d.code)).toEqual(['FJ001']);
    expect(ds[0]!.message).toContain('40件');
    await strict.dispose();
    const bad = await createTestbed({ plugins: [{ dir: DIR, settings: { 净执结下限: '三十' } }] });
    expect(bad.diagnostics().map((d) => [d.code, d.message])).toEqual([['P0010', expect.stringContaining('净执结下限 类型应为 integer')]]);
    expect(bad.host.plugin('fujin.kpi')?.state).toBe('disabled');
    await bad.dispose();
  });

  it('renders the assessment table for the 富锦 2011 data (policies/fujin-2012.plan)', async () => {
    const fujin = readFileSync(join(ROOT, 'policies', 'fujin-2012.plan'), 'utf8');
    const loaded = await bed.load([join(ROOT, 'examples', 'data', 'fujin-2011.ndjson')]);
    const r = bed.compile(fujin);
    const report = evaluatePlan({ ir: r.ir, store: loaded.store, asOf: '2011-12-31' });
    const table = await bed.render('fujin-kpi', { kind: 'report', reports: [report] });
    expect(table).toContain('| 承办人 | 净执结（≥30件） |');
    const a = assess(report, kpiSettings({}));
    expect(a.rows).toHaveLength(10);
    expect(a.mean).toBeCloseTo(25, 9);
    // Below 60% of the mean (15): unsatisfactory; all three met: eligible for excellent.
    expect(a.rows.filter((x) => x.grade === '不称职').map((x) => x.officer)).toEqual(['富锦市人民法院 · 钟伟霞', '富锦市人民法院 · 龙国']);
    expect(a.rows.filter((x) => x.grade === '可评优秀').map((x) => x.officer)).toEqual(['富锦市人民法院 · 沈俊琳', '富锦市人民法院 · 许琳']);
    expect(table).toContain('| 富锦市人民法院 · 龙国 | 11 ✗ |');
    // The same report in English, and the format refuses what it does not render.
    expect(await bed.render('fujin-kpi', { kind: 'report', reports: [report] }, { lang: 'en' })).toContain('eligible for excellent');
    expect(await bed.render('fujin-kpi', { kind: 'replay', result: {} as never })).toBeNull();
    expect(bed.diagnostics().map((d) => d.code)).toEqual(['P0006']);
  });

  it('agrees with the plan-language reading of policies/fujin-2012.plan (data without 接收案卷 events)', async () => {
    const fujin = bed.compile(readFileSync(join(ROOT, 'policies', 'fujin-2012.plan'), 'utf8'));
    const kpi = bed.compile(PLAN);
    const loaded = await bed.load([join(ROOT, 'examples', 'data', 'fujin-2011.ndjson')]);
    const hooks = await bed.host.prepareEvaluation(kpi.ir);
    const a = evaluatePlan({ ir: kpi.ir, store: loaded.store, asOf: '2011-12-31', functions: hooks.functions });
    const b = evaluatePlan({ ir: fujin.ir, store: loaded.store, asOf: '2011-12-31' });
    // The figures, not the statuses: the seed plan's targets fall due at 2011-12-31, the KPI plan's never do.
    const groups = (r: typeof a, indicator: string) => Object.fromEntries(Object.entries(r.targets.find((t) => t.indicator === indicator && t.scope === 'handler')!.stages[0]!.groups)
      .map(([k, g]) => [k, { value: g.value, numerator: g.numerator, denominator: g.denominator }]));
    // Both yearly per officer (2011): the function 是否净执结 reads 净执结 as the plan's own set does.
    expect(groups(a, '净执结数')).toEqual(groups(b, '净执结数'));
    expect(groups(a, '当年收案执结率')).toEqual(groups(b, '当年收案执结率'));
  });
});
