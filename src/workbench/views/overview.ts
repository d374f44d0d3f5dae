// The 通报 overview: courts × targets at the as-of date (it follows the slider), worst first, sortable by
// any column; each cell says its status in colour and in words with its value and n/d, its basis in the
// tooltip, and a click opens the cases behind it. The cells are the engine's (report/bulletin.ts), the
// words those of `luoshi check --format bulletin`.
import type { ViewContribution } from '../registry.js';
import { buildOverview, sortOverviewRows, type BulletinOverview } from '../../engine/report/bulletin.js';
import { cellBasis, cellText, otherLine, rowCounts } from '../../engine/report/bulletin-render.js';
import { requirementText } from '../../engine/report/basis.js';
import { overviewTable } from '../../engine/report/tables.js';
import { h, clear } from '../dom.js';
import { currentLang, pick, statusClass, statusLabel, t } from '../i18n.js';
import { exportButtons } from '../table-export.js';

type SortKey = number | 'court' | 'missed' | 'atRisk';

export const overviewView: ViewContribution = {
  id: 'overview',
  title: { zh: '通报总览', en: 'Overview' },
  location: 'panel',
  order: 45,
  render(host, { store, workbench }) {
    // null: the engine's order (most 未达标, then most 有风险, ties by name).
    let sort: { column: SortKey; descending: boolean } | null = null;
    const render = (): void => {
      clear(host);
      const r = store.s.report;
      if (!r) {
        host.append(h('div.muted.pad', t('noReport')));
        return;
      }
      const lang = currentLang();
      const o: BulletinOverview = buildOverview(r);
      const rows = sort ? sortOverviewRows(o, sort) : o.rows;
      host.append(
        h(
          'div.toolbar',
          h('strong', pick('通报总览', 'Overview')),
          h('span.muted', `${t('asOf')} ${r.asOf}`),
          h(
            'button',
            {
              'data-testid': 'overview-copy',
              title: pick(
                '复制通报（与 luoshi check --format bulletin 相同）',
                'copy the bulletin (as luoshi check --format bulletin)',
              ),
              onclick: () => {
                void workbench.executeCommand('luoshi.copyBulletin');
              },
            },
            pick('复制通报', 'Copy bulletin'),
          ),
          h('span.spacer'),
          exportButtons(
            'overview',
            () => overviewTable(r, lang),
            (m) => workbench.notify(m, 'error'),
          ),
        ),
      );
      if (!o.columns.length)
        host.append(h('div.muted.pad', pick('没有按法院计的目标', 'no target is measured per court')));
      else {
        const head = (label: string, key: SortKey, title?: string): HTMLElement => {
          const on = sort?.column === key;
          return h(
            'th',
            {
              class: `sortable${on ? ' on' : ''}`,
              'data-sort': String(key),
              title: title ?? pick('点击排序', 'click to sort'),
              onclick: () => {
                sort = on
                  ? sort!.descending
                    ? null
                    : { column: key, descending: true }
                  : { column: key, descending: false };
                render();
              },
            },
            label,
            on ? (sort!.descending ? ' ▲' : ' ▼') : '',
          );
        };
        const table = h(
          'table.grid.overview',
          { 'data-testid': 'overview-table' },
          h(
            'thead',
            h(
              'tr',
              head(t('court'), 'court'),
              head(pick('未达标', 'missed'), 'missed'),
              head(pick('有风险', 'at risk'), 'atRisk'),
              ...o.columns.map((c, k) =>
                head(
                  c.target,
                  k,
                  `${c.indicator} ${requirementText(r.targets.find((x) => x.id === c.target)!, r.asOf, lang)}`,
                ),
              ),
            ),
          ),
        );
        const tb = h('tbody');
        for (const row of rows) {
          tb.append(
            h(
              'tr',
              { 'data-court': row.court },
              h(
                'th',
                { title: rowCounts(row, lang) },
                row.court.replace(/人民法院$/, ''),
                row.noData ? h('span.muted', pick('（无数据）', ' (no data)')) : null,
              ),
              h('td.num', String(row.missed)),
              h('td.num', String(row.atRisk)),
              ...row.cells.map((c, k) => {
                const col = o.columns[k]!;
                return h(
                  'td',
                  {
                    class: `cell chip ${c.status === null ? 'none' : statusClass(c.status)}`,
                    'data-target': col.target,
                    'data-status': c.status ?? 'no data',
                    title: cellBasis(r, col, row, c, lang),
                    onclick: () => {
                      void workbench.showCases({
                        entry: store.s.entry!,
                        asOf: r.asOf,
                        target: col.target,
                        court: row.court,
                      });
                      workbench.showView('cases');
                    },
                  },
                  cellText(col, c, lang),
                );
              }),
            ),
          );
        }
        table.append(tb);
        const legend = h(
          'div.legend',
          ...(['missed', 'at risk', 'not measurable', 'on track', 'met'] as const).map((s) =>
            h('span', { class: `chip ${statusClass(s)}` }, statusLabel(s)),
          ),
          h('span.muted', pick('点击单元格查看案件；表头排序', 'click a cell for its cases; a header to sort')),
        );
        host.append(legend, h('div.scroll', table));
      }
      if (o.others.length) {
        host.append(
          h(
            'div.pad',
            h('strong', pick('不按法院计的目标', 'Targets not measured per court')),
            h(
              'ul.others',
              ...o.others.map((x) => h('li', { class: `chip ${statusClass(x.status)}` }, otherLine(r, x, lang))),
            ),
          ),
        );
      }
    };
    return {
      update: (changed) => {
        if (['*', 'report', 'lang'].some((k) => changed.has(k))) render();
      },
    };
  },
};
