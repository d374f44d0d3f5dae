// @ts-check
// The assessment table as a workbench view: one row per officer with the three KPIs against 富锦's
// standards and the grade, recomputed whenever the report changes (a new as-of date, an edited target).
import { assess } from './kpi.js';

/** @typedef {import('../../../src/engine/plugins/api.js').WorkbenchApi} WorkbenchApi */
/** @typedef {import('./kpi.js').KpiSettings} KpiSettings */
/** @typedef {import('../../../src/engine/plugins/api.js').HTMLElementLike} HTMLElementLike */

/** @param {number | null} v */
const pct = (v) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** @param {KpiSettings} k */
export function assessmentView(k) {
  return {
    /** @param {HTMLElementLike} host @param {{ workbench: WorkbenchApi }} ctx */
    render(host, { workbench }) {
      const doc = host.ownerDocument;
      /** @param {string} tag @param {string | null} text @param {Record<string, string>} [attrs] */
      const el = (tag, text, attrs = {}) => {
        const e = doc.createElement(tag);
        if (text !== null) e.textContent = text;
        for (const [a, v] of Object.entries(attrs)) e.setAttribute(a, v);
        return e;
      };
      const draw = () => {
        const zh = workbench.lang() === 'zh';
        const { report } = workbench.state();
        const box = el('div', null, { class: 'pad', 'data-testid': 'fujin-assessment' });
        if (!report) { box.append(el('div', zh ? '尚未评估' : 'not evaluated yet', { class: 'muted' })); host.replaceChildren(box); return; }
        const names = [k.指标.净执结, k.指标.执结率, k.指标.开始执行];
        if (!names.some((n) => report.indicators.some((i) => i.name === n))) {
          box.append(el('div', zh ? `当前计划没有考核指标（${names.join('、')}）` : `this plan has none of the KPI indicators (${names.join(', ')})`, { class: 'muted' }));
          host.replaceChildren(box);
          return;
        }
        const a = assess(report, k);
        box.append(el('div', `${zh ? '截至' : 'As of'} ${report.asOf} · ${zh ? '人均净执结' : 'mean net closures'} ${a.mean.toFixed(1)} · ${zh ? '不称职线' : 'unsatisfactory below'} ${(k.不称职比例 * a.mean).toFixed(1)}`, { class: 'muted' }));
        const table = el('table', null, { class: 'grid' });
        const head = el('tr', null);
        for (const c of zh ? ['承办人', `净执结（≥${k.净执结下限}件）`, `执结率（≥${pct(k.执结率下限)}）`, `${k.开始执行天数}日内开始执行`, '考核']
          : ['officer', `net closures (≥${k.净执结下限})`, `closure rate (≥${pct(k.执结率下限)})`, `started within ${k.开始执行天数} days`, 'grade']) head.append(el('th', c));
        table.append(head);
        for (const r of a.rows) {
          const tr = el('tr', null, { 'data-officer': r.officer });
          /** @param {string} text @param {boolean} ok */
          const cell = (text, ok) => el('td', `${text} ${ok ? '✓' : '✗'}`, { class: ok ? 'ok' : 'bad' });
          tr.append(el('td', r.officer), cell(String(r.净执结), r.met.净执结), cell(pct(r.执结率), r.met.执结率), cell(pct(r.开始执行), r.met.开始执行),
            el('td', zh ? r.grade : r.grade === '不称职' ? 'unsatisfactory' : r.grade === '可评优秀' ? 'eligible for excellent' : 'satisfactory (not excellent)', { class: 'grade' }));
          table.append(tr);
        }
        box.append(table);
        host.replaceChildren(box);
      };
      draw();
      // The workbench calls update() when what a view shows may have changed (report, date, language).
      return { update: draw };
    },
  };
}
