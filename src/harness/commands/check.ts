// `luoshi check FILES…`: compile and lint plans; with `--data`, evaluate them as of a date.
import { parseArgs } from 'node:util';
import { compile, type CompileOptions, type CompileResult } from '../../engine/check/compile.js';
import { compareDiagnostics, type Diagnostic } from '../../engine/diagnostics/diagnostic.js';
import { formatDiagnosticText, type Lang } from '../../engine/report/diagnostics-format.js';
import { displayPath, expandPaths, listPlanFiles, nodeHost } from '../host.js';
import { EXIT_CANNOT_RUN, EXIT_FAILED, EXIT_OK, UsageError, type CliIO } from '../io.js';
import { VERSION } from '../version.js';
import { SNAPSHOT_OPTIONS, type SnapshotValues } from './snapshot-options.js';
import { THREADS_OPTIONS } from './threads-option.js';
import { checkFormat, openPluginSession, skippedNote, type PluginSession } from '../plugins/session.js';
import { metricsHelp, METRICS_OPTION, metricsRecorder, withMetrics } from '../metrics.js';
import type { Metrics } from '../../engine/pipeline/metrics.js';

export const CHECK_HELP = `luoshi check PLAN… [options]

  Compiles and lints plan files (a folder means every .plan file in it).
  With --data, also evaluates each plan against case data as of a date.

  --format text|json|sarif|md|junit   output (default text); plugins may add formats
  --format bulletin|bulletin-md|bulletin-html|bulletin-csv   with --data: the 通报 overview, courts ×
                                      targets (text, Markdown, a self-contained HTML page, or CSV)
  --lang zh|en                        message language (default zh)
  --data PATH                         case data files or folders (repeatable); a folder gives the files
                                      luoshi.config.yaml's data: names for the plan, else all its case files
  --progress PATH                     progress reports (repeatable)
  --staffing PATH                     staffing data (repeatable)
  --as-of YYYY-MM-DD                  the as-of date (default: the plan's period end)
  --threads N                         worker threads that load and evaluate the data (default: the machine's
                                      cores for 100,000 cases or 64 MB of NDJSON and more; 1 = no workers)
  --engine memory|duckdb              who computes the figures: the in-memory engine (default), or the plan
                                      compiled to SQL and run in embedded DuckDB over the same files, NDJSON
                                      case files read by DuckDB itself (docs/sql.md)
  --db postgres://…                   the figures computed by a PostgreSQL-family server: the files' records
                                      in the session's temporary tables (nothing is written to its tables);
                                      without --data, the data is the database's own tables (luoshi db load;
                                      also --db duckdb:FILE)
  --max-rejected N|P%                 rejection budget: records rejected plus cases of courts the plan
                                      does not name (default 0; also maxRejected in luoshi.config.yaml)
  --quiet                             only errors
  --no-cache                          read the data files afresh: no snapshot of them is read or written
  --cache-dir DIR                     where data snapshots are kept (default $LUOSHI_CACHE_DIR, else
                                      $XDG_CACHE_HOME/luoshi, else ~/.cache/luoshi; docs/data.md)
${metricsHelp(38)}
  --config PATH                       plugin configuration (default: luoshi.config.yaml from the plan's folder
                                      up to its workspace root: the nearest folder with it or with .git)
  --no-config                         no configuration: built-in plugins only
  --no-plugins                        read the configuration but load none of its plugins (built-in only)

  exit 0: no errors · 1: errors, a due target missed / a rule failed, or the data over the rejection
  budget · 2: could not run (also: a data file cannot be read, or no case record accepted)`;

/** Expands folders into their .plan files; a missing path is a usage error. */
export function expandPlanPaths(paths: string[], cwd: string): string[] {
  const shown = (f: string): string => displayPath(cwd, f);
  const out = expandPaths(paths, cwd, (dir) =>
    listPlanFiles(dir).filter((f) => !shown(f).includes('/std/') && !shown(f).startsWith('std/')),
  ).map(shown);
  if (out.length === 0) throw new UsageError('没有要检查的计划文件 / no plan files to check');
  return out;
}

export function compilePlans(files: string[], cwd: string, options: CompileOptions = {}): CompileResult[] {
  const host = nodeHost(cwd);
  return files.map((f) => compile(f, host, options));
}

/** The options of every command that loads plugins. */
export const PLUGIN_OPTIONS = {
  config: { type: 'string' },
  'no-config': { type: 'boolean' },
  'no-plugins': { type: 'boolean' },
} as const;

export interface PluginValues {
  config?: string | undefined;
  'no-config'?: boolean | undefined;
  'no-plugins'?: boolean | undefined;
}

/**
 * Opens the plugins for a command (`--config`, `--no-config`, `--no-plugins`); the paths it works on locate
 * the configuration. With `--no-plugins`, says on stderr which listed plugins were not loaded.
 */
export async function pluginSession(values: PluginValues, from: readonly string[], io: CliIO): Promise<PluginSession> {
  const session = await openPluginSession({
    cwd: io.cwd,
    from,
    ...(values.config !== undefined ? { configPath: values.config } : {}),
    noConfig: values['no-config'] === true,
    noPlugins: values['no-plugins'] === true,
  });
  const note = skippedNote(session);
  if (note) io.stderr(note);
  return session;
}

/** Compiles, then runs the plugins' lints on each plan that compiled cleanly (their findings join its diagnostics). */
export async function compileAndLint(
  files: string[],
  cwd: string,
  session: PluginSession,
  metrics?: Metrics,
): Promise<CompileResult[]> {
  const results = compilePlans(files, cwd, { ...session.compileOptions(), ...(metrics ? { metrics } : {}) });
  for (let k = 0; k < results.length; k++) {
    const r = results[k]!;
    const found = await session.lint(r, files[k]!);
    if (!found.length) continue;
    const diagnostics = [...r.diagnostics, ...found].sort(compareDiagnostics);
    results[k] = {
      ...r,
      diagnostics,
      errorCount: diagnostics.filter((d) => d.severity === 'error').length,
      warningCount: diagnostics.filter((d) => d.severity === 'warning').length,
    };
  }
  return results;
}

export function lang(v: string | undefined): Lang {
  if (v === undefined || v === 'zh') return 'zh';
  if (v === 'en') return 'en';
  throw new UsageError(`--lang 只能是 zh 或 en / --lang must be zh or en, not "${v}"`);
}

export async function checkCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', default: 'text' },
      lang: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      data: { type: 'string', multiple: true },
      progress: { type: 'string', multiple: true },
      staffing: { type: 'string', multiple: true },
      'as-of': { type: 'string' },
      ...THREADS_OPTIONS,
      help: { type: 'boolean', short: 'h' },
      ...PLUGIN_OPTIONS,
      'max-rejected': { type: 'string' },
      engine: { type: 'string' },
      db: { type: 'string' },
      ...SNAPSHOT_OPTIONS,
      ...METRICS_OPTION,
    },
  });
  if (values.help) {
    io.stdout(CHECK_HELP + '\n');
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError('用法 / usage: luoshi check PLAN… (luoshi check --help)');
  const l = lang(values.lang);
  const format = values.format!;
  // --db without --data: the data is the database's own tables (luoshi db load).
  const withData = Boolean((values.data && values.data.length > 0) || values.db);
  const session = await pluginSession(values, positionals, io);
  try {
    return await check(session, positionals, values, format, withData, l, io);
  } finally {
    await session.dispose();
  }
}

async function check(
  session: PluginSession,
  positionals: string[],
  values: CheckValues,
  format: string,
  withData: boolean,
  l: Lang,
  io: CliIO,
): Promise<number> {
  checkFormat(
    session,
    format,
    withData ? 'report' : 'diagnostics',
    withData && format === 'sarif'
      ? '--format sarif 只用于编译诊断 / sarif is for diagnostics only; use json, md or junit with --data'
      : undefined,
  );
  const files = expandPlanPaths(positionals, io.cwd);
  const metrics = metricsRecorder(values.metrics);
  const results = await compileAndLint(files, io.cwd, session, metrics);
  const fromPlugins = session.takeDiagnostics();
  const all: Diagnostic[] = [...fromPlugins];
  const seen = new Set<string>();
  for (const r of results)
    for (const d of r.diagnostics) {
      const k = `${d.file}:${d.range.start.offset}:${d.code}:${d.message}`;
      if (!seen.has(k)) {
        seen.add(k);
        all.push(d);
      }
    }
  all.sort(compareDiagnostics);
  const errors = all.filter((d) => d.severity === 'error').length;
  const warnings = all.filter((d) => d.severity === 'warning').length;

  if (withData) {
    const { evaluateCommandPart } = await import('./evaluate.js');
    // A broken plugin is reported (and fails the run) but does not stop the evaluation of sound plans.
    const pluginErrors = fromPlugins.filter((d) => d.severity === 'error').length;
    return evaluateCommandPart({
      files,
      results,
      diagnostics: all,
      errors: errors - pluginErrors,
      warnings,
      pluginErrors,
      values,
      format,
      lang: l,
      io,
      session,
      ...(metrics ? { metrics } : {}),
    });
  }

  const text = await session.render(
    format,
    { kind: 'diagnostics', diagnostics: all, files, errors, warnings, version: VERSION },
    { lang: l, color: io.isTTY, quiet: values.quiet === true },
  );
  if (text === null) return renderFailed(session, l, io);
  io.stdout(withMetrics(text, format, metrics, l, io));
  return errors > 0 ? EXIT_FAILED : EXIT_OK;
}

interface CheckValues extends SnapshotValues {
  data?: string[] | undefined;
  progress?: string[] | undefined;
  staffing?: string[] | undefined;
  'as-of'?: string | undefined;
  quiet?: boolean | undefined;
  workers?: string | undefined;
  threads?: string | undefined;
  'max-rejected'?: string | undefined;
  engine?: string | undefined;
  db?: string | undefined;
  metrics?: boolean | undefined;
}

/** A format plugin failed: its diagnostics, and exit 2 (no output could be made). */
export function renderFailed(session: PluginSession, l: Lang, io: CliIO): number {
  for (const d of session.takeDiagnostics()) io.stderr(formatDiagnosticText(d, l, io.isTTY) + '\n');
  return EXIT_CANNOT_RUN;
}
