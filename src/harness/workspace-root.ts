// The workspace root of a path: the nearest folder at or above it that holds luoshi.config.yaml (.yml) or
// .git. Configuration lookup (CLI and server) and plan imports never reach above it. A path with no such
// folder above it is its own workspace: its folder (a file's) or itself (a folder's).
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE_NAMES } from '../engine/plugins/config.js';

/** What marks a workspace root: a configuration file, or a repository (`.git`: a folder, or a file in a worktree). */
export const ROOT_MARKERS: readonly string[] = [...CONFIG_FILE_NAMES, '.git'];

/** The folder a path stands for: itself when it is a folder, else its parent (also for a path that does not exist). */
export function folderOf(path: string): string {
  const abs = resolve(path);
  try {
    return statSync(abs).isDirectory() ? abs : dirname(abs);
  } catch {
    return dirname(abs);
  }
}

/** The workspace root of `path` (absolute). */
export function workspaceRoot(path: string): string {
  const start = folderOf(path);
  for (let d = start; ; d = dirname(d)) {
    if (ROOT_MARKERS.some((m) => existsSync(join(d, m)))) return d;
    if (dirname(d) === d) return start;
  }
}

/** The configuration file governing `path`: luoshi.config.yaml (else .yml) in its workspace root, or null. */
export function findConfig(path: string): string | null {
  const root = workspaceRoot(path);
  for (const n of CONFIG_FILE_NAMES) {
    const p = join(root, n);
    if (existsSync(p)) return p;
  }
  return null;
}
