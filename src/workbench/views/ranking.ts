// Ranking: the courts by indicator, for each court-scoped target, at the as-of date (the monthly 通报).
import type { ViewContribution } from '../registry.js';
import { stageInForce } from '../../engine/eval/status.js';
import { groupBasis, requirementText } from '../../engine/report/basis.js';
import { h, clear, fmtNum, fmtValue } from '../dom.js';
import { currentLang, statusClass, statusLabel, t } from '../i18n.js';
import { rankingTable } from '../../engine/report/tables.js';
import { exportButtons } from '../table-export.js';

export const rankingView: ViewContribution = {
  id: 'ranking',
  title: { zh: '排名', en: 'Ranking' },
  location: 'panel',
  order: 50,
  render(host, { store, workbench }) {
    let selected: string | null = null;
    const render = (): void => {
      clear(host);
      const r = store.s.report;
      if (!r) {
        host.append(h('div.muted.pad', t('noReport')));
        return;
      }
      if (r.rankings.length === 0) {
        host.append(h('div.muted.pad', '—'));
        return;
      }
      if (!selected || !r.rankings.some((x) => x.target === selected)) selected = r.rankings[0]!.target;
      const rk = r.rankings.find((x) => x.target === selected)!;
      const target = r.targets.find((x) => x.id === rk.target);
      const stage = target ? stageInForce(target.stages, r.asOf) : null;
      const sel = h(
        'select',
        { 'data-testid': 'ranking-target' },
        ...r.rankings.map((x) =>
          h('option', { value: x.target, selected: x.target === selected }, `${x.target} · ${x.indicator}`),
        ),
      ) as HTMLSelectElement;
      sel.addEventListener('change', () => {
        selected = sel.value;
        render();
      });
      host.append(
        h(
          'div.toolbar',
          sel,
          stage
            ? h(
                'span.muted',
                `${t('target')} ${requirementText(target!, r.asOf, currentLang())} · ${t('asOf')} ${r.asOf}`,
              )
            : null,
          h('span.spacer'),
          exportButtons(
            'ranking',
            () => rankingTable(r, rk.target, currentLang()),
            (m) => workbench.notify(m, 'error'),
          ),
        ),
      );
      const values = rk.rows.map((x) => x.value ?? 0);
      const max = Math.max(...values, stage?.value ?? 0, 1e-9);
      const list = h('div.ranking', { 'data-testid': 'ranking' });
      for (const row of rk.rows) {
        const w = row.value === null ? 0 : Math.max(0, (row.value / max) * 100);
        const g = stage?.groups[row.court];
        const basis = g && target && stage ? groupBasis(target, stage, g, currentLang()) : '';
        list.append(
          h(
            'div.rank-row',
            {
              title: basis,
              onclick: () => {
                void workbench.showCases({ entry: store.s.entry!, asOf: r.asOf, target: rk.target, court: row.court });
                workbench.showView('cases');
              },
            },
            h('span.rank', String(row.rank)),
            h('span.rank-court', row.court.replace(/人民法院$/, '')),
            h(
              'span.bar-track',
              h('span', { class: `bar ${statusClass(row.status)}`, style: `width:${w.toFixed(1)}%` }),
              stage
                ? h('span.bar-target', {
                    style: `left:${((stage.value / max) * 100).toFixed(1)}%`,
                    title: stage.display,
                  })
                : null,
            ),
            h('span.rank-value', fmtValue(row.value, rk.unit, stage?.value)),
            h(
              'span.rank-count',
              { 'data-testid': 'rank-count' },
              row.denominator === null ? fmtNum(row.numerator) : `${fmtNum(row.numerator)}/${fmtNum(row.denominator)}`,
            ),
            h('span', { class: `chip ${statusClass(row.status)}`, title: basis }, statusLabel(row.status)),
          ),
        );
      }
      host.append(list);
    };
    return {
      update: (changed) => {
        if (['*', 'report', 'lang'].some((k) => changed.has(k))) render();
      },
    };
  },
};
