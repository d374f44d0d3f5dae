// The built-in features as plugins on the same API third-party plugins use: the views, and the commands
// of the palette with their keybindings.
import { renderMarkdown } from '../../engine/report/render.js';
import type { WorkbenchPlugin } from '../registry.js';
import { both, currentLang } from '../i18n.js';
import { explorerView } from '../views/explorer.js';
import { outlineView } from '../views/outline.js';
import { problemsView } from '../views/problems.js';
import { tasksView } from '../views/tasks.js';
import { timelineView } from '../views/timeline.js';
import { indicatorsView } from '../views/indicators.js';
import { casesView } from '../views/cases.js';
import { rankingView } from '../views/ranking.js';
import { dataView } from '../views/data.js';
import { documentsPlugin } from './documents.js';

const views: WorkbenchPlugin = {
  id: 'luoshi.views', version: '1.0.0',
  activate(ctx) {
    for (const v of [explorerView, outlineView, problemsView, tasksView, timelineView, indicatorsView, casesView, rankingView, dataView]) ctx.registerView(v);
    ctx.registerCommand({
      id: 'luoshi.view.show', title: { zh: '显示视图', en: 'Show view' }, hidden: true,
      run: (id, focus) => {
        if (focus && typeof focus === 'object') {
          const target = (focus as { target?: string }).target;
          const indicator = target ? ctx.store.s.report?.targets.find((x) => x.id === target)?.indicator : undefined;
          ctx.store.update({ focus: { ...(focus as object), ...(indicator ? { indicator } : {}) } });
        }
        ctx.workbench.showView(String(id));
      },
    });
    for (const v of [problemsView, tasksView, timelineView, indicatorsView, casesView, rankingView, dataView]) {
      ctx.registerCommand({ id: `luoshi.view.${v.id}`, title: { zh: `视图：${v.title.zh}`, en: `View: ${v.title.en}` }, run: () => ctx.workbench.showView(v.id) });
    }
  },
};

/** Commands over the report the page holds. */
const reportCommands: WorkbenchPlugin = {
  id: 'luoshi.report', version: '1.0.0',
  activate(ctx) {
    ctx.registerCommand({
      id: 'luoshi.copyReport', title: { zh: '复制通报（Markdown）', en: 'Copy report (Markdown)' },
      run: async () => {
        const r = ctx.store.s.report;
        if (!r) return;
        const md = renderMarkdown(r, currentLang());
        try { await navigator.clipboard.writeText(md); ctx.workbench.notify(both('copied'), 'ok'); } catch { ctx.workbench.notify({ zh: '无法写入剪贴板', en: 'cannot write to the clipboard' }, 'error', { cause: 'clipboard' }); }
        return md;
      },
    });
  },
};

/** The built-in plugins; `core` carries the commands of the workbench's own services (save, palette, play, trust …). */
export function builtinPlugins(core: WorkbenchPlugin): WorkbenchPlugin[] {
  return [views, core, reportCommands, documentsPlugin];
}
