// The Web Worker entry: the engine service behind comlink. The workbench creates it with
// `new Worker(new URL('../workers/web-worker.ts', import.meta.url), { type: 'module' })`.
import { expose } from 'comlink';
import { EngineService } from './engine.js';
import type { PluginModule } from '../engine/plugins/api.js';

const service = new EngineService({
  fetch: (url) => fetch(url),
  now: () => performance.now(),
  // Only plugins the workspace's luoshi.config.yaml lists reach here (their URLs come from the server).
  importModule: (url) => import(/* @vite-ignore */ url) as Promise<PluginModule>,
});

// comlink's default endpoint is the worker's global scope.
expose(service);

export type { EngineService };
