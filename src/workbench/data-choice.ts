// Which data goes with a plan. In order: the user's own choice in the data picker (remembered per plan);
// the data that luoshi.config.yaml's `data:` names for the plan (the configuration governing it, as the
// server hands it over with workspace paths); else a guess, only when it cannot be mistaken — the one
// case file in the plan's own folder — which the page marks as guessed until the user picks data. A file
// that merely shares the plan's name (`ningbo-2018-dirty.ndjson`) is never picked by its name. No DOM here
// (tested in vitest); the choice remembered per plan is in data-pick.ts.
import { isGlob, matchesAny } from '../engine/data/plan-data.js';
import { governing } from '../engine/plugins/governing.js';
import type { DataSelection, PlanDataRule } from '../workers/protocol.js';

/** A workspace file as the page lists it (src/workbench/state.ts FileEntry). */
export interface DataFile {
  path: string;
  kind: string;
}

/** Where the data in use came from; 'guessed' and 'generated' show a banner until the user picks data. */
export type DataOrigin = 'chosen' | 'database' | 'configured' | 'guessed' | 'generated' | 'none';

/** The selection that stands for the server's database source (no workspace file has this name). */
export const DATABASE_SELECTION = 'database:';

export interface DataChoice {
  selection: DataSelection;
  origin: DataOrigin;
}

/** What the page knows of a configuration: the folder it governs and its data rules (workspace globs). */
export interface DataConfig {
  file: string;
  scope: string;
  data?: PlanDataRule[] | undefined;
}

const NONE: DataSelection = { cases: [], progress: [], staffing: [] };

const folderOf = (p: string): string => p.slice(0, Math.max(0, p.lastIndexOf('/')));

const DATA_KINDS: ReadonlySet<string> = new Set(['cases', 'progress', 'staffing']);

/** The data the governing configuration names for `plan`, or null when it names none. */
export function configuredData(
  plan: string,
  configs: readonly DataConfig[],
  files: readonly DataFile[],
): DataSelection | null {
  const rule = governing(configs, plan)?.data?.find((r) => matchesAny(r.plans, plan));
  if (!rule) return null;
  // A file named as such is taken whatever its name says; a glob takes the files of its kind only.
  const of = (kind: 'cases' | 'progress' | 'staffing'): string[] =>
    files
      .filter(
        (f) =>
          DATA_KINDS.has(f.kind) &&
          (rule[kind].includes(f.path) || (f.kind === kind && matchesAny(rule[kind].filter(isGlob), f.path))),
      )
      .map((f) => f.path);
  return { cases: of('cases'), progress: of('progress'), staffing: of('staffing') };
}

/** The one case file in the plan's own folder, with the progress and staffing beside it; none when there are several. */
export function guessData(plan: string, files: readonly DataFile[]): DataSelection {
  const beside = (kind: string): string[] =>
    files.filter((f) => f.kind === kind && folderOf(f.path) === folderOf(plan)).map((f) => f.path);
  const cases = beside('cases');
  return cases.length === 1 ? { cases, progress: beside('progress'), staffing: beside('staffing') } : NONE;
}

/** The data for `plan`: the remembered choice, the server's database source, the configured data, a guess, or none. */
export function pickData(
  plan: string,
  files: readonly DataFile[],
  configs: readonly DataConfig[],
  remembered: DataSelection | null,
  database = false,
): DataChoice {
  if (remembered) return { selection: remembered, origin: 'chosen' };
  if (database) return { selection: { cases: [DATABASE_SELECTION], progress: [], staffing: [] }, origin: 'database' };
  const configured = configuredData(plan, configs, files);
  if (configured) return { selection: configured, origin: 'configured' };
  const guess = guessData(plan, files);
  return { selection: guess, origin: guess.cases.length ? 'guessed' : 'none' };
}

/** The banner for data the user has not chosen: guessed or generated (null: no banner); `short` for the status bar. */
export function dataBanner(origin: DataOrigin): { zh: string; en: string; shortZh: string; shortEn: string } | null {
  if (origin === 'generated') {
    return {
      zh: '示例数据（生成的），不是本院数据：请选择数据',
      en: "generated example data, not a court's: pick data",
      shortZh: '示例数据',
      shortEn: 'example data',
    };
  }
  if (origin === 'guessed') {
    return {
      zh: '猜测的数据（方案旁唯一的案件文件）：请选择数据，或在 luoshi.config.yaml 的 data: 中指定',
      en: 'guessed data (the one case file beside the plan): pick data, or name it in data: of luoshi.config.yaml',
      shortZh: '猜测的数据',
      shortEn: 'guessed data',
    };
  }
  return null;
}
