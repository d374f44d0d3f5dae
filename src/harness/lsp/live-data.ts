// Data attached to the language server for live values: case data (and progress, staffing) loaded as
// `luoshi check --data` loads them, and the open plans evaluated over it — hover shows an indicator's
// figures, code lenses each target's and task's status.
import type { CompileResult } from '../../engine/check/compile.js';
import type { CaseStore } from '../../engine/data/store.js';
import type { ProgressReport, StaffingRecord } from '../../engine/data/record.js';
import { evaluatePlan } from '../../engine/eval/evaluate.js';
import type { PlanReport } from '../../engine/report/model.js';
import { parseIsoDay } from '../../engine/time/calendar.js';
import { bothLangs } from '../../engine/lang.js';
import { loadCases, loadProgress, loadStaffing } from '../loaders/index.js';
import { evaluateWithPlugins } from '../plugin-worker.js';
import type { PluginSession } from '../plugins/session.js';

/** `luoshi/attachData`'s parameters (also `initializationOptions.data`). Relative paths are from the workspace folder. */
export interface AttachDataParams {
  cases: string[];
  progress?: string[];
  staffing?: string[];
  asOf?: string;
}

export interface DataProblemLine {
  file: string;
  line: number;
  field: string;
  code: string;
  message: string;
  messageEn: string;
}

/** What was attached: every record counted, the rejected ones named (the first 100). */
export interface AttachDataResult {
  read: number;
  accepted: number;
  rejected: number;
  warnings: number;
  eventTypes: string[];
  problems: DataProblemLine[];
  asOf: string | null;
}

export interface LiveData {
  store: CaseStore;
  progress: ProgressReport[];
  staffing: StaffingRecord[];
  asOf: string | null;
  summary: AttachDataResult;
}

export class DataError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(bothLangs({ zh, en }));
  }
}

function paths(v: unknown, name: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    throw new DataError(`${name} 应为路径列表`, `${name} must be a list of paths`);
  return v as string[];
}

export async function loadLiveData(p: AttachDataParams, cwd: string, session: PluginSession): Promise<LiveData> {
  const cases = paths(p.cases, 'cases');
  if (!cases.length) throw new DataError('没有指定案件数据（cases）', 'no case data given (cases)');
  if (p.asOf !== undefined && parseIsoDay(p.asOf) === null)
    throw new DataError(
      `asOf 应为有效日期 YYYY-MM-DD，而不是“${p.asOf}”`,
      `asOf must be a valid date YYYY-MM-DD, not "${p.asOf}"`,
    );
  const importers = session.importers();
  let loaded;
  try {
    loaded = await loadCases(cases, { cwd, importers });
  } catch (e) {
    throw new DataError(
      `无法读取案件数据：${(e as Error).message}`,
      `cannot read the case data: ${(e as Error).message}`,
    );
  }
  if (loaded.stats.files.length === 0)
    throw new DataError(`没有找到案件数据文件：${cases.join('、')}`, `no case data files found: ${cases.join(', ')}`);
  const progress = paths(p.progress, 'progress').length
    ? await loadProgress(paths(p.progress, 'progress'), { cwd, importers })
    : null;
  const staffing = paths(p.staffing, 'staffing').length
    ? await loadStaffing(paths(p.staffing, 'staffing'), { cwd, importers })
    : null;
  const problems = [...loaded.problems, ...(progress?.problems ?? []), ...(staffing?.problems ?? [])];
  const s = loaded.stats;
  return {
    store: loaded.store,
    progress: progress?.records ?? [],
    staffing: staffing?.records ?? [],
    asOf: p.asOf ?? null,
    summary: {
      read: s.read,
      accepted: s.accepted,
      rejected: s.rejected,
      warnings: s.warnings,
      eventTypes: loaded.store.eventTypes.slice(),
      asOf: p.asOf ?? null,
      problems: problems.slice(0, 100).map((x) => ({
        file: x.file,
        line: x.line,
        field: x.field,
        code: x.code,
        message: x.message,
        messageEn: x.messageEn,
      })),
    },
  };
}

/** Evaluates one compiled plan over the attached data (null: it has errors, or no period and no asOf). */
export async function evaluateLive(
  r: CompileResult,
  data: LiveData,
  session: PluginSession,
): Promise<PlanReport | null> {
  const asOf = data.asOf ?? r.ir.plan.period?.to;
  if (r.errorCount > 0 || !asOf) return null;
  const hooks = await session.evalHooks(r.ir);
  const s = data.summary;
  const input = {
    ir: r.ir,
    store: data.store,
    asOf,
    progress: data.progress,
    staffing: data.staffing,
    data: { read: s.read, accepted: s.accepted, rejected: s.rejected, warnings: s.warnings, problems: [] },
  };
  // Plugin code runs in the watched worker thread, as for `luoshi check`.
  if (hooks.inProcessOnly) return (await evaluateWithPlugins(input, session)).value;
  return evaluatePlan({ ...input, functions: hooks.functions });
}
