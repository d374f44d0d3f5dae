// The workbench's entry: Monaco's own words in the interface language, its editor worker, then the app.
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import './styles.css';
import { currentLang, setLang } from './i18n.js';
import type { WorkbenchPlugin } from './registry.js';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

setLang(currentLang());
if (currentLang() === 'zh') await import('monaco-editor/nls/lang/zh-cn.js');
await import('monaco-editor/features/register.all');
const { Workbench } = await import('./app.js');
const wb = new Workbench(document.getElementById('app')!);

// For page-only plugins (configured ones come from luoshi.config.yaml), tests and benchmarks.
declare global {
  interface Window {
    luoshi: {
      workbench: typeof wb;
      plugins: { activate(p: WorkbenchPlugin): unknown; deactivate(id: string): void; list(): string[] };
      commands: { execute(id: string, ...args: unknown[]): Promise<unknown>; list(): string[] };
    };
  }
}
window.luoshi = {
  workbench: wb,
  plugins: { activate: (p) => wb.activatePlugin(p), deactivate: (id) => wb.registry.deactivate(id), list: () => wb.registry.pluginIds() },
  commands: { execute: (id, ...args) => wb.registry.executeCommand(id, ...args), list: () => [...wb.registry.commands.keys()] },
};
await wb.start();
document.body.dataset.ready = '1';
