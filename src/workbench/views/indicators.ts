// Indicators: every indicator's value at the as-of date, and for the chosen one its replayed series per
// court with the target line, deadlines and the as-of line (ECharts, option from engine/report/chart-option.ts); below, the figure per court — click a number
// to see the cases behind it.
import type { ViewContribution } from '../registry.js';
import type { TargetReport } from '../../engine/report/model.js';
import { stageInForce } from '../../engine/eval/status.js';
import { groupBasis, requirementText, targetBasis } from '../../engine/report/basis.js';
import { h, clear, fmtNum, fmtValue } from '../dom.js';
import { currentLang, pick, statusClass, statusLabel, t } from '../i18n.js';
import type { ChartHandle } from './chart.js';
import { indicatorChartOption } from '../../engine/report/chart-option.js';

export const indicatorsView: ViewContribution = {
  id: 'indicators',
  title: { zh: '指标', en: 'Indicators' },
  location: 'panel',
  order: 30,
  render(host, { store, workbench }) {
    let selected: string | null = null;
    let width = 800;
    // ECharts comes in its own chunk, loaded when a chart is first shown: the page starts without it.
    let chart: ChartHandle | null = null;
    let loading = false;
    let disposed = false;
    const side = h('div.ind-list', { 'data-testid': 'indicator-list' });
    const main = h('div.ind-main');
    host.append(h('div.split', side, main));
    const ro = new ResizeObserver((es) => {
      const w = Math.floor(es[0]!.contentRect.width);
      if (w > 0 && Math.abs(w - width) > 8) {
        width = w;
        renderMain();
      }
    });
    ro.observe(main);

    const targetsOf = (name: string): TargetReport[] =>
      store.s.report?.targets.filter((x) => x.indicator === name) ?? [];
    const renderSide = (): void => {
      clear(side);
      const r = store.s.report;
      if (!r) return;
      const withTargets = new Set(r.targets.map((x) => x.indicator));
      const list = [...r.indicators].sort((a, b) => Number(withTargets.has(b.name)) - Number(withTargets.has(a.name)));
      if (!selected || !list.some((i) => i.name === selected)) selected = list[0]?.name ?? null;
      for (const ind of list) {
        const ts = targetsOf(ind.name);
        side.append(
          h(
            'div',
            {
              class: `ind-row${ind.name === selected ? ' active' : ''}`,
              'data-indicator': ind.name,
              onclick: () => {
                selected = ind.name;
                chart?.reset();
                renderSide();
                renderMain();
              },
            },
            h(
              'div.ind-name',
              ind.name,
              ts.map((x) =>
                h('span', { class: `status-dot ${statusClass(x.status)}`, title: `${x.id}: ${statusLabel(x.status)}` }),
              ),
            ),
            h('div.ind-value', fmtValue(ind.overall.value, ind.unit)),
          ),
        );
      }
    };
    const renderMain = (): void => {
      clear(main);
      const r = store.s.report,
        rp = store.s.replay;
      if (!r) {
        main.append(h('div.muted.pad', store.s.evalErrors.length ? t('planHasErrors') : t('noReport')));
        return;
      }
      const ind = r.indicators.find((i) => i.name === selected);
      if (!ind) return;
      const ts = targetsOf(ind.name);
      const entry = store.s.entry!,
        asOf = r.asOf;
      main.append(
        h(
          'div.ind-head',
          h('h3', ind.title ?? ind.name, ind.title ? h('span.muted', ` ${ind.name}`) : null),
          h('span.big', fmtValue(ind.overall.value, ind.unit)),
          ind.overall.denominator !== null
            ? h('span.muted', ` (${fmtNum(ind.overall.numerator)} / ${fmtNum(ind.overall.denominator)})`)
            : null,
          ...ts.map((x) =>
            h(
              'span',
              {
                class: `chip ${statusClass(x.status)}`,
                'data-testid': 'target-chip',
                title: `${x.id}\n${targetBasis(x, r.asOf, currentLang())}`,
              },
              `${x.id} ${requirementText(x, r.asOf, currentLang())} · ${statusLabel(x.status)}`,
            ),
          ),
        ),
      );
      // The replayed series.
      const series = rp?.indicators.find((i) => i.name === ind.name);
      if (series && rp) {
        const courts = Object.keys(series.courts).filter(
          (c) => r.plan.courts.length === 0 || ind.courts[c] !== undefined,
        );
        // Highlighted: the courts the report says lag on this indicator's per-court targets at the as-of date.
        const lagging = ts.filter((x) => x.scope === 'court').flatMap((x) => x.lagging);
        const spec = indicatorChartOption({
          replay: rp,
          indicator: ind.name,
          lang: currentLang(),
          width: Math.max(420, width - 8),
          height: 220,
          asOf,
          lagging,
          courts,
        });
        if (chart) {
          main.append(h('div.chart-box', chart.el));
          chart.show(spec, rp.dates);
        } else {
          main.append(
            h('div.chart-box.muted.pad', { style: `height:${spec.height}px` }, pick('载入图表…', 'loading the chart…')),
          );
          if (!loading) {
            loading = true;
            void import('./chart.js').then((m) => {
              if (disposed) return;
              chart = m.indicatorChart((d) => workbench.setAsOf(d, true));
              renderMain();
            });
          }
        }
      } else {
        main.append(h('div.muted.pad', store.s.busy.replay ? t('replaying') : t('noSeries')));
      }
      // Per court at the as-of date.
      const courtTarget = ts.find((x) => x.scope === 'court');
      const stage = courtTarget ? stageInForce(courtTarget.stages, r.asOf) : null;
      const rows = Object.entries(ind.courts).filter(([c]) => !stage || stage.groups[c] || r.plan.courts.length === 0);
      const table = h(
        'table.grid',
        { 'data-testid': 'indicator-table' },
        h(
          'thead',
          h(
            'tr',
            h('th', t('court')),
            h('th.num', t('value')),
            h('th.num', t('numerator')),
            h('th.num', t('denominator')),
            h('th', t('status')),
            h('th', t('basis')),
          ),
        ),
      );
      const tb = h('tbody');
      const show = (court: string | undefined): void => {
        void workbench.showCases({
          entry,
          asOf,
          indicator: ind.name,
          ...(court ? { court } : {}),
          ...(courtTarget ? { target: courtTarget.id } : {}),
        });
        workbench.showView('cases');
      };
      const addRow = (
        label: string,
        court: string | undefined,
        f: { value: number | null; numerator: number; denominator: number | null },
        status: string | null,
        basis: string,
      ): void => {
        tb.append(
          h(
            'tr',
            h('td', label),
            h(
              'td.num.link',
              { onclick: () => show(court), title: t('showCases') },
              fmtValue(f.value, ind.unit, threshold),
            ),
            h('td.num.link', { onclick: () => show(court) }, fmtNum(f.numerator)),
            h('td.num', f.denominator === null ? '—' : fmtNum(f.denominator)),
            h(
              'td',
              status ? h('span', { class: `chip ${statusClass(status)}`, title: basis }, statusLabel(status)) : '',
            ),
            h('td.basis', basis),
          ),
        );
      };
      const overallTarget = ts.find((x) => x.scope === 'overall');
      const threshold = stage?.value ?? (overallTarget ? stageInForce(overallTarget.stages, r.asOf).value : undefined);
      addRow(
        t('overall'),
        undefined,
        ind.overall,
        overallTarget?.status ?? null,
        overallTarget ? targetBasis(overallTarget, r.asOf, currentLang()) : '',
      );
      for (const [c, f] of rows) {
        const g = stage?.groups[c];
        addRow(
          c,
          c,
          f,
          g?.status ?? null,
          g && courtTarget && stage ? groupBasis(courtTarget, stage, g, currentLang()) : '',
        );
      }
      table.append(tb);
      main.append(h('div.scroll', table));
      // Team and handler targets: each group against its own threshold, never against the court lines above.
      for (const gt of ts.filter((x) => x.scope === 'team' || x.scope === 'handler')) {
        const gs = stageInForce(gt.stages, r.asOf);
        const gtable = h(
          'table.grid',
          { 'data-testid': 'group-target-table' },
          h('caption', `${gt.id} · ${targetBasis(gt, r.asOf, currentLang())}`),
          h(
            'thead',
            h(
              'tr',
              h('th', gt.scope === 'team' ? pick('团队', 'Team') : pick('承办人', 'Handler')),
              h('th.num', t('value')),
              h('th.num', t('numerator')),
              h('th.num', t('denominator')),
              h('th', t('status')),
              h('th', t('basis')),
            ),
          ),
        );
        const gb = h('tbody');
        for (const [name, g] of Object.entries(gs.groups)) {
          const basis = groupBasis(gt, gs, g, currentLang());
          gb.append(
            h(
              'tr',
              h('td', name || pick('（无团队）', '(no team)')),
              h('td.num', fmtValue(g.value, gt.unit, gs.value)),
              h('td.num', fmtNum(g.numerator)),
              h('td.num', g.denominator === null ? '—' : fmtNum(g.denominator)),
              h('td', h('span', { class: `chip ${statusClass(g.status)}`, title: basis }, statusLabel(g.status))),
              h('td.basis', basis),
            ),
          );
        }
        gtable.append(gb);
        main.append(h('div.scroll', gtable));
      }
    };
    return {
      update: (changed) => {
        if (changed.has('focus') && store.s.focus.indicator) {
          selected = store.s.focus.indicator;
          chart?.reset();
        }
        if (['*', 'report', 'lang', 'focus'].some((k) => changed.has(k))) renderSide();
        if (['*', 'report', 'replay', 'lang', 'focus', 'busy'].some((k) => changed.has(k))) {
          if (changed.has('busy') && !changed.has('replay') && !changed.has('report') && store.s.replay) return;
          renderMain();
        }
      },
      dispose: () => {
        disposed = true;
        ro.disconnect();
        chart?.dispose();
      },
    };
  },
};
