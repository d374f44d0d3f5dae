// Every report the engine produces validates against the report's JSON Schema, and the schema rejects
// what is not a report.
import { describe, expect, it } from 'vitest';
import { storeFromRecords } from '../../src/engine/data/store.js';
import type { CaseRecord } from '../../src/engine/data/record.js';
import { evaluatePlan } from '../../src/engine/eval/evaluate.js';
import { validateReport } from '../../src/engine/report/validate.js';
import { compile } from '../../src/engine/check/compile.js';
import { nodeHost, PACKAGE_ROOT } from '../../src/harness/host.js';
import { generateCases } from '../../src/engine/generate/index.js';
import { FIXTURE_CASES } from '../peer/fixture.js';

describe('report schema', () => {
  const store = storeFromRecords(FIXTURE_CASES as unknown as CaseRecord[]);
  for (const plan of ['ningbo-2018', 'chongqing2-2016', 'fujin-2012', 'chengde-2018', 'xuzhou-2017']) {
    it(`the ${plan} report validates`, () => {
      const r = compile(`policies/${plan}.plan`, nodeHost(PACKAGE_ROOT));
      expect(r.errorCount).toBe(0);
      const report = evaluatePlan({ ir: r.ir, store, asOf: r.ir.plan.period?.to ?? '2018-12-31' });
      const v = validateReport(JSON.parse(JSON.stringify(report)));
      expect(v).toEqual({ ok: true });
    });
  }
  it('a report over generated data with progress validates', () => {
    const r = compile('policies/ningbo-2018.plan', nodeHost(PACKAGE_ROOT));
    const recs = [...generateCases({ preset: 'ningbo', cases: 500, seed: 1 })];
    const report = evaluatePlan({
      ir: r.ir,
      store: storeFromRecords(recs),
      asOf: '2018-08-31',
      progress: [{ task: '四.3', done: '2018-04-20' }],
    });
    expect(validateReport(JSON.parse(JSON.stringify(report)))).toEqual({ ok: true });
  });
  it('rejects a broken report with a readable path', () => {
    const r = compile('policies/ningbo-2018.plan', nodeHost(PACKAGE_ROOT));
    const report = JSON.parse(JSON.stringify(evaluatePlan({ ir: r.ir, store, asOf: '2018-12-31' })));
    report.targets[0].status = 'fine';
    delete report.data.read;
    const v = validateReport(report);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.errors).toContainEqual(expect.stringMatching(/^\/targets\/0\/status/));
      expect(v.errors).toContainEqual(expect.stringMatching(/^\/data/));
    }
  });
});

describe('progress reports', () => {
  it('a report naming no task or deliverable of the plan is listed, not dropped', () => {
    const r = compile('policies/ningbo-2018.plan', nodeHost(PACKAGE_ROOT));
    const store = storeFromRecords(FIXTURE_CASES as unknown as CaseRecord[]);
    const report = evaluatePlan({
      ir: r.ir,
      store,
      asOf: '2018-12-31',
      progress: [
        { task: '四.3', milestone: '建立终本案件清单式结案管理制度,落实管理专人', done: '2018-04-20' },
        { task: '四.3', milestone: '不存在的节点', done: '2018-05-01' },
        { task: '九.9', done: '2018-05-01' },
      ],
    });
    expect(report.unmatchedProgress).toEqual([
      { task: '四.3', milestone: '不存在的节点', done: '2018-05-01' },
      { task: '九.9', milestone: null, done: '2018-05-01' },
    ]);
    const m = report.tasks.find((t) => t.id === '四.3')!.milestones[0]!;
    expect(m.status).toBe('done on time');
    expect(m.done).toBe('2018-04-20');
  });
});
