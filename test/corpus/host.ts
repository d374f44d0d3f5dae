// An in-memory CompilerHost for tests: plan files come from a Map, imports join paths (POSIX), and the
// standard library is the real policies/std/*.plan, read from disk once.
import { leavesWorkspace, OUTSIDE_WORKSPACE } from '../../src/engine/check/import-paths.js';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompilerHost } from '../../src/engine/check/compile.js';
import { readPeopleFile } from '../../src/engine/check/people-read.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const STD_DIR = join(ROOT, 'policies', 'std');

let stdCache: Map<string, string> | null = null;

/** The standard library's files, keyed `std/NAME.plan`. */
export function stdFiles(): Map<string, string> {
  if (!stdCache) {
    stdCache = new Map();
    for (const name of readdirSync(STD_DIR).sort()) {
      if (name.endsWith('.plan')) stdCache.set(`std/${name}`, readFileSync(join(STD_DIR, name), 'utf8'));
    }
  }
  return stdCache;
}

export function memoryHost(files: Map<string, string> | Record<string, string>): CompilerHost {
  const map = files instanceof Map ? new Map(files) : new Map(Object.entries(files));
  for (const [k, v] of stdFiles()) if (!map.has(k)) map.set(k, v);
  return {
    readFile: (p) => map.get(p) ?? null,
    resolveImport: (from, spec) =>
      spec.startsWith('std/') || leavesWorkspace(from, spec)
        ? spec
        : posix.normalize(posix.join(posix.dirname(from), spec)),
    libraryFiles: (name) => (name === 'std' ? [...stdFiles().keys()] : null),
    // As the workbench's engine: nothing outside the files given.
    refuse: (p, from) => (from !== null && leavesWorkspace('', p) ? OUTSIDE_WORKSPACE : null),
    // A case's people file is NAME.people.csv or NAME.people.yaml beside it (as a configuration would name it).
    people: (entry) =>
      ['.people.csv', '.people.yaml']
        .map((ext) => entry.replace(/\.plan$/, ext))
        .filter((p) => map.has(p))
        .map((p) => readPeopleFile({ path: p, text: map.get(p)! })),
  };
}
