// The built-in features as plugins on the same API third-party plugins use: the views, and the commands
// of the palette with their keybindings.
import { renderMarkdown } from '../../engine/report/render.js';
import { renderBulletinHtml, renderBulletinText } from '../../engine/report/bulletin-render.js';
import type { WorkbenchPlugin } from '../registry.js';
import { both, currentLang } from '../i18n.js';
import { explorerView } from '../views/explorer.js';
import { outlineView } from '../views/outline.js';
import { problemsView } from '../views/problems.js';
import { tasksView } from '../views/tasks.js';
import { lazyView } from '../views/lazy.js';
import { documentsPlugin } from './documents.js';

// The views a page opens on (the explorer, the outline, problems, tasks) come with it; the others are
// fetched when first shown.
const timelineView = lazyView(
  { id: 'timeline', title: { zh: '时间线', en: 'Timeline' }, location: 'panel', order: 20 },
  async () => (await import('../views/timeline.js')).timelineView,
);
const indicatorsView = lazyView(
  { id: 'indicators', title: { zh: '指标', en: 'Indicators' }, location: 'panel', order: 30 },
  async () => (await import('../views/indicators.js')).indicatorsView,
);
const casesView = lazyView(
  { id: 'cases', title: { zh: '案件', en: 'Cases' }, location: 'panel', order: 40 },
  async () => (await import('../views/cases.js')).casesView,
);
const rankingView = lazyView(
  { id: 'ranking', title: { zh: '排名', en: 'Ranking' }, location: 'panel', order: 50 },
  async () => (await import('../views/ranking.js')).rankingView,
);
const overviewView = lazyView(
  { id: 'overview', title: { zh: '通报总览', en: 'Overview' }, location: 'panel', order: 45 },
  async () => (await import('../views/overview.js')).overviewView,
);
const scoresView = lazyView(
  { id: 'scores', title: { zh: '考核', en: 'Scores' }, location: 'panel', order: 55 },
  async () => (await import('../views/scores.js')).scoresView,
);
const dataView = lazyView(
  { id: 'data', title: { zh: '数据', en: 'Data' }, location: 'panel', order: 60 },
  async () => (await import('../views/data.js')).dataView,
);

const views: WorkbenchPlugin = {
  id: 'luoshi.views',
  version: '1.0.0',
  activate(ctx) {
    for (const v of [
      explorerView,
      outlineView,
      problemsView,
      tasksView,
      timelineView,
      indicatorsView,
      casesView,
      overviewView,
      rankingView,
      scoresView,
      dataView,
    ])
      ctx.registerView(v);
    ctx.registerCommand({
      id: 'luoshi.view.show',
      title: { zh: '显示视图', en: 'Show view' },
      hidden: true,
      run: (id, focus) => {
        if (focus && typeof focus === 'object') {
          const target = (focus as { target?: string }).target;
          const indicator = target ? ctx.store.s.report?.targets.find((x) => x.id === target)?.indicator : undefined;
          ctx.store.update({ focus: { ...(focus as object), ...(indicator ? { indicator } : {}) } });
        }
        ctx.workbench.showView(String(id));
      },
    });
    for (const v of [
      problemsView,
      tasksView,
      timelineView,
      indicatorsView,
      casesView,
      overviewView,
      rankingView,
      scoresView,
      dataView,
    ]) {
      ctx.registerCommand({
        id: `luoshi.view.${v.id}`,
        title: { zh: `视图：${v.title.zh}`, en: `View: ${v.title.en}` },
        run: () => ctx.workbench.showView(v.id),
      });
    }
  },
};

/** Commands over the report the page holds. */
const reportCommands: WorkbenchPlugin = {
  id: 'luoshi.report',
  version: '1.0.0',
  activate(ctx) {
    ctx.registerCommand({
      id: 'luoshi.copyReport',
      title: { zh: '复制通报（Markdown）', en: 'Copy report (Markdown)' },
      run: async () => {
        const r = ctx.store.s.report;
        if (!r) return;
        const md = renderMarkdown(r, currentLang());
        try {
          await navigator.clipboard.writeText(md);
          ctx.workbench.notify(both('copied'), 'ok');
        } catch {
          ctx.workbench.notify({ zh: '无法写入剪贴板', en: 'cannot write to the clipboard' }, 'error', {
            cause: 'clipboard',
          });
        }
        return md;
      },
    });
    ctx.registerCommand({
      // The 通报 overview as `luoshi check --format bulletin` prints it; with the HTML table beside it, so
      // pasting into a word processor gives a table.
      id: 'luoshi.copyBulletin',
      title: { zh: '复制通报总览（法院 × 目标）', en: 'Copy the bulletin overview (courts × targets)' },
      run: async () => {
        const r = ctx.store.s.report;
        if (!r) {
          ctx.workbench.notify(both('noReport'), 'error');
          return;
        }
        const text = renderBulletinText(r, currentLang());
        try {
          if (typeof ClipboardItem === 'function' && navigator.clipboard.write) {
            await navigator.clipboard.write([
              new ClipboardItem({
                'text/plain': new Blob([text], { type: 'text/plain' }),
                'text/html': new Blob([renderBulletinHtml(r, currentLang())], { type: 'text/html' }),
              }),
            ]);
          } else await navigator.clipboard.writeText(text);
          ctx.workbench.notify(both('copied'), 'ok');
        } catch {
          ctx.workbench.notify({ zh: '无法写入剪贴板', en: 'cannot write to the clipboard' }, 'error', {
            cause: 'clipboard',
          });
        }
        return text;
      },
    });
  },
};

/** The built-in plugins; `core` carries the commands of the workbench's own services (save, palette, play, trust …). */
export function builtinPlugins(core: WorkbenchPlugin): WorkbenchPlugin[] {
  return [views, core, reportCommands, documentsPlugin];
}
