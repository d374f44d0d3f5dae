// Cases: the cases behind a number (an indicator in a court, a target, a rule's failures), with their
// events; the events that made a case count are marked.
import type { CaseRow } from '../../workers/protocol.js';
import type { ViewContribution } from '../registry.js';
import { h, clear, fmtNum } from '../dom.js';
import { currentLang, pick, t } from '../i18n.js';
import { caseTable } from '../../engine/report/tables.js';
import { exportButtons } from '../table-export.js';

const PAGE = 100;

export const casesView: ViewContribution = {
  id: 'cases',
  title: { zh: '案件', en: 'Cases' },
  location: 'panel',
  order: 40,
  render(host, { store, workbench }) {
    const open = new Set<string>();
    const render = (): void => {
      clear(host);
      const q = store.s.casesQuery,
        c = store.s.cases;
      if (!q) {
        host.append(h('div.muted.pad', t('noCases')));
        return;
      }
      if (store.s.casesError) {
        host.append(h('div.error.pad', store.s.casesError));
        return;
      }
      if (!c) {
        host.append(h('div.muted.pad', '…'));
        return;
      }
      const offset = q.offset ?? 0;
      const only = h('input', {
        type: 'checkbox',
        checked: !!q.onlyMissing,
        'data-testid': 'only-missing',
      }) as HTMLInputElement;
      only.addEventListener('change', () => {
        void workbench.showCases({ ...q, onlyMissing: only.checked, offset: 0 });
      });
      host.append(
        h(
          'div.toolbar',
          h('strong', pick(c.title, c.titleEn)),
          h('span.muted', `${t('asOf')} ${q.asOf}`),
          c.numeratorLabel
            ? h('span.chip.info', `${t('numerator')} ${c.numeratorLabel}: ${fmtNum(c.numerator)}`)
            : null,
          c.denominatorLabel
            ? h('span.chip.none', `${t('denominator')} ${c.denominatorLabel}: ${fmtNum(c.denominator)}`)
            : null,
          q.rule === undefined && c.denominatorLabel ? h('label.check', only, t('onlyMissing')) : null,
          h('span.spacer'),
          h('span.muted', `${t('showing')} ${c.total ? offset + 1 : 0}–${offset + c.rows.length} / ${fmtNum(c.total)}`),
          h(
            'button',
            {
              disabled: offset === 0,
              onclick: () => {
                void workbench.showCases({ ...q, offset: Math.max(0, offset - PAGE), limit: PAGE });
              },
            },
            '‹',
          ),
          h(
            'button',
            {
              disabled: offset + c.rows.length >= c.total,
              onclick: () => {
                void workbench.showCases({ ...q, offset: offset + PAGE, limit: PAGE });
              },
            },
            '›',
          ),
          // Every case of the query, not only this page.
          exportButtons(
            'cases',
            async () => {
              const all = await workbench.client.request('cases', (seq) =>
                workbench.client.engine.cases(seq, { ...q, offset: 0, limit: Math.max(c.total, 1) }),
              );
              if (!all?.ok) return null;
              const counted = all.value.rows.some((x) => x.events.length > 0);
              const title = [
                pick(c.title, c.titleEn),
                q.court?.replace(/人民法院$/, ''),
                q.onlyMissing ? t('onlyMissing') : null,
                q.asOf,
              ]
                .filter((x) => x)
                .join(' ');
              return caseTable(
                title,
                all.value.rows.map((x) => ({
                  record: x.record,
                  inNumerator: x.inNumerator,
                  inDenominator: x.inDenominator,
                  ...(x.failed ? { failed: x.failed } : {}),
                  ...(counted ? { events: x.events.length } : {}),
                })),
                currentLang(),
              );
            },
            (m) => workbench.notify(m, 'error'),
          ),
        ),
      );
      const table = h(
        'table.grid.cases',
        { 'data-testid': 'cases-table' },
        h(
          'thead',
          h(
            'tr',
            h('th', ''),
            h('th', t('caseId')),
            h('th', t('court')),
            h('th', t('filed')),
            h('th', t('closed')),
            h('th', t('closure')),
            h('th.num', t('claimed')),
            h('th.num', t('recovered')),
            h('th', t('handler')),
            h('th', q.rule ? t('failedConditions') : pick('计入', 'counts')),
            h('th.num', t('events')),
          ),
        ),
      );
      const tb = h('tbody');
      const row = (x: CaseRow): void => {
        const r = x.record;
        const isOpen = open.has(r.id);
        tb.append(
          h(
            'tr',
            {
              class: `case-row${isOpen ? ' open' : ''}`,
              onclick: () => {
                if (isOpen) open.delete(r.id);
                else open.add(r.id);
                render();
              },
            },
            h('td', isOpen ? '▾' : '▸'),
            h('td.mono', r.id),
            h('td', r.court.replace(/人民法院$/, '')),
            h('td.mono', r.filed),
            h('td.mono', r.closed ?? '—'),
            h('td', r.closure ?? '—'),
            h('td.num', fmtNum(r.claimed)),
            h('td.num', fmtNum(r.recovered)),
            h('td', r.handler),
            h(
              'td',
              x.failed
                ? x.failed.join('、')
                : [
                    x.inNumerator ? h('span.chip.good', t('numerator')) : null,
                    x.inDenominator ? h('span.chip.none', t('denominator')) : null,
                  ],
            ),
            h('td.num', String(r.events.length)),
          ),
        );
        if (isOpen) {
          const marked = new Set(x.events);
          tb.append(
            h(
              'tr.events-row',
              h('td'),
              h(
                'td',
                { colspan: 10 },
                h(
                  'div.events',
                  ...r.events.map((e, i) =>
                    h(
                      'div',
                      { class: `event${marked.has(i) ? ' marked' : ''}` },
                      h('span.mono', e.date),
                      h('span.ev-type', e.type),
                      e.amount !== undefined ? h('span.num', `${fmtNum(e.amount)} 元`) : null,
                      e.note ? h('span.muted', e.note) : null,
                    ),
                  ),
                ),
              ),
            ),
          );
        }
      };
      for (const x of c.rows) row(x);
      table.append(tb);
      host.append(h('div.scroll', table));
    };
    return {
      update: (changed) => {
        if (['*', 'cases', 'casesQuery', 'casesError', 'lang'].some((k) => changed.has(k))) render();
      },
    };
  },
};
