// The people files (人员名单) luoshi.config.yaml names for a plan (`data:` → `people:`, paths relative to the
// configuration), read for the compiler (src/engine/check/people-read.ts parses them, people-file.ts applies
// them). The configuration is the one governing the plan's folder (its workspace root); an unreadable one
// names none.
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import type { PeopleSource } from '../engine/check/people-file.js';
import { isGlob, ruleFor } from '../engine/data/plan-data.js';
import { parseConfig } from '../engine/plugins/config.js';
import { findConfig } from './workspace-root.js';

const posixOf = (p: string): string => p.split(sep).join('/');

/**
 * The people files for the plan at `planAbs`: each as `show` names it, with its text (null when it cannot
 * be read, which the compiler reports as E0220). `read` reads a text file (null: not a readable file).
 */
export function peopleSources(
  planAbs: string,
  read: (abs: string) => string | null,
  show: (abs: string) => string,
): PeopleSource[] {
  const configAbs = findConfig(dirname(planAbs));
  if (configAbs === null) return [];
  let rules;
  try {
    rules = parseConfig(readFileSync(configAbs, 'utf8'), configAbs).config.data;
  } catch {
    return [];
  }
  const rule = ruleFor(rules, posixOf(relative(dirname(configAbs), planAbs)));
  // A people file is named as such: a glob would let a stray file change who is responsible.
  return (rule?.people ?? []).map((p) => {
    const abs = resolve(dirname(configAbs), p);
    if (isGlob(p))
      return {
        path: show(abs),
        text: null,
        why: { zh: `people: 须写出文件名，不能用通配符（${p}）`, en: `people: name the file, not a glob (${p})` },
      };
    return { path: show(abs), text: read(abs) };
  });
}
