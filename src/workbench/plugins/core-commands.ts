// The commands of the workbench's own services — save, the palette, editor actions, language, play,
// example data, trust — as a built-in plugin: they reach the palette and the keybindings the way every
// plugin's commands do. `CoreServices` is all this plugin may touch.
import type { WorkbenchPlugin } from '../registry.js';
import type { Lang } from '../i18n.js';
import { currentLang } from '../i18n.js';

export interface CoreServices {
  save(path?: string): Promise<boolean>;
  saveAll(): Promise<void>;
  openPalette(mode: 'commands' | 'files'): void;
  /** Runs a Monaco editor action (go to definition, quick outline, format). */
  runEditorAction(id: string): void;
  setLanguage(lang: Lang): void;
  togglePlay(): void;
  generateData(cases: number): Promise<void>;
  runReplay(): Promise<void>;
  setTrust(trusted: boolean): Promise<void>;
  showTrust(): Promise<unknown>;
  /** Reads the server's database source again and reloads the data (docs/sql.md, serve with a database). */
  refreshDatabase(): Promise<void>;
}

export function coreCommands(s: CoreServices): WorkbenchPlugin {
  return {
    id: 'luoshi.commands',
    version: '1.0.0',
    activate(ctx) {
      const add = ctx.registerCommand;
      add({
        id: 'luoshi.refreshDatabase',
        title: { zh: '刷新数据库数据', en: 'Refresh the database data' },
        run: () => s.refreshDatabase(),
      });
      add({ id: 'luoshi.save', title: { zh: '保存', en: 'Save' }, keybinding: 'Ctrl+S', run: () => s.save() });
      add({
        id: 'luoshi.saveAll',
        title: { zh: '全部保存', en: 'Save all' },
        keybinding: 'Ctrl+Alt+S',
        run: () => s.saveAll(),
      });
      add({
        id: 'luoshi.palette',
        title: { zh: '命令面板', en: 'Command palette' },
        keybinding: 'Ctrl+Shift+P',
        hidden: true,
        run: () => s.openPalette('commands'),
      });
      add({
        id: 'luoshi.quickOpen',
        title: { zh: '快速打开文件', en: 'Quick open' },
        keybinding: 'Ctrl+P',
        run: () => s.openPalette('files'),
      });
      add({
        id: 'editor.action.revealDefinition',
        title: { zh: '转到定义', en: 'Go to definition' },
        keybinding: 'F12',
        run: () => s.runEditorAction('editor.action.revealDefinition'),
      });
      add({
        id: 'editor.action.formatDocument',
        title: { zh: '格式化文档', en: 'Format document' },
        keybinding: 'Shift+Alt+F',
        run: () => s.runEditorAction('editor.action.formatDocument'),
      });
      add({
        id: 'editor.action.quickOutline',
        title: { zh: '转到符号', en: 'Go to symbol' },
        keybinding: 'Ctrl+Shift+O',
        run: () => s.runEditorAction('editor.action.quickOutline'),
      });
      add({
        id: 'luoshi.toggleLanguage',
        title: { zh: '切换语言（中文/English）', en: 'Switch language (中文/English)' },
        run: () => s.setLanguage(currentLang() === 'zh' ? 'en' : 'zh'),
      });
      add({
        id: 'luoshi.togglePlay',
        title: { zh: '播放/暂停 截至日', en: 'Play/pause the as-of date' },
        keybinding: 'Ctrl+Alt+P',
        run: () => s.togglePlay(),
      });
      add({
        id: 'luoshi.generateData',
        title: { zh: '生成示例数据（10 万件）', en: 'Generate example data (100,000 cases)' },
        run: (n) => s.generateData(typeof n === 'number' ? n : 100_000),
      });
      add({ id: 'luoshi.replay', title: { zh: '重新回放', en: 'Replay again' }, run: () => s.runReplay() });
      add({ id: 'luoshi.reload', title: { zh: '重新加载页面', en: 'Reload the page' }, run: () => location.reload() });
      add({
        id: 'luoshi.trust.grant',
        title: { zh: '信任此文件夹', en: 'Trust this folder' },
        run: () => s.setTrust(true),
      });
      add({
        id: 'luoshi.trust.revoke',
        title: { zh: '不再信任此文件夹', en: 'Do not trust this folder' },
        run: () => s.setTrust(false),
      });
      add({
        id: 'luoshi.trust.show',
        title: { zh: '显示此文件夹的信任状态', en: "Show this folder's trust state" },
        run: () => s.showTrust(),
      });
    },
  };
}
