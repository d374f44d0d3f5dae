// Which data files a command loads for a plan. A file given with --data/--progress/--staffing is loaded as
// given. A folder is narrowed to the files that luoshi.config.yaml's `data:` names for the plan
// (engine/data/plan-data.ts); the configured progress and staffing files in the --data folders are loaded
// too when --progress/--staffing are not given. Without a rule for the plan, a folder loads every case
// file in it (as listDataFiles does) and a warning lists them, so data meant for another plan is seen.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isGlob, matchesAny, rootedRule, ruleFor, type DataFiles, type DataRule } from '../engine/data/plan-data.js';
import type { RecordKind } from '../engine/data/tabular.js';
import { parseConfig } from '../engine/plugins/config.js';
import { inLang, type Bilingual, type Lang } from '../engine/lang.js';
import { displayPath } from './host.js';
import { UsageError } from './io.js';
import { findConfig } from './plugins/session.js';
import { kindOf } from './serve/workspace.js';
import { formatOf, listDataFiles, type DataImporters } from './loaders/index.js';

/** The configuration a command runs with: its file (as shown, relative to cwd) and its `data:` rules. */
export interface DataConfig {
  file: string | null;
  data?: DataRule[] | undefined;
}

export interface DataArgs {
  data?: string[] | undefined;
  progress?: string[] | undefined;
  staffing?: string[] | undefined;
}

/** A warning for the terminal, in both languages. */
export type DataNote = Bilingual;

export interface PlanData extends DataFiles {
  notes: DataNote[];
}

const posixOf = (p: string): string => p.split(sep).join('/');
const MAX_WALK = 20_000;

/** Every file under `dir` (dot-files and node_modules skipped), as paths relative to it, sorted. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const name of names) {
      if (out.length >= MAX_WALK || name.startsWith('.') || name === 'node_modules') continue;
      const abs = join(d, name);
      let st;
      try {
        st = statSync(abs);
      } catch {
        continue;
      }
      const r = rel ? `${rel}/${name}` : name;
      if (st.isDirectory()) {
        if (depth < 12) walk(abs, r, depth + 1);
      } else if (st.isFile()) out.push(r);
    }
  };
  walk(dir, '', 0);
  return out;
}

const isFolder = (abs: string): boolean => {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
};

const KIND_ZH: Record<RecordKind, string> = { cases: '案件', progress: '进度', staffing: '人员' };

/** The data files for `plan` (a path relative to cwd) from the command's arguments and the configuration. */
export function dataForPlan(
  plan: string,
  args: DataArgs,
  cwd: string,
  config: DataConfig,
  importers?: DataImporters,
): PlanData {
  const configDir = config.file === null ? null : dirname(resolve(cwd, config.file));
  const rule = configDir === null ? null : ruleFor(config.data, posixOf(relative(configDir, resolve(cwd, plan))));
  const globs = rule && configDir !== null ? rootedRule(rule, posixOf(configDir)) : null;
  const notes: DataNote[] = [];
  const where = `${config.file ?? 'luoshi.config.yaml'}${rule ? `:${rule.line + 1}` : ''}`;

  /** The files of `kind` the configuration names under folder `p` (as the user spelled it). */
  const configured = (p: string, kind: RecordKind): string[] => {
    const abs = resolve(cwd, p);
    const patterns = globs![kind];
    const readable = (f: string): boolean => (importers ? importers.match(f, kind) !== null : formatOf(f) !== null);
    // A file named as such is taken whatever its name says; a glob takes the files of its kind only
    // (never configuration or CI files, see kindOf).
    const literal = new Set(patterns.filter((g) => !isGlob(g)));
    const globbed = patterns.filter(isGlob);
    return filesUnder(abs)
      .filter((f) => {
        const full = posixOf(join(abs, f));
        return readable(f) && (literal.has(full) || (kindOf(f) === kind && matchesAny(globbed, full)));
      })
      .map((f) => join(p, f));
  };

  const pick = (paths: readonly string[], kind: RecordKind): string[] => {
    const out: string[] = [];
    for (const p of paths) {
      if (!isFolder(resolve(cwd, p))) {
        out.push(...listDataFiles([p], kind, cwd, importers));
        continue;
      }
      if (globs?.[kind].length) {
        const found = configured(p, kind);
        if (!found.length) {
          throw new UsageError(
            `${where}: 为 ${plan} 配置的${KIND_ZH[kind]}数据（${rule![kind].join(', ')}）不在 ${p} 中 / the ${kind} data configured for ${plan} (${rule![kind].join(', ')}) is not in ${p}`,
          );
        }
        out.push(...found);
        continue;
      }
      const all = listDataFiles([p], kind, cwd, importers);
      if (kind === 'cases') {
        notes.push({
          zh: `注意：配置没有为 ${plan} 指定数据（luoshi.config.yaml 的 data:），载入 ${p} 中全部 ${all.length} 个案件文件：${all.join(', ')}`,
          en: `note: no data configured for ${plan} (data: in luoshi.config.yaml); loading all ${all.length} case files in ${p}: ${all.join(', ')}`,
        });
      }
      out.push(...all);
    }
    return [...new Set(out)];
  };

  const folders = (args.data ?? []).filter((p) => isFolder(resolve(cwd, p)));
  // Progress and staffing the configuration names, from the --data folders, when not given on their own.
  const implied = (kind: 'progress' | 'staffing'): string[] =>
    globs?.[kind].length ? [...new Set(folders.flatMap((p) => configured(p, kind)))] : [];
  return {
    cases: pick(args.data ?? [], 'cases'),
    progress: args.progress?.length ? pick(args.progress, 'progress') : implied('progress'),
    staffing: args.staffing?.length ? pick(args.staffing, 'staffing') : implied('staffing'),
    notes,
  };
}

/** The configuration above `plan` (for commands without plugins); an unreadable one names no data. */
export function findDataConfig(cwd: string, plan: string): DataConfig {
  const abs = findConfig(dirname(resolve(cwd, plan)));
  if (abs === null) return { file: null };
  const file = displayPath(cwd, abs);
  try {
    return { file, data: parseConfig(readFileSync(abs, 'utf8'), file).config.data };
  } catch {
    return { file };
  }
}

/** Prints a plan's data notes on stderr, in the run's language. */
export function printNotes(notes: readonly DataNote[], lang: Lang, stderr: (s: string) => void): void {
  for (const n of new Set(notes.map((x) => inLang(x, lang)))) stderr(n + '\n');
}
