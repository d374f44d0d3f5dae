// The Web Worker entry: the engine service behind comlink. The workbench creates it with
// `new Worker(new URL('../workers/web-worker.ts', import.meta.url), { type: 'module' })`.
import { expose } from 'comlink';
import { EngineService } from './engine.js';

const service = new EngineService({
  fetch: (url) => fetch(url),
  now: () => performance.now(),
});

// comlink's default endpoint is the worker's global scope.
expose(service);

export type { EngineService };
