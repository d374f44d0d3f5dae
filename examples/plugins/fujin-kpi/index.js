// @ts-check
// 富锦 per-officer KPIs as a plugin: an event type (接收案卷), two functions for plans (接卷日期, 是否净执结),
// a lint checking a plan's KPI targets against the court's standards, an assessment table format
// (`luoshi check … --format fujin-kpi`), and in the workbench a view of the table that follows the as-of
// date, with a command (Ctrl+Alt+K) that shows it.
import { kpiSettings, lintPlan, renderTable } from './kpi.js';
import { assessmentView } from './view.js';

/** @typedef {import('../../../src/engine/plugins/api.js').PluginContext} PluginContext */

/** @param {PluginContext} context */
export function activate(context) {
  const k = kpiSettings(context.settings);
  context.functions.register('接卷日期', ([received, filed]) => received ?? filed ?? null);
  context.functions.register('是否净执结', ([closure, recovered, claimed]) =>
    closure === '执行完毕' && typeof recovered === 'number' && typeof claimed === 'number' && recovered >= claimed);
  context.lints.register('fujin-kpi', { check: ({ ir }) => lintPlan(ir, k) });
  context.formats.register('fujin-kpi', {
    render: (input, options) => {
      if (input.kind !== 'report') throw new Error('fujin-kpi renders evaluation reports (luoshi check --data …)');
      return renderTable(input.reports, k, options.lang);
    },
  });
  // Workbench only (context.workbench is undefined headless, where neither is ever asked for).
  context.commands.register('fujin.showAssessment', () => context.workbench?.showView('fujin.assessment'));
  context.views.register('fujin.assessment', assessmentView(k));
}
