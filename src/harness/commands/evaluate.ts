// The data half of `luoshi check`: load case data, progress and staffing, evaluate every plan that
// compiled, print the report. Files → loaders → engine → report → terminal / JSON / Markdown / JUnit.
// `evaluatePlans` is the part `luoshi report` and the server's documents share.
import type { CompileResult } from '../../engine/check/compile.js';
import type { Diagnostic } from '../../engine/diagnostics/diagnostic.js';
import type { DataProblem } from '../../engine/data/problems.js';
import { problemDigest, problemLine } from '../../engine/data/problem-digest.js';
import type { DataFiles } from '../../engine/data/plan-data.js';
import type { PlanIR } from '../../engine/ir/types.js';
import { CourtIdentityError, courtResolver, identityWarnings, type CourtOptions } from '../../engine/data/identity.js';
import { reportFails, type DataSource, type PlanReport } from '../../engine/report/model.js';
import { formatDiagnosticText, summaryLine, type Lang } from '../../engine/report/diagnostics-format.js';
import { parseIsoDay } from '../../engine/time/calendar.js';
import { evaluatePlanParallel } from '../parallel.js';
import { loadThreads, threadsOption } from './threads-option.js';
import { evaluateWithPlugins } from '../plugin-worker.js';
import { type loadCases, loadCaseSource, loadProgress, loadRecordSource, loadStaffing } from '../loaders/index.js';
import { openDatabaseUrl, safeUrl, type SqlDatabase } from '../sql/database.js';
import { evaluateInPlace, sourceSchema, validateInPlace } from '../sql/inplace.js';
import { TABLES } from '../../engine/sql/schema.js';
import { viewSchema } from '../../engine/sql/mapping.js';
import { databaseCases, databaseProgress, databaseStaffing, tableName, tablesPresent } from '../sql/source.js';
import { checkKeys, withKeyCheck } from '../sql/key-check.js';
import { validationCacheFor } from '../sql/validation-cache.js';
import { EXIT_CANNOT_RUN, EXIT_FAILED, EXIT_OK, UsageError, type CliIO } from '../io.js';
import type { PluginSession } from '../plugins/session.js';
import { dataForPlan, printNotes } from '../plan-data.js';
import { evaluateOnEngine, parseEngine } from '../sql/evaluate.js';
import { duckdbReadsFiles, loadCaseFiles } from '../sql/from-files.js';
import { snapshotOptions, type SnapshotValues } from './snapshot-options.js';
import type { SnapshotOptions } from '../loaders/snapshot.js';
import { budgetGate, dataGate, dataSources, DEFAULT_BUDGET, parseBudget } from './gate.js';
import type { Metrics } from '../../engine/pipeline/metrics.js';
import { withMetrics } from '../metrics.js';
import { BAR_FROM, progressCallback } from '../progress.js';

export interface PlanDataLoaded {
  cases: Awaited<ReturnType<typeof loadCases>>;
  progress: Awaited<ReturnType<typeof loadProgress>> | null;
  staffing: Awaited<ReturnType<typeof loadStaffing>> | null;
  problems: DataProblem[];
  /** Its files with their counts, as every report lists them. */
  sources: DataSource[];
}

export interface EvaluatePart {
  files: string[];
  results: CompileResult[];
  diagnostics: Diagnostic[];
  /** Errors in the plans (evaluation needs none). */
  errors: number;
  warnings: number;
  /** Errors about plugins (reported with the diagnostics; the run fails, the evaluation goes on). */
  pluginErrors?: number;
  values: {
    data?: string[];
    progress?: string[];
    staffing?: string[];
    'as-of'?: string;
    quiet?: boolean;
    workers?: string;
    threads?: string;
    'max-rejected'?: string;
    engine?: string;
    db?: string;
  } & SnapshotValues;
  format: string;
  lang: Lang;
  io: CliIO;
  /** The plugins: data importers, functions and calendar for the evaluation, report formats. */
  session: PluginSession;
  /** `--metrics`: the stages' times (loading and the in-memory engine's stages). */
  metrics?: Metrics;
}

/** What an evaluation of the compiled plans gives: a report per plan, the data's problems and sources. */
export interface Evaluated {
  reports: PlanReport[];
  problems: DataProblem[];
  /** Every data file read, with its counts (those of all plans, each once). */
  sources: DataSource[];
  /** The rejection budget's verdict: a line saying it was exceeded, or null. */
  over: string | null;
}

/** A loaded data set with its problems and its sources (each file or table with its counts), as reports list them. */
function dataSet(
  cases: PlanDataLoaded['cases'],
  progress: PlanDataLoaded['progress'],
  staffing: PlanDataLoaded['staffing'],
): PlanDataLoaded {
  const sources = dataSources([
    { kind: 'cases', stats: cases.stats },
    progress && { kind: 'progress', stats: progress.stats },
    staffing && { kind: 'staffing', stats: staffing.stats },
  ]);
  return {
    cases,
    progress,
    staffing,
    problems: [...cases.problems, ...(progress?.problems ?? []), ...(staffing?.problems ?? [])],
    sources,
  };
}

/** A database the figures are computed in, in place (`--db URL` without --data): its session and where its tables are. */
export interface InPlace {
  db: SqlDatabase;
  src: string;
  perCourt: Map<string, number>;
  /** How the user named it: --db, or --engine duckdb over files. */
  option?: string;
}

/**
 * The cases, progress reports and staffing of a database's canonical tables (luoshi db load) or of the views
 * over a court's own tables in `schema` (luoshi db map). With `into`, the cases are validated in place
 * (src/harness/sql/inplace.ts) and the session stays open for the evaluation (`into.session`; the caller
 * closes it); without, they are read and validated as a file's records (the workbench's data, luoshi serve).
 * `readOnly`: in a session that cannot write.
 */
export async function loadFromDatabase(
  url: string,
  lang: Lang,
  schema: string | undefined,
  readOnly = false,
  into?: { session?: InPlace },
  opts: { snapshot?: SnapshotOptions | undefined; metrics?: Metrics | undefined } = {},
): Promise<PlanDataLoaded> {
  const db = await openDatabaseUrl(url, { schema, readOnly });
  const name = (t: string): string => tableName(safeUrl(url), schema === undefined ? t : `${schema}.${t}`);
  try {
    const present = await tablesPresent(db, schema);
    const absent = TABLES.filter((t) => !present.includes(t));
    if (absent.length) throw new Error(lang === 'zh' ? `没有表 ${absent.join('、')}` : `no table ${absent.join(', ')}`);
    // A court's own tables (luoshi db map): their case keys checked at every run (../sql/key-check.ts).
    const keys = schema === undefined ? null : await checkKeys(db, schema, safeUrl(url), lang);
    const progress = await loadRecordSource('progress', name('progress'), databaseProgress(db));
    const staffing = await loadRecordSource('staffing', name('staffing'), databaseStaffing(db));
    if (!into) {
      const cases = await loadCaseSource(name('cases'), databaseCases(db));
      await db.close();
      return dataSet(withKeyCheck(cases, keys), progress, staffing);
    }
    const src = await sourceSchema(db);
    // A DuckDB file's validation is kept in the snapshots' folder (--no-cache: never).
    const cache = validationCacheFor(url, opts.snapshot?.dir);
    const { loaded, perCourt } = await validateInPlace(db, src, name('cases'), { cache, metrics: opts.metrics });
    into.session = { db, src, perCourt };
    return dataSet(withKeyCheck(loaded, keys), progress, staffing);
  } catch (e) {
    await db.close().catch(() => undefined);
    if (e instanceof UsageError) throw e;
    throw new UsageError(
      lang === 'zh'
        ? `无法读取数据库 ${safeUrl(url)} 的表：${(e as Error).message}（先运行 ${schema === undefined ? 'luoshi db init / db load' : 'luoshi db map'}）`
        : `cannot read the tables of ${safeUrl(url)}: ${(e as Error).message} (run ${schema === undefined ? 'luoshi db init / db load' : 'luoshi db map'} first)`,
    );
  }
}

/** A data set that cannot be used (a file unreadable, no case accepted): exit 2, its errors in the message. */
export class DataUnusableError extends UsageError {}

type EvaluateInputs = Pick<EvaluatePart, 'files' | 'values' | 'lang' | 'io' | 'session' | 'metrics'> & {
  results: ReadonlyArray<{ ir: PlanIR; files: ReadonlyArray<{ path: string }> }>;
};

/**
 * Loads each plan's data (--data, --progress, --staffing, narrowed by the configuration's `data:` rules;
 * one load per distinct set), refuses a set that cannot be used, and evaluates each compiled plan as of its
 * date with the configuration's court identity; the budget counts rejected records and cases of courts a
 * plan does not name.
 */
export async function evaluatePlans(p: EvaluateInputs): Promise<Evaluated> {
  const { io, lang, session, metrics } = p;
  const importers = session.importers();
  // --db without --data: every plan's data is the database's canonical tables, read and validated as a file's.
  const fromDb = !p.values.data?.length && p.values.db ? p.values.db : null;
  const choices = fromDb
    ? p.files.map(() => ({ cases: [], progress: [], staffing: [], notes: [] }))
    : p.files.map((f) =>
        dataForPlan(f, p.values, io.cwd, { file: session.configFile, data: session.config.data }, importers),
      );
  printNotes(
    choices.flatMap((c) => c.notes),
    lang,
    io.stderr,
  );
  const threads = threadsOption(p.values);
  const loads = new Map<string, Promise<PlanDataLoaded>>();
  const inPlace: { session?: InPlace } = {};
  const engine = parseEngine(p.values.engine, p.values.db);
  // --engine duckdb over one set of NDJSON files: DuckDB reads them itself (../sql/from-files.ts).
  const sets = new Set(choices.map((c) => JSON.stringify(c.cases)));
  const duckFiles = duckdbReadsFiles(engine, p.values.db) && sets.size === 1;
  const load = async (c: DataFiles): Promise<PlanDataLoaded> => {
    const snapshot = snapshotOptions(p.values, io.cwd);
    if (fromDb)
      return loadFromDatabase(fromDb, lang, viewSchema(session.config.database), false, inPlace, { snapshot, metrics });
    const { cases, inDuckDB } = await loadCaseFiles(c.cases, {
      cwd: io.cwd,
      ...loadThreads(threads),
      importers,
      ...(snapshot ? { snapshot } : {}),
      progress: p.values.quiet ? null : io.progress,
      duckdb: duckFiles,
      lang,
      stderr: io.stderr,
    });
    if (inDuckDB) inPlace.session = inDuckDB;
    const progress = c.progress.length ? await loadProgress(c.progress, { cwd: io.cwd, importers }) : null;
    const staffing = c.staffing.length ? await loadStaffing(c.staffing, { cwd: io.cwd, importers }) : null;
    if (cases.stats.read === 0 && cases.stats.files.length === 0)
      throw new UsageError('没有找到案件数据文件 / no case data files found');
    return dataSet(cases, progress, staffing);
  };
  const dataOf = (c: DataFiles): Promise<PlanDataLoaded> => {
    const key = JSON.stringify([c.cases, c.progress, c.staffing]);
    if (!loads.has(key)) loads.set(key, load(c));
    return loads.get(key)!;
  };
  const loadAll = async (): Promise<void> => {
    for (const c of choices) await dataOf(c);
  };
  try {
    await (metrics ? metrics.timeAsync('load', loadAll) : loadAll());
    const sets = await Promise.all(loads.values());
    for (const d of sets) {
      const unusable = dataGate(d.cases, [d.progress, d.staffing], lang);
      if (unusable)
        throw new DataUnusableError(
          [
            ...d.problems
              .filter((x) => x.severity === 'error')
              .slice(0, 20)
              .map((x) => problemLine(x, lang)),
            unusable,
          ].join('\n'),
        );
    }
    const budget =
      p.values['max-rejected'] !== undefined
        ? parseBudget(p.values['max-rejected'])
        : session.config.maxRejected !== undefined
          ? parseBudget(session.config.maxRejected, 'maxRejected (luoshi.config.yaml)')
          : DEFAULT_BUDGET;
    const courts = session.config.courts ?? {};
    const reports: PlanReport[] = [];
    let over: string | null = null;
    for (const [k, r] of p.results.entries()) {
      const asOf = p.values['as-of'] ?? r.ir.plan.period?.to;
      if (!asOf)
        throw new UsageError(
          `${r.files.at(-1)?.path}: 计划没有期间，请用 --as-of 指定日期 / the plan has no period: give --as-of`,
        );
      const { cases, progress, staffing, problems, sources } = await dataOf(choices[k] ?? choices[0]!);
      courtResolverOrUsage(r.ir, courts);
      const hooks = await session.evalHooks(r.ir, { here: false });
      const input = {
        ir: r.ir,
        store: cases.store,
        asOf,
        courts,
        progress: progress?.records ?? [],
        staffing: staffing?.records ?? [],
        data: {
          read: cases.stats.read,
          accepted: cases.stats.accepted,
          rejected: cases.stats.rejected,
          warnings: cases.stats.warnings,
          problems: problems.slice(0, 1000).map((x) => ({
            file: x.file,
            line: x.line,
            ...(x.column !== undefined ? { column: x.column } : {}),
            field: x.field,
            code: x.code,
            severity: x.severity,
            message: lang === 'zh' ? x.message : x.messageEn,
          })),
          sources,
        },
      };
      let report: PlanReport;
      if (inPlace.session) {
        const { db, src, perCourt, option } = inPlace.session;
        report = await evaluateInPlace(db, src, { ...input, functions: hooks.functions }, perCourt, option);
      } else if (engine.kind !== 'memory') {
        report = await evaluateOnEngine(
          { ...input, functions: hooks.functions, ...(metrics ? { metrics } : {}) },
          engine,
        );
      } else if (hooks.inProcessOnly) {
        // Plugin code (functions, a calendar): in one watched worker thread that stops it if a call never returns.
        const got = await evaluateWithPlugins(input, session);
        for (const d of got.diagnostics) session.host.addDiagnostic(d);
        report = got.value;
      } else {
        // A bar over the cases (or shards) of a large data set; a small one is done before a bar could be read.
        const bar = progressCallback(
          p.values.quiet || cases.store.n < BAR_FROM.evaluatedCases ? null : io.progress,
          '评估 / evaluating',
          'cases',
        );
        try {
          report = await evaluatePlanParallel(
            { ...input, functions: hooks.functions, ...(metrics ? { metrics } : {}), ...bar },
            threads.threads,
            threads.poolMinCases,
          );
        } finally {
          bar.stop();
        }
      }
      reports.push(report);
      // The budget, per plan over its own data: records rejected and cases of courts the plan does not name.
      over ??= budgetGate(budget, cases.stats.read, cases.stats.rejected, report.courtIdentity?.excluded ?? 0, lang);
    }
    return { reports, problems: sets.flatMap((d) => d.problems), sources: sets.flatMap((d) => d.sources), over };
  } finally {
    await inPlace.session?.db.close().catch(() => undefined);
  }
}

export async function evaluateCommandPart(p: EvaluatePart): Promise<number> {
  const { io, lang, session } = p;
  if (p.values['as-of'] !== undefined && parseIsoDay(p.values['as-of']) === null) {
    throw new UsageError(
      `--as-of 应为有效日期 YYYY-MM-DD / --as-of must be a valid date YYYY-MM-DD, not "${p.values['as-of']}"`,
    );
  }
  if (p.errors > 0) {
    for (const d of p.diagnostics) io.stderr(formatDiagnosticText(d, lang, io.isTTY) + '\n');
    io.stderr(summaryLine(p.files.length, p.errors + (p.pluginErrors ?? 0), p.warnings, lang) + '\n');
    io.stderr(lang === 'zh' ? '计划有错误，未评估数据\n' : 'the plans have errors; data not evaluated\n');
    return EXIT_FAILED;
  }
  let evaluated: Evaluated;
  try {
    evaluated = await evaluatePlans(p);
  } catch (e) {
    if (!(e instanceof DataUnusableError)) throw e;
    io.stderr(e.message + '\n');
    return EXIT_CANNOT_RUN;
  }
  const { reports, problems, over } = evaluated;
  // What plugins reported while loading data or evaluating (a function that threw, an importer that hung).
  const troubles = session.takeDiagnostics();
  for (const d of troubles) io.stderr(formatDiagnosticText(d, lang, io.isTTY) + '\n');
  if (p.format === 'text') {
    for (const d of p.diagnostics)
      if (!p.values.quiet && d.severity !== 'info') io.stderr(formatDiagnosticText(d, lang, io.isTTY) + '\n');
    for (const l of problemDigest(problems, lang)) io.stderr(l + '\n');
  }
  const text = await session.render(
    p.format,
    { kind: 'report', reports },
    { lang, color: io.isTTY, quiet: p.values.quiet === true },
  );
  if (text === null) {
    for (const d of session.takeDiagnostics()) io.stderr(formatDiagnosticText(d, lang, io.isTTY) + '\n');
    return EXIT_CANNOT_RUN;
  }
  io.stdout(withMetrics(text, p.format, p.metrics, lang, io));
  // Courts the plan does not cover: the text report says so itself; beside a machine format, on stderr too.
  const warned = new Set<string>();
  if (p.format !== 'text')
    for (const rep of reports)
      for (const w of rep.courtIdentity ? identityWarnings(rep.courtIdentity, lang) : []) {
        if (!warned.has(w)) {
          warned.add(w);
          io.stderr(`${lang === 'zh' ? '警告' : 'warning'}: ${w}\n`);
        }
      }
  if (over) io.stderr(over + '\n');
  return over || reports.some(reportFails) || (p.pluginErrors ?? 0) > 0 || troubles.some((d) => d.severity === 'error')
    ? EXIT_FAILED
    : EXIT_OK;
}

/** A configured alias that names no declared court is the user's mistake: exit 2 with the reason. */
export function courtResolverOrUsage(ir: PlanIR, courts: CourtOptions): void {
  try {
    courtResolver(ir, courts);
  } catch (e) {
    if (e instanceof CourtIdentityError) throw new UsageError(e.message);
    throw e;
  }
}
