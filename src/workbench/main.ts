// The workbench's entry: Monaco's own words in the interface language, its editor worker, the editor
// features the workbench uses (editor/monaco-features.ts), then the app.
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import './styles.css';
import { currentLang, setLang } from './i18n.js';
import { startEngineEarly } from './engine-client.js';
import type { WorkbenchPlugin } from './registry.js';

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
// The engine worker loads and starts on the other core while the editor's code loads here.
startEngineEarly();

setLang(currentLang());
// Monaco's words before any of its modules runs; then its features and the app side by side (both need
// the editor core, fetched once), not one after the other.
if (currentLang() === 'zh') await import('monaco-editor/nls/lang/zh-cn.js');
const [, { Workbench }] = await Promise.all([import('./editor/monaco-features.js'), import('./app.js')]);
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
  plugins: {
    activate: (p) => wb.activatePlugin(p),
    deactivate: (id) => wb.registry.deactivate(id),
    list: () => wb.registry.pluginIds(),
  },
  commands: {
    execute: (id, ...args) => wb.registry.executeCommand(id, ...args),
    list: () => [...wb.registry.commands.keys()],
  },
};
await wb.start();
document.body.dataset.ready = '1';
