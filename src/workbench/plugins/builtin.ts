// The built-in features as plugins on the same API third-party plugins use: the views, and the commands
// of the palette with their keybindings.
import { renderMarkdown } from '../../engine/report/render.js';
import { renderBulletinHtml, renderBulletinText } from '../../engine/report/bulletin-render.js';
import type { WorkbenchPlugin } from '../registry.js';
import { currentLang, pick, t } from '../i18n.js';
import { explorerView } from '../views/explorer.js';
import { outlineView } from '../views/outline.js';
import { problemsView } from '../views/problems.js';
import { tasksView } from '../views/tasks.js';
import { timelineView } from '../views/timeline.js';
import { indicatorsView } from '../views/indicators.js';
import { casesView } from '../views/cases.js';
import { rankingView } from '../views/ranking.js';
import { overviewView } from '../views/overview.js';
import { dataView } from '../views/data.js';
import { documentsPlugin } from './documents.js';

const views: WorkbenchPlugin = {
  id: 'luoshi.views', version: '1.0.0',
  activate(ctx) {
    for (const v of [explorerView, outlineView, problemsView, tasksView, timelineView, indicatorsView, casesView, overviewView, rankingView, dataView]) ctx.registerView(v);
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
    for (const v of [problemsView, tasksView, timelineView, indicatorsView, casesView, overviewView, rankingView, dataView]) {
      ctx.registerCommand({ id: `luoshi.view.${v.id}`, title: { zh: `视图：${v.title.zh}`, en: `View: ${v.title.en}` }, run: () => ctx.workbench.showView(v.id) });
    }
  },
};

const commands: WorkbenchPlugin = {
  id: 'luoshi.commands', version: '1.0.0',
  activate(ctx) {
    const wb = ctx.workbench;
    ctx.registerCommand({ id: 'luoshi.save', title: { zh: '保存', en: 'Save' }, keybinding: 'Ctrl+S', run: () => wb.save() });
    ctx.registerCommand({
      id: 'luoshi.saveAll', title: { zh: '全部保存', en: 'Save all' }, keybinding: 'Ctrl+Alt+S',
      run: async () => { for (const b of ctx.store.s.buffers.values()) if (!b.readOnly && b.text !== b.savedText) await wb.save(b.path); },
    });
    ctx.registerCommand({ id: 'luoshi.palette', title: { zh: '命令面板', en: 'Command palette' }, keybinding: 'Ctrl+Shift+P', hidden: true, run: () => wb.palette.open('commands') });
    ctx.registerCommand({ id: 'luoshi.quickOpen', title: { zh: '快速打开文件', en: 'Quick open' }, keybinding: 'Ctrl+P', run: () => wb.palette.open('files') });
    ctx.registerCommand({ id: 'editor.action.revealDefinition', title: { zh: '转到定义', en: 'Go to definition' }, keybinding: 'F12', run: () => wb.editor.getAction('editor.action.revealDefinition')?.run() });
    ctx.registerCommand({ id: 'editor.action.formatDocument', title: { zh: '格式化文档', en: 'Format document' }, keybinding: 'Shift+Alt+F', run: () => wb.formatDocument() });
    ctx.registerCommand({ id: 'editor.action.quickOutline', title: { zh: '转到符号', en: 'Go to symbol' }, keybinding: 'Ctrl+Shift+O', run: () => { wb.editor.focus(); void wb.editor.getAction('editor.action.quickOutline')?.run(); } });
    ctx.registerCommand({ id: 'luoshi.toggleLanguage', title: { zh: '切换语言（中文/English）', en: 'Switch language (中文/English)' }, run: () => wb.setLanguage(currentLang() === 'zh' ? 'en' : 'zh') });
    ctx.registerCommand({ id: 'luoshi.togglePlay', title: { zh: '播放/暂停 截至日', en: 'Play/pause the as-of date' }, keybinding: 'Ctrl+Alt+P', run: () => wb.togglePlay() });
    ctx.registerCommand({
      id: 'luoshi.generateData', title: { zh: '生成示例数据（10 万件）', en: 'Generate example data (100,000 cases)' },
      run: (n) => wb.generateData(typeof n === 'number' ? n : 100_000),
    });
    ctx.registerCommand({ id: 'luoshi.replay', title: { zh: '重新回放', en: 'Replay again' }, run: () => wb.runReplay() });
    ctx.registerCommand({ id: 'luoshi.reload', title: { zh: '重新加载页面', en: 'Reload the page' }, run: () => location.reload() });
    ctx.registerCommand({ id: 'luoshi.trust.grant', title: { zh: '信任此文件夹', en: 'Trust this folder' }, run: () => wb.setTrust(true) });
    ctx.registerCommand({ id: 'luoshi.trust.revoke', title: { zh: '不再信任此文件夹', en: 'Do not trust this folder' }, run: () => wb.setTrust(false) });
    ctx.registerCommand({ id: 'luoshi.trust.show', title: { zh: '显示此文件夹的信任状态', en: 'Show this folder\'s trust state' }, run: () => wb.showTrust() });
    ctx.registerCommand({
      id: 'luoshi.copyReport', title: { zh: '复制通报（Markdown）', en: 'Copy report (Markdown)' },
      run: async () => {
        const r = ctx.store.s.report;
        if (!r) return;
        const md = renderMarkdown(r, currentLang());
        try { await navigator.clipboard.writeText(md); wb.notify(t('copied'), 'ok'); } catch { wb.notify(pick('无法写入剪贴板', 'cannot write to the clipboard'), 'error'); }
        return md;
      },
    });
    ctx.registerCommand({
      // The 通报 overview as `luoshi check --format bulletin` prints it; with the HTML table beside it, so
      // pasting into a word processor gives a table.
      id: 'luoshi.copyBulletin', title: { zh: '复制通报总览（法院 × 目标）', en: 'Copy the bulletin overview (courts × targets)' },
      run: async () => {
        const r = ctx.store.s.report;
        if (!r) { wb.notify(t('noReport'), 'error'); return; }
        const text = renderBulletinText(r, currentLang());
        try {
          if (typeof ClipboardItem === 'function' && navigator.clipboard.write) {
            await navigator.clipboard.write([new ClipboardItem({
              'text/plain': new Blob([text], { type: 'text/plain' }), 'text/html': new Blob([renderBulletinHtml(r, currentLang())], { type: 'text/html' }),
            })]);
          } else await navigator.clipboard.writeText(text);
          wb.notify(t('copied'), 'ok');
        } catch { wb.notify(pick('无法写入剪贴板', 'cannot write to the clipboard'), 'error'); }
        return text;
      },
    });
  },
};

export function builtinPlugins(): WorkbenchPlugin[] {
  return [views, commands, documentsPlugin];
}
