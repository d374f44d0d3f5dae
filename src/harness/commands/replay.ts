// `luoshi replay PLAN --data … --from D1 --to D2 --step day|week|month`: every indicator and the status
// of every target and milestone at each step. Output is written whole or not at all.
import { parseArgs } from 'node:util';
import { dataForPlan, printNotes } from '../plan-data.js';
import { resolve } from 'node:path';
import { ReplayError } from '../../engine/replay/replay.js';
import { replayPlanParallel } from '../parallel.js';
import { replayWithPlugins } from '../plugin-worker.js';
import { loadThreads, THREADS_OPTIONS, threadsOption } from './threads-option.js';
import { formatDiagnosticText } from '../../engine/report/diagnostics-format.js';
import { parseIsoDay, formatDay, NO_DAY } from '../../engine/time/calendar.js';
import type { CaseStore } from '../../engine/data/store.js';
import { progressCallback } from '../progress.js';
import { loadProgress, loadStaffing } from '../loaders/index.js';
import { duckdbReadsFiles, loadCaseFiles } from '../sql/from-files.js';
import { writeOutputFile } from '../files.js';
import { EXIT_CANNOT_RUN, EXIT_FAILED, EXIT_OK, UsageError, type CliIO } from '../io.js';
import { identityWarnings } from '../../engine/data/identity.js';
import { budgetGate, dataGate, dataSources, DEFAULT_BUDGET, parseBudget } from './gate.js';
import { courtResolverOrUsage, loadFromDatabase, type InPlace } from './evaluate.js';
import { parseEngine } from '../sql/evaluate.js';
import { replayInPlace, replayOnEngine } from '../sql/replay.js';
import { spanInPlace } from '../sql/inplace.js';
import { viewSchema } from '../../engine/sql/mapping.js';
import { SNAPSHOT_OPTIONS, snapshotOptions, type SnapshotValues } from './snapshot-options.js';
import { compileAndLint, expandPlanPaths, lang, PLUGIN_OPTIONS, pluginSession } from './check.js';
import { metricsHelp, METRICS_OPTION, metricsRecorder, withMetrics } from '../metrics.js';
import { checkFormat, type PluginSession } from '../plugins/session.js';

export const REPLAY_HELP = `luoshi replay PLAN --data PATH…|--db URL --from YYYY-MM-DD --to YYYY-MM-DD [options]

  Every indicator's value and every target's and milestone's status at each step.

  --step day|week|month        step (default month)
  --format text|json|csv|html  output (default text); html is a self-contained report with charts; plugins may add formats
  --out FILE                   write to a file (atomically) instead of stdout
  --progress PATH / --staffing PATH
  --threads N                  worker threads that load the data and replay it (default: the machine's
                               cores for 100,000 cases or 64 MB of NDJSON and more; 1 = no workers)
  --max-rejected N|P%          rejection budget, as for check (default 0)
  --lang zh|en
  --engine memory|duckdb       who computes the figures, as for check: each window's steps in one SQL query;
                               NDJSON case files read by DuckDB itself and replayed in place
  --db URL                     postgres://… or duckdb:FILE. Without --data: the database's own tables,
                               replayed in place (docs/sql.md); with --data: the figures computed by a
                               PostgreSQL-family server (temporary tables)
  --no-cache                   read the data files afresh: no snapshot of them is read or written
  --cache-dir DIR              where data snapshots are kept (default: ~/.cache/luoshi; docs/data.md)
${metricsHelp(31)}
  --config PATH / --no-config  plugin configuration (default: luoshi.config.yaml from the plan's folder up to
                               its workspace root)
  --no-plugins                 read the configuration but load none of its plugins (built-in only)

  exit 0: no due target missed at the end · 1: a due target missed, or the data over the rejection budget
  · 2: could not run (also: a data file cannot be read, or no case record accepted)`;

/** The span of dates the data speaks about (filed … last closure or event). */
function dataSpan(store: CaseStore): { first: number; last: number } | null {
  if (store.n === 0) return null;
  let first = Infinity,
    last = -Infinity;
  for (let i = 0; i < store.n; i++) {
    const f = store.filed[i]!;
    if (f < first) first = f;
    if (f > last) last = f;
    const c = store.closed[i]!;
    if (c !== NO_DAY && c > last) last = c;
  }
  const evEnd = store.evStart[store.n]!;
  for (let k = 0; k < evEnd; k++) if (store.evDate[k]! > last) last = store.evDate[k]!;
  return { first, last };
}

export async function replayCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      data: { type: 'string', multiple: true },
      progress: { type: 'string', multiple: true },
      staffing: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
      step: { type: 'string', default: 'month' },
      format: { type: 'string', default: 'text' },
      out: { type: 'string' },
      lang: { type: 'string' },
      ...THREADS_OPTIONS,
      help: { type: 'boolean', short: 'h' },
      ...PLUGIN_OPTIONS,
      'max-rejected': { type: 'string' },
      ...SNAPSHOT_OPTIONS,
      engine: { type: 'string' },
      db: { type: 'string' },
      ...METRICS_OPTION,
    },
  });
  if (values.help) {
    io.stdout(REPLAY_HELP + '\n');
    return EXIT_OK;
  }
  const l = lang(values.lang);
  if (positionals.length !== 1)
    throw new UsageError(
      '用法 / usage: luoshi replay PLAN --data PATH|--db URL --from D1 --to D2 (luoshi replay --help)',
    );
  if (!values.data?.length && !values.db) throw new UsageError('需要 --data 或 --db / --data or --db is required');
  const step = values.step!;
  if (step !== 'day' && step !== 'week' && step !== 'month')
    throw new UsageError(`--step 只能是 day、week 或 month / --step must be day, week or month, not "${step}"`);
  const format = values.format!;
  const session = await pluginSession(values, positionals, io);
  const inPlace: { session?: InPlace } = {};
  try {
    return await replay(session, positionals, values, format, step, l, io, inPlace);
  } finally {
    await inPlace.session?.db.close().catch(() => undefined);
    await session.dispose();
  }
}

interface ReplayValues extends SnapshotValues {
  data?: string[] | undefined;
  progress?: string[] | undefined;
  staffing?: string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  out?: string | undefined;
  workers?: string | undefined;
  threads?: string | undefined;
  'max-rejected'?: string | undefined;
  engine?: string | undefined;
  db?: string | undefined;
  metrics?: boolean | undefined;
}

async function replay(
  session: PluginSession,
  positionals: string[],
  values: ReplayValues,
  format: string,
  step: 'day' | 'week' | 'month',
  l: 'zh' | 'en',
  io: CliIO,
  /** Filled with the in-place session (--db without --data, or files DuckDB read); the caller closes it. */
  inPlace: { session?: InPlace },
): Promise<number> {
  checkFormat(session, format, 'replay');
  for (const d of session.takeDiagnostics()) io.stderr(formatDiagnosticText(d, l) + '\n');
  const files = expandPlanPaths(positionals, io.cwd);
  if (files.length !== 1) throw new UsageError('replay 只接受一个计划文件 / replay takes exactly one plan file');
  const metrics = metricsRecorder(values.metrics);
  const [compiled] = await compileAndLint(files, io.cwd, session, metrics);
  if (compiled!.errorCount > 0) {
    for (const d of compiled!.diagnostics) io.stderr(formatDiagnosticText(d, l) + '\n');
    throw new UsageError('计划有错误，无法回放 / the plan has errors; cannot replay');
  }
  const ir = compiled!.ir;
  const from = values.from ?? ir.plan.period?.from,
    to = values.to ?? ir.plan.period?.to;
  if (!from || !to)
    throw new UsageError('需要 --from 和 --to（计划没有期间） / --from and --to are required (the plan has no period)');
  const f = parseIsoDay(from),
    t = parseIsoDay(to);
  if (f === null) throw new UsageError(`--from 不是有效日期 / --from is not a valid date: "${from}"`);
  if (t === null) throw new UsageError(`--to 不是有效日期 / --to is not a valid date: "${to}"`);
  if (t < f) throw new UsageError(`回放区间颠倒 / the range is backwards: ${from} > ${to}`);

  const engine = parseEngine(values.engine, values.db);
  const importers = session.importers();
  // --db without --data: the database's own tables, validated and replayed in place (no case read into Node).
  const fromDb = !values.data?.length && values.db ? values.db : null;
  const chosen = fromDb
    ? { cases: [], progress: [], staffing: [], notes: [] }
    : dataForPlan(files[0]!, values, io.cwd, { file: session.configFile, data: session.config.data }, importers);
  printNotes(chosen.notes, l, io.stderr);
  const snapshot = snapshotOptions(values, io.cwd);
  const threads = threadsOption(values);
  const loadAll = async () => {
    if (fromDb) {
      const d = await loadFromDatabase(fromDb, l, viewSchema(session.config.database), false, inPlace, { snapshot });
      return { cases: d.cases, progressLoad: d.progress, staffingLoad: d.staffing };
    }
    return loadFiles();
  };
  const loadFiles = async () => {
    const { cases, inDuckDB } = await loadCaseFiles(chosen.cases, {
      cwd: io.cwd,
      ...loadThreads(threads),
      importers,
      ...(snapshot ? { snapshot } : {}),
      progress: io.progress,
      duckdb: duckdbReadsFiles(engine, values.db),
      lang: l,
      stderr: io.stderr,
    });
    if (inDuckDB) inPlace.session = inDuckDB;
    return { cases, ...(await otherFiles()) };
  };
  const otherFiles = async () => ({
    progressLoad: chosen.progress.length ? await loadProgress(chosen.progress, { cwd: io.cwd, importers }) : null,
    staffingLoad: chosen.staffing.length ? await loadStaffing(chosen.staffing, { cwd: io.cwd, importers }) : null,
  });
  const { cases, progressLoad, staffingLoad } = await (metrics ? metrics.timeAsync('load', loadAll) : loadAll());
  const unusable = dataGate(cases, [progressLoad, staffingLoad], l);
  if (unusable) {
    io.stderr(unusable + '\n');
    return EXIT_CANNOT_RUN;
  }
  const budget =
    values['max-rejected'] !== undefined
      ? parseBudget(values['max-rejected'])
      : session.config.maxRejected !== undefined
        ? parseBudget(session.config.maxRejected, 'maxRejected (luoshi.config.yaml)')
        : DEFAULT_BUDGET;
  const courts = session.config.courts ?? {};
  courtResolverOrUsage(ir, courts);
  const span = inPlace.session ? await spanInPlace(inPlace.session.db, inPlace.session.src) : dataSpan(cases.store);
  if (!span) throw new UsageError('数据中没有可用的案件 / the data has no accepted cases');
  if (span.last < f || span.first > t) {
    throw new UsageError(
      `数据（${formatDay(span.first)} 至 ${formatDay(span.last)}）不覆盖回放区间 ${from} 至 ${to} / the data (${formatDay(span.first)} to ${formatDay(span.last)}) does not cover the range`,
    );
  }
  if (span.last < t)
    io.stderr(
      l === 'zh'
        ? `注意：数据只到 ${formatDay(span.last)}，之后的步长按已有数据计算\n`
        : `note: the data ends ${formatDay(span.last)}; later steps see no new facts\n`,
    );
  if (cases.stats.rejected > 0)
    io.stderr(
      l === 'zh'
        ? `数据：读取 ${cases.stats.read} 件，接受 ${cases.stats.accepted} 件，拒收 ${cases.stats.rejected} 件（luoshi check --data 列出原因）\n`
        : `data: ${cases.stats.read} read, ${cases.stats.accepted} accepted, ${cases.stats.rejected} rejected (luoshi check --data lists why)\n`,
    );
  const progress = progressLoad?.records ?? [];
  const staffing = staffingLoad?.records ?? [];
  const hooks = await session.evalHooks(ir, { here: false });

  let result;
  try {
    const input = { ir, store: cases.store, from, to, step, progress, staffing, courts };
    if (inPlace.session) {
      const { db, src, perCourt, option } = inPlace.session;
      const bar = progressCallback(io.progress, '回放 / replaying', 'jobs');
      try {
        result = await replayInPlace(
          db,
          src,
          { ...input, functions: hooks.functions, ...(metrics ? { metrics } : {}), ...bar },
          perCourt,
          option,
        );
      } finally {
        bar.stop();
      }
    } else if (engine.kind !== 'memory') {
      // Each window's points in one query per domain, in DuckDB or a PostgreSQL-family server (docs/sql.md).
      result = await replayOnEngine({ ...input, functions: hooks.functions }, engine);
    } else if (hooks.inProcessOnly) {
      // Plugin code: in a watched worker thread (see plugin-worker.ts).
      const got = await replayWithPlugins(input, session);
      for (const d of got.diagnostics) session.host.addDiagnostic(d);
      result = got.value;
    } else {
      const bar = progressCallback(io.progress, '回放 / replaying', 'cases');
      try {
        result = await replayPlanParallel(
          { ...input, functions: hooks.functions, ...(metrics ? { metrics } : {}), ...bar },
          threads.threads,
          threads.poolMinCases,
        );
      } finally {
        bar.stop();
      }
    }
  } catch (e) {
    if (e instanceof ReplayError) throw new UsageError(e.message);
    throw e;
  }
  result.sources = dataSources([
    { kind: 'cases', stats: cases.stats },
    progressLoad && { kind: 'progress', stats: progressLoad.stats },
    staffingLoad && { kind: 'staffing', stats: staffingLoad.stats },
  ]);
  const troubles = session.takeDiagnostics();
  for (const d of troubles) io.stderr(formatDiagnosticText(d, l) + '\n');
  if (format !== 'text')
    for (const w of result.courtIdentity ? identityWarnings(result.courtIdentity, l) : [])
      io.stderr(`${l === 'zh' ? '警告' : 'warning'}: ${w}\n`);
  // The HTML report's charts are SVG drawn here (ECharts on the server), so the page needs no script.
  // ECharts is loaded only for this (the other formats and commands start without it).
  const charts = format === 'html' ? (await import('../chart-svg.js')).replayChartsSvg(result, l) : undefined;
  const text = await session.render(
    format,
    { kind: 'replay', result, ...(charts ? { charts } : {}) },
    { lang: l, color: false, quiet: false },
  );
  if (text === null) {
    for (const d of session.takeDiagnostics()) io.stderr(formatDiagnosticText(d, l) + '\n');
    return EXIT_CANNOT_RUN;
  }
  const output = withMetrics(text, format, metrics, l, io);
  if (values.out) writeOutputFile(resolve(io.cwd, values.out), output);
  else io.stdout(output);
  const missed = result.targets.some((x) => x.statuses[x.statuses.length - 1] === 'missed');
  const over = budgetGate(budget, cases.stats.read, cases.stats.rejected, result.courtIdentity?.excluded ?? 0, l);
  if (over) io.stderr(over + '\n');
  return over !== null || missed || troubles.some((d) => d.severity === 'error') ? EXIT_FAILED : EXIT_OK;
}
