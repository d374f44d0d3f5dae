// The tool version is the engine's (src/engine/version.ts).
export { VERSION } from '../engine/version.js';
