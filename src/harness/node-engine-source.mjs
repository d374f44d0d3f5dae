// Runs the TypeScript worker from source (tests, benchmarks under tsx): worker threads do not inherit
// the parent's --import hooks on Node 20, so the worker registers tsx itself. The build uses the compiled
// node-engine.js directly and never loads this file.
import { register } from 'tsx/esm/api';
register();
await import('./node-engine.ts');
