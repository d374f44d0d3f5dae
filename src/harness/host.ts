// The compiler host for Node: files from disk, imports relative to the importing file, the standard
// library from this package's policies/std/.
import { closeSync, constants, fstatSync, openSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CompilerHost } from '../engine/check/compile.js';
import { fileRefusal, importRefusal } from './import-bounds.js';
import { peopleSources } from './people.js';
import { readPeopleFile } from '../engine/check/people-read.js';
import { UsageError } from './io.js';

/** The package root (works from src/ under tsx and from dist/ after the build). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const STD_DIR = join(PACKAGE_ROOT, 'policies', 'std');

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Reads a text file as UTF-8; invalid bytes become U+FFFD, which the parser reports (E0004). Null for
 * what is not a regular file: opened without blocking (a FIFO) and checked before a byte is read.
 */
export function readText(path: string): string | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch {
    return null;
  }
  try {
    return fstatSync(fd).isFile() ? utf8.decode(readFileSync(fd)) : null;
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * The files a command's path arguments name (absolute): a folder becomes `inFolder(folder)`, a file
 * `onFile(file, as given)`. A path that does not exist is a usage error naming it.
 */
export function expandPaths(
  paths: readonly string[],
  cwd: string,
  inFolder: (dir: string) => string[],
  onFile: (abs: string, given: string) => string = (abs) => abs,
): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new UsageError(`找不到文件或目录 / no such file or folder: ${p}`);
    }
    if (st.isDirectory()) out.push(...inFolder(abs));
    else out.push(onFile(abs, p));
  }
  return out;
}

export function listPlanFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (name.endsWith('.plan')) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Paths in diagnostics are shown relative to the working directory, with forward slashes. */
export function displayPath(cwd: string, p: string): string {
  const r = relative(cwd, p);
  return (r.startsWith('..') ? p : r).split(sep).join('/');
}

/** `show` names files in the compilation (default: relative to `cwd`; the language server uses absolute paths). */
export function nodeHost(cwd: string, show: (abs: string) => string = (p) => displayPath(cwd, p)): CompilerHost {
  return {
    readFile: (p) => readText(resolve(cwd, p)),
    resolveImport: (from, spec) => {
      if (spec.startsWith('std/')) return show(join(STD_DIR, spec.slice(4)));
      return show(resolve(cwd, dirname(from), spec));
    },
    libraryFiles: (name) => (name === 'std' ? listPlanFiles(STD_DIR).map(show) : null),
    // Imports stay inside the workspace (./import-bounds.ts); a plan named on the command line is the user's choice.
    refuse: (p, from) =>
      from === null
        ? fileRefusal(resolve(cwd, p), null)
        : importRefusal(resolve(cwd, p), resolve(cwd, from), STD_DIR, show),
    // The people file the configuration names for the plan fills its per-court roles (docs/data.md).
    people: (entry) => peopleSources(resolve(cwd, entry), readText, show).map(readPeopleFile),
  };
}
