// Scores (考核): the courts (handlers, teams) ranked by their total under each scoring scheme, at the as-of
// date; a row's tooltip gives its group subtotals, a click opens its breakdown down to every item's value,
// rule and points (the explanations the engine wrote: src/engine/scoring/).
import type { ViewContribution } from '../registry.js';
import { breakdownLines, schemeHeading } from '../../engine/scoring/render.js';
import { pointsText } from '../../engine/scoring/check.js';
import { h, clear } from '../dom.js';
import { currentLang, t } from '../i18n.js';

export const scoresView: ViewContribution = {
  id: 'scores',
  title: { zh: '考核', en: 'Scores' },
  location: 'panel',
  order: 55,
  render(host, { store }) {
    let selected: string | null = null;
    const open = new Set<string>();
    const render = (): void => {
      clear(host);
      const r = store.s.report;
      if (!r) {
        host.append(h('div.muted.pad', t('noReport')));
        return;
      }
      const schemes = r.scores ?? [];
      if (schemes.length === 0) {
        host.append(
          h(
            'div.muted.pad',
            currentLang() === 'zh' ? '计划中没有考核方案（考核 …）' : 'the plan has no scoring scheme (scoring …)',
          ),
        );
        return;
      }
      if (!selected || !schemes.some((s) => s.scheme === selected)) selected = schemes[0]!.scheme;
      const s = schemes.find((x) => x.scheme === selected)!;
      const lang = currentLang();
      const sel = h(
        'select',
        { 'data-testid': 'scores-scheme' },
        ...schemes.map((x) => h('option', { value: x.scheme, selected: x.scheme === selected }, x.title ?? x.scheme)),
      ) as HTMLSelectElement;
      sel.addEventListener('change', () => {
        selected = sel.value;
        render();
      });
      host.append(h('div.toolbar', sel, h('span.muted', `${schemeHeading(s, lang)} · ${t('asOf')} ${r.asOf}`)));
      const max = Math.max(s.total ?? 0, ...s.rows.map((x) => x.total), 1e-9);
      const list = h('div.ranking', { 'data-testid': 'scores' });
      for (const row of s.rows) {
        const name = row.name ?? row.group;
        const tip = row.groups
          .map((g) => `${g.title ?? g.name ?? ''} ${pointsText(g.subtotal)}/${pointsText(g.points)}`)
          .join(lang === 'zh' ? '；' : '; ');
        const key = `${s.scheme}\u0000${row.group}`;
        list.append(
          h(
            'div.rank-row.score-row',
            {
              title: tip,
              'data-testid': 'score-row',
              onclick: () => {
                if (open.has(key)) open.delete(key);
                else open.add(key);
                render();
              },
            },
            h('span.rank', String(row.rank)),
            h('span.rank-court', name.replace(/人民法院$/, '')),
            h(
              'span.bar-track',
              h('span', { class: 'bar info', style: `width:${Math.max(0, (row.total / max) * 100).toFixed(1)}%` }),
            ),
            h(
              'span.rank-value',
              { 'data-testid': 'score-total' },
              lang === 'zh' ? `${pointsText(row.total)}分` : pointsText(row.total),
            ),
            h(
              'span.rank-count',
              row.groups
                .filter((g) => g.bonus)
                .map((g) => `+${pointsText(g.subtotal)}`)
                .join(' '),
            ),
            h('span.muted', open.has(key) ? '▾' : '▸'),
          ),
        );
        if (open.has(key))
          list.append(
            h('pre.score-breakdown', { 'data-testid': 'score-breakdown' }, breakdownLines(row, lang).join('\n')),
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
