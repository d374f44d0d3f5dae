// Import paths of hosts that hold the workspace's files by workspace path (the workbench's engine, tests):
// an import that is absolute or climbs above the workspace's top folder names nothing they may read.
import type { Refusal } from './compile.js';

/** `spec`, imported from the workspace path `from`, is absolute or climbs above the workspace's top folder. */
export function leavesWorkspace(from: string, spec: string): boolean {
  if (spec.startsWith('/') || spec.startsWith('\\') || /^[A-Za-z]:/.test(spec)) return true;
  let depth = from.split('/').length - 1;
  for (const p of spec.split('/')) {
    if (p === '..') {
      if (--depth < 0) return true;
    } else if (p !== '' && p !== '.') depth++;
  }
  return false;
}

/** E0216's reason for such an import. */
export const OUTSIDE_WORKSPACE: Refusal = { reason: '在工作区之外', reasonEn: 'outside the workspace' };
