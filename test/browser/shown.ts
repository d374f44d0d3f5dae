// How the page writes a figure of the JSON report, with the engine's own formatting (render-values.ts,
// render.ts, basis.ts): a test computes the text it expects from the CLI's report and compares it to the
// text shown.
import { statusText } from '../../src/engine/report/render.js';
import type { PlanReport } from '../../src/engine/report/model.js';

export { formatValue } from '../../src/engine/report/render-values.js';
export { groupBasis, targetBasis } from '../../src/engine/report/basis.js';
export { stageInForce } from '../../src/engine/eval/status.js';

/** A count as the workbench writes it (src/workbench/dom.ts fmtNum): grouped, at most two decimals. */
export function grouped(n: number | null): string {
  if (n === null || Number.isNaN(n)) return '—';
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** A status in the interface language (the engine's words: 达标, 已逾期, …; English keeps the model's). */
export const status = (s: string, lang: 'zh' | 'en' = 'zh'): string => statusText(s, lang);

/** The tasks view's summary chips, in the report's order: "已逾期 3". */
export const taskChips = (r: PlanReport, lang: 'zh' | 'en' = 'zh'): string[] =>
  Object.entries(r.summary.tasks).map(([k, n]) => `${status(k, lang)} ${n}`);

/** One indicator of the report, by name (a test failing here names what is missing). */
export function indicatorOf(r: PlanReport, name: string): PlanReport['indicators'][number] {
  const ind = r.indicators.find((i) => i.name === name);
  if (!ind)
    throw new Error(`the report has no indicator ${name} (it has ${r.indicators.map((i) => i.name).join(', ')})`);
  return ind;
}

/** One target of the report, by id. */
export function targetOf(r: PlanReport, id: string): PlanReport['targets'][number] {
  const t = r.targets.find((x) => x.id === id);
  if (!t) throw new Error(`the report has no target ${id} (it has ${r.targets.map((x) => x.id).join(', ')})`);
  return t;
}
