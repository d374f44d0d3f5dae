// @vitest-environment happy-dom
// The timeline view: a legend of its marks, and when a plan has more dated tasks than it draws, a cap
// message stating the plan's true total (the page's report holds only the first 500 of a huge plan).
import { describe, expect, it } from 'vitest';
import { createStore } from '../../../src/workbench/state.js';
import { timelineView } from '../../../src/workbench/views/timeline.js';
import type { PlanReport, TaskReport } from '../../../src/engine/report/model.js';
import type { ViewContext } from '../../../src/workbench/registry.js';

function task(k: number): TaskReport {
  return {
    id: `T${k}`,
    title: `任务${k}`,
    owners: [],
    departments: [],
    due: '2018-06-30',
    dueKind: 'date',
    status: 'pending',
    milestones: [],
    targets: [],
    rules: [],
    recurring: [],
    source: { file: 'p.plan', line: k + 1, column: 1 },
  } as unknown as TaskReport;
}

function render(tasks: number, total: number): HTMLElement {
  const store = createStore('zh');
  store.s.report = { tasks: Array.from({ length: tasks }, (_, k) => task(k)) } as unknown as PlanReport;
  store.s.tasksTotal = total;
  store.s.range = { from: '2018-01-01', to: '2018-12-31' };
  store.s.asOf = '2018-06-30';
  store.s.check = { ir: { phases: [] } } as unknown as typeof store.s.check;
  const host = document.createElement('div');
  const view = timelineView.render(host, { store, workbench: {} } as unknown as ViewContext);
  view.update?.(new Set(['*']));
  return host;
}

describe('timeline', () => {
  it("a huge plan: the first 300 rows drawn, and the plan's own total stated", () => {
    const host = render(500, 2483);
    expect(host.querySelectorAll('text.row-label')).toHaveLength(300);
    expect(host.querySelector('[data-testid=timeline-cap]')!.textContent).toBe('只显示前 300 项任务（共 2,483 项）');
  });

  it('a plan the page holds whole: the total is its dated tasks; no cap under 300', () => {
    expect(render(320, 320).querySelector('[data-testid=timeline-cap]')!.textContent).toBe(
      '只显示前 300 项任务（共 320 项）',
    );
    expect(render(40, 40).querySelector('[data-testid=timeline-cap]')).toBeNull();
  });

  it('a legend names the marks: milestone statuses, a task deadline, phases, the as-of date and today', () => {
    const items = [...render(3, 3).querySelectorAll('[data-testid=timeline-legend] .legend-item')].map(
      (e) => e.textContent,
    );
    expect(items).toEqual([
      '按时完成',
      '即将到期',
      '逾期完成',
      '已逾期',
      '未到期',
      '任务期限（无节点）',
      '阶段',
      '截至',
      '今天',
    ]);
  });
});
