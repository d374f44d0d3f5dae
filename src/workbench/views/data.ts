// Data: what the plan is evaluated against — the files in use, what was read, accepted and rejected, the
// rejected rows with their reasons — and the choice of data files, or example data generated in the worker.
import type { ViewContribution } from '../registry.js';
import { h, clear, fmtNum } from '../dom.js';
import { pick, t } from '../i18n.js';
import { dataBanner } from '../data-pick.js';

export const dataView: ViewContribution = {
  id: 'data',
  title: { zh: '数据', en: 'Data' },
  location: 'panel',
  order: 60,
  render(host, { store, workbench }) {
    const render = (): void => {
      clear(host);
      const s = store.s,
        d = s.data,
        sel = s.dataSelection ?? { cases: [], progress: [], staffing: [] };
      const pickList = (kind: 'cases' | 'progress' | 'staffing', label: string) => {
        const files = s.files.filter((f) => f.kind === kind);
        return h(
          'div.data-pick',
          h('div.side-title', label),
          ...files.map((f) => {
            const box = h('input', {
              type: kind === 'cases' ? 'radio' : 'checkbox',
              name: `data-${kind}`,
              checked: sel[kind].includes(f.path),
            }) as HTMLInputElement;
            box.addEventListener('change', () => {
              const next = {
                ...sel,
                [kind]:
                  kind === 'cases'
                    ? box.checked
                      ? [f.path]
                      : []
                    : box.checked
                      ? [...sel[kind], f.path]
                      : sel[kind].filter((p) => p !== f.path),
              };
              workbench.selectData(next);
            });
            return h('label.check', box, f.path, h('span.muted', ` ${(f.size / 1024).toFixed(0)} KB`));
          }),
          files.length === 0 ? h('div.muted', '—') : null,
        );
      };
      const gen = h('input', {
        type: 'number',
        min: 1000,
        step: 1000,
        value: 100000,
        'aria-label': 'cases',
      }) as HTMLInputElement;
      const banner = dataBanner(s.dataOrigin);
      host.append(
        h(
          'div.data-view',
          { 'data-testid': 'data-view' },
          banner
            ? h('div.data-banner', { 'data-testid': 'data-view-banner' }, `⚠ ${pick(banner.zh, banner.en)}`)
            : null,
          s.dataOrigin === 'database' && s.database
            ? h(
                'div.data-database',
                { 'data-testid': 'data-view-database' },
                `${pick('数据来源：数据库（只读）', 'Data source: database (read-only)')} ${s.database.source}${s.database.schema ? ` · ${s.database.schema}` : ''}${s.database.readAt ? ` · ${pick('读取于', 'read at')} ${s.database.readAt.replace('T', ' ').slice(0, 19)}` : ''} · ${pick('命令“刷新数据库数据”重新读取', 'the command "Refresh the database data" reads it again')}`,
                s.database.error ? h('div.bad', s.database.error) : null,
              )
            : null,
          h(
            'div.data-summary',
            h('h3', t('dataView')),
            d
              ? h(
                  'div',
                  h(
                    'div',
                    `${fmtNum(d.cases)} ${pick('件案件', 'cases')} · ${fmtNum(d.events)} ${pick('个事件', 'events')} · ${d.courts.length} ${pick('个法院', 'courts')}`,
                  ),
                  h(
                    'div',
                    `${t('read')} ${fmtNum(d.read)} · ${t('accepted')} ${fmtNum(d.accepted)} · `,
                    h('span', { class: d.rejected ? 'bad' : '' }, `${t('rejected')} ${fmtNum(d.rejected)}`),
                    ` · ${pick('警告', 'warnings')} ${fmtNum(d.warnings)}`,
                  ),
                  d.filed ? h('div.muted', `${pick('立案日期', 'filed')} ${d.filed.from} – ${d.filed.to}`) : null,
                  h(
                    'div.muted',
                    `${pick('进度报告', 'progress reports')} ${d.progress} · ${pick('人员配置', 'staffing')} ${d.staffing} · ${Math.round(d.ms)} ms`,
                  ),
                  h('div.muted.mono', d.source),
                )
              : h('div.muted', s.dataError ? `⚠ ${s.dataError}` : t('noData')),
            h(
              'div.gen',
              h('span', t('generate')),
              gen,
              h(
                'button',
                {
                  onclick: () => {
                    void workbench.generateData(Math.max(1, Number(gen.value) || 100000));
                  },
                },
                pick('生成', 'Generate'),
              ),
            ),
          ),
          h(
            'div.data-picks',
            pickList('cases', pick('案件数据', 'Case data')),
            pickList('progress', pick('进度报告', 'Progress reports')),
            pickList('staffing', pick('人员配置', 'Staffing')),
          ),
          d && d.problems.length
            ? h(
                'div.data-problems',
                h(
                  'h3',
                  `${t('dataProblems')} (${fmtNum(d.problems.length)}${d.problems.length < d.rejected + d.warnings ? '+' : ''})`,
                ),
                h(
                  'table.grid',
                  h(
                    'thead',
                    h(
                      'tr',
                      h('th', t('file')),
                      h('th.num', t('line')),
                      h('th', t('field')),
                      h('th', t('code')),
                      h('th', t('message')),
                    ),
                  ),
                  h(
                    'tbody',
                    ...d.problems
                      .slice(0, 500)
                      .map((p) =>
                        h(
                          'tr',
                          { class: `sev-${p.severity}` },
                          h('td.mono', p.file),
                          h('td.num', `${p.line}${p.column ? `:${p.column}` : ''}`),
                          h('td', p.field),
                          h('td', p.code),
                          h('td', pick(p.message, p.messageEn)),
                        ),
                      ),
                  ),
                ),
              )
            : null,
        ),
      );
    };
    return {
      update: (changed) => {
        if (
          ['*', 'data', 'dataSelection', 'dataOrigin', 'database', 'files', 'dataError', 'lang'].some((k) =>
            changed.has(k),
          )
        )
          render();
      },
    };
  },
};
