// Problems: the compiler's diagnostics for every file of the plan under evaluation, then the data's
// problems (rejected rows, by file and line). Click a diagnostic to go to it.
import type { ViewContribution } from '../registry.js';
import { h, clear } from '../dom.js';
import { pick, t } from '../i18n.js';

const MAX_ROWS = 1000;

export const problemsView: ViewContribution = {
  id: 'problems',
  title: { zh: '问题', en: 'Problems' },
  location: 'panel',
  order: 0,
  render(host, { store, workbench }) {
    const render = (): void => {
      clear(host);
      const s = store.s;
      const diags = [...(s.check?.diagnostics ?? s.evalErrors), ...s.pluginProblems];
      const data = s.data?.problems ?? [];
      const list = h('div.problems', { 'data-testid': 'problems' });
      if (diags.length === 0 && data.length === 0) list.append(h('div.muted.pad', t('noProblems')));
      const byFile = new Map<string, typeof diags>();
      for (const d of diags) (byFile.get(d.file) ?? byFile.set(d.file, []).get(d.file)!).push(d);
      let shown = 0;
      for (const [file, ds] of byFile) {
        list.append(h('div.problem-file', h('span.icon', '▣'), file, h('span.badge', String(ds.length))));
        for (const d of ds) {
          if (shown++ >= MAX_ROWS) break;
          list.append(
            h(
              'div',
              {
                class: `problem-row sev-${d.severity}`,
                'data-code': d.code,
                onclick: () => workbench.revealDiagnostic(d),
              },
              h('span.sev', d.severity === 'error' ? '⊗' : d.severity === 'warning' ? '⚠' : 'ⓘ'),
              h('span.msg', pick(d.message, d.messageEn)),
              h('span.code', d.code),
              h('span.loc', `[${d.range.start.line + 1}, ${d.range.start.column + 1}]`),
            ),
          );
        }
      }
      if (diags.length > MAX_ROWS) list.append(h('div.muted.pad', `… ${diags.length - MAX_ROWS} ${t('more')}`));
      if (data.length) {
        list.append(
          h(
            'div.problem-file',
            h('span.icon', '⛁'),
            t('dataProblems'),
            h('span.badge', String(s.data?.rejected ?? data.length)),
          ),
        );
        for (const p of data.slice(0, 300)) {
          list.append(
            h(
              'div',
              { class: `problem-row sev-${p.severity}`, 'data-code': p.code },
              h('span.sev', p.severity === 'error' ? '⊗' : '⚠'),
              h('span.msg', `${pick(p.message, p.messageEn)}${p.field ? ` [${p.field}]` : ''}`),
              h('span.code', p.code),
              h('span.loc', `${p.file}:${p.line}${p.column ? `:${p.column}` : ''}`),
            ),
          );
        }
      }
      host.append(list);
    };
    return {
      update: (changed) => {
        if (['*', 'check', 'data', 'evalErrors', 'pluginProblems', 'lang'].some((k) => changed.has(k))) render();
      },
    };
  },
};
