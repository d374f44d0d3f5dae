// The data half of `luoshi check`: load case data, progress and staffing, evaluate every plan that
// compiled, print the report. Files → loaders → engine → report → terminal / JSON / Markdown / JUnit.
import type { CompileResult } from '../../engine/check/compile.js';
import type { Diagnostic } from '../../engine/diagnostics/diagnostic.js';
import { defaultWorkers, evaluatePlanParallel } from '../parallel.js';
import { evaluateWithPlugins } from '../plugin-worker.js';
import { reportFails, type PlanReport } from '../../engine/report/model.js';
import { formatDiagnosticText, summaryLine, type Lang } from '../../engine/report/diagnostics-format.js';
import { parseIsoDay } from '../../engine/time/calendar.js';
import { loadCases, loadProgress, loadStaffing } from '../loaders/index.js';
import { EXIT_CANNOT_RUN, EXIT_FAILED, EXIT_OK, UsageError, type CliIO } from '../io.js';
import type { PluginSession } from '../plugins/session.js';

export interface EvaluatePart {
  files: string[];
  results: CompileResult[];
  diagnostics: Diagnostic[];
  /** Errors in the plans (evaluation needs none). */
  errors: number;
  warnings: number;
  /** Errors about plugins (reported with the diagnostics; the run fails, the evaluation goes on). */
  pluginErrors?: number;
  values: { data?: string[]; progress?: string[]; staffing?: string[]; 'as-of'?: string; quiet?: boolean; workers?: string };
  format: string;
  lang: Lang;
  io: CliIO;
  /** The plugins: data importers, functions and calendar for the evaluation, report formats. */
  session: PluginSession;
}

export async function evaluateCommandPart(p: EvaluatePart): Promise<number> {
  const { io, lang, session } = p;
  if (p.values['as-of'] !== undefined && parseIsoDay(p.values['as-of']) === null) {
    throw new UsageError(`--as-of 应为有效日期 YYYY-MM-DD / --as-of must be a valid date YYYY-MM-DD, not "${p.values['as-of']}"`);
  }
  if (p.errors > 0) {
    for (const d of p.diagnostics) io.stderr(formatDiagnosticText(d, lang, io.isTTY) + '\n');
    io.stderr(summaryLine(p.files.length, p.errors + (p.pluginErrors ?? 0), p.warnings, lang) + '\n');
    io.stderr(lang === 'zh' ? '计划有错误，未评估数据\n' : 'the plans have errors; data not evaluated\n');
    return EXIT_FAILED;
  }
  const importers = session.importers();
  const cases = await loadCases(p.values.data ?? [], { cwd: io.cwd, importers });
  const progress = p.values.progress?.length ? await loadProgress(p.values.progress, { cwd: io.cwd, importers }) : null;
  const staffing = p.values.staffing?.length ? await loadStaffing(p.values.staffing, { cwd: io.cwd, importers }) : null;
  const problems = [...cases.problems, ...(progress?.problems ?? []), ...(staffing?.problems ?? [])];
  if (cases.stats.read === 0 && cases.stats.files.length === 0) throw new UsageError('没有找到案件数据文件 / no case data files found');
  const workers = parseWorkers(p.values.workers);
  const reports: PlanReport[] = [];
  for (const r of p.results) {
    const asOf = p.values['as-of'] ?? r.ir.plan.period?.to;
    if (!asOf) throw new UsageError(`${r.files.at(-1)?.path}: 计划没有期间，请用 --as-of 指定日期 / the plan has no period: give --as-of`);
    const hooks = await session.evalHooks(r.ir, { here: false });
    const input = {
      ir: r.ir, store: cases.store, asOf, progress: progress?.records ?? [], staffing: staffing?.records ?? [],
      data: {
        read: cases.stats.read, accepted: cases.stats.accepted, rejected: cases.stats.rejected, warnings: cases.stats.warnings,
        problems: problems.slice(0, 1000).map((x) => ({ file: x.file, line: x.line, ...(x.column !== undefined ? { column: x.column } : {}), field: x.field, code: x.code, severity: x.severity, message: lang === 'zh' ? x.message : x.messageEn })),
      },
    };
    if (hooks.inProcessOnly) {
      // Plugin code (functions, a calendar): in one watched worker thread that stops it if a call never returns.
      const got = await evaluateWithPlugins(input, session);
      for (const d of got.diagnostics) session.host.addDiagnostic(d);
      reports.push(got.value);
    } else {
      reports.push(await evaluatePlanParallel({ ...input, functions: hooks.functions }, workers));
    }
  }
  // What plugins reported while loading data or evaluating (a function that threw, an importer that hung).
  const troubles = session.takeDiagnostics();
  for (const d of troubles) io.stderr(formatDiagnosticText(d, lang, io.isTTY) + '\n');
  if (p.format === 'text') {
    for (const d of p.diagnostics) if (!p.values.quiet && d.severity !== 'info') io.stderr(formatDiagnosticText(d, lang, io.isTTY) + '\n');
    for (const x of problems.slice(0, 20)) io.stderr(`${x.file}:${x.line}${x.column !== undefined ? `:${x.column}` : ''}: ${x.severity} ${x.code} [${x.field}]: ${lang === 'zh' ? x.message : x.messageEn}\n`);
    if (problems.length > 20) io.stderr(lang === 'zh' ? `… 另有 ${problems.length - 20} 条数据问题（--format json 列出全部）\n` : `… ${problems.length - 20} more data problems (--format json lists them)\n`);
  }
  const text = await session.render(p.format, { kind: 'report', reports }, { lang, color: io.isTTY, quiet: p.values.quiet === true });
  if (text === null) {
    for (const d of session.takeDiagnostics()) io.stderr(formatDiagnosticText(d, lang, io.isTTY) + '\n');
    return EXIT_CANNOT_RUN;
  }
  io.stdout(text);
  return reports.some(reportFails) || (p.pluginErrors ?? 0) > 0 || troubles.some((d) => d.severity === 'error') ? EXIT_FAILED : EXIT_OK;
}

/** `--workers N`: worker threads for evaluation (default: the machine's cores; 1 = in this thread). */
export function parseWorkers(v: string | undefined): number {
  if (v === undefined) return defaultWorkers();
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 256) throw new UsageError(`--workers 应为 1–256 的整数 / --workers must be a whole number from 1 to 256, not "${v}"`);
  return n;
}
