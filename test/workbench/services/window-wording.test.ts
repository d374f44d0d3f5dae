// @vitest-environment happy-dom
// A number that differs by window says its window in the workbench, as the text report does
// (src/engine/report/basis.ts): a rule's failures are over every case filed by the as-of date (the task
// list's rule column and each count's tooltip say so), a yearly target's chip says 每年（2018）.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { generateCases } from '../../../src/engine/generate/index.js';
import { storeFromRecords } from '../../../src/engine/data/store.js';
import { evaluatePlan } from '../../../src/engine/eval/evaluate.js';
import { renderText } from '../../../src/engine/report/render.js';
import { tasksView } from '../../../src/workbench/views/tasks.js';
import { indicatorsView } from '../../../src/workbench/views/indicators.js';
import { setLang } from '../../../src/workbench/i18n.js';
import type { WorkbenchServices } from '../../../src/workbench/registry.js';
import { compile } from '../../../src/engine/check/compile.js';
import stdIndicators from '../../../policies/std/indicators.plan?raw';
import stdRules from '../../../policies/std/rules.plan?raw';
import { frame, store } from './fakes.js';

const PLAN = `方案 阶段 { 期间 2018-01-01 至 2018-12-31  使用 std }
人员 张三
目标 执结率达标 : 结案率 >= 60% 每年 截至 2018-12-31
任务 1 "终本清单审查" { 责任人 张三  完成 2018-12-31  检查 终本条件 适用 结案日期 >= 2016-01-01 }
`;

/** The plan over the real standard library, compiled in memory (this test runs with the page's types, not Node's). */
function compileText(text: string) {
  const files = new Map([
    ['test.plan', text],
    ['policies/std/indicators.plan', stdIndicators],
    ['policies/std/rules.plan', stdRules],
  ]);
  return compile('test.plan', {
    readFile: (p) => files.get(p) ?? null,
    resolveImport: (from, spec) => (from.startsWith('policies/std/') ? `policies/std/${spec}` : spec),
    libraryFiles: (name) => (name === 'std' ? ['policies/std/indicators.plan', 'policies/std/rules.plan'] : null),
  });
}

function report(asOf: string) {
  const c = compileText(PLAN);
  const errors = c.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((d) => `${d.code} ${d.message}`).join('\n'));
  const data = storeFromRecords([
    ...generateCases({ preset: 'ningbo', cases: 600, seed: 7, from: '2016-01-01', to: '2018-12-31' }),
  ]);
  return evaluatePlan({ ir: c.ir, store: data, asOf });
}

describe('window wording in the workbench', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    setLang('zh');
    localStorage.clear();
  });
  afterEach(() => {
    vi.useRealTimers();
    setLang('zh');
  });

  it('the task list says over which cases a rule counts, as the text report does', () => {
    const r = report('2018-06-30');
    const rule = r.tasks[0]!.rules[0]!;
    expect(rule.failed).toBeGreaterThan(0);
    expect(renderText(r, 'zh')).toContain(`规则 终本条件（截至 2018-06-30 立案的全部适用案件）`);
    const s = store();
    s.update({ report: r, entry: 'test.plan', asOf: '2018-06-30', panelView: 'tasks' });
    const host = document.createElement('div');
    const view = tasksView.render(host, { store: s, workbench: {} as WorkbenchServices });
    view.update(new Set(['*']));
    frame();
    // The task list (the matrix is the default mode).
    [...host.querySelectorAll<HTMLButtonElement>('.segmented button')]
      .find((b) => b.textContent === '任务清单')!
      .click();
    expect(host.querySelector('[data-testid=rules-window]')?.textContent).toBe(
      '逐案规则截至 2018-06-30 立案的全部适用案件',
    );
    const link = [...host.querySelectorAll('a.link')].find((a) => a.textContent === `终本条件 ${rule.failed}`);
    expect(link?.getAttribute('title')).toBe(
      `终本条件：不合格 ${rule.failed} 件（截至 2018-06-30 立案的全部适用案件）`,
    );
  });

  it('a yearly target says its window on its chip, in either language', () => {
    const r = report('2018-06-30');
    expect(r.targets[0]!.window.kind).toBe('yearly');
    for (const [lang, want] of [
      ['zh', '每年（2018）'],
      ['en', 'yearly (2018)'],
    ] as const) {
      setLang(lang);
      const s = store();
      s.update({ report: r, entry: 'test.plan', asOf: '2018-06-30', lang, focus: { indicator: '结案率' } });
      const host = document.createElement('div');
      Object.defineProperty(host, 'clientWidth', { value: 900 });
      const view = indicatorsView.render(host, { store: s, workbench: {} as WorkbenchServices });
      view.update(new Set(['*']));
      frame();
      const chips = [...host.querySelectorAll('[data-testid=target-chip]')].map((c) => c.textContent ?? '');
      expect(chips.some((c) => c.startsWith('执结率达标') && c.includes(want))).toBe(true);
    }
  });
});
