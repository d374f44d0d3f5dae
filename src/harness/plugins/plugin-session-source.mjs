// Runs the TypeScript plugin worker from source (tests under tsx): see src/harness/node-engine-source.mjs.
import { register } from 'tsx/esm/api';
register();
await import('./plugin-session.ts');
