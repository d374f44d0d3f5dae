// `luoshi diff OLD.plan NEW.plan --data …`: two versions of a plan on the same data as of the same date —
// which targets, tasks and owners change outcome, and which definitions changed.
// Exit 0: no outcome changed · 1: outcomes changed · 2: could not run.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { dataForPlan, printNotes } from '../plan-data.js';
import { compile, type CompileResult } from '../../engine/check/compile.js';
import { evaluatePlan } from '../../engine/eval/evaluate.js';
import { formatDiagnosticText } from '../../engine/report/diagnostics-format.js';
import { parseIsoDay } from '../../engine/time/calendar.js';
import { diffDefinitions } from '../../engine/diff/definitions.js';
import { diffOutcomes, type PlanDiff } from '../../engine/diff/outcomes.js';
import { renderDiffJson, renderDiffMarkdown, renderDiffText } from '../../engine/diff/render.js';
import { loadProgress, loadStaffing } from '../loaders/index.js';
import { duckdbReadsFiles, loadCaseFiles } from '../sql/from-files.js';
import { displayPath, nodeHost } from '../host.js';
import type { CompilerHost } from '../../engine/check/compile.js';
import type { PluginSession } from '../plugins/session.js';
import { evaluateWithPlugins } from '../plugin-worker.js';
import { evaluateOnEngine, parseEngine } from '../sql/evaluate.js';
import { evaluateInPlace } from '../sql/inplace.js';
import { viewSchema } from '../../engine/sql/mapping.js';
import { loadFromDatabase, type InPlace } from './evaluate.js';
import { PLUGIN_OPTIONS, pluginSession } from './check.js';
import { SNAPSHOT_OPTIONS, snapshotOptions, type SnapshotValues } from './snapshot-options.js';
import type { SnapshotOptions } from '../loaders/snapshot.js';
import { EXIT_CANNOT_RUN, EXIT_FAILED, EXIT_OK, UsageError, type CliIO } from '../io.js';

export const DIFF_HELP = `luoshi diff OLD.plan NEW.plan --data PATH…|--db URL [options]

  Evaluates two versions of a plan on the same data as of the same date and reports which targets,
  tasks (and milestones) and owners change outcome, and which definitions changed (indicators, rules,
  sets, fields, targets, tasks, roles).

  --data PATH          case data files or folders (repeatable; or --db URL)
  --progress PATH      progress reports (repeatable)
  --staffing PATH      staffing data (repeatable)
  --as-of YYYY-MM-DD   the as-of date (default: the new plan's period end)
  --format text|json|md
  --config PATH | --no-config   plugins (default: the luoshi.config.yaml of the new plan's workspace root)
  --no-plugins                  read the configuration but load none of its plugins (built-in only)
  --no-cache | --cache-dir DIR  data snapshots, as for check
  --engine duckdb | --db URL    both versions' figures computed in SQL, as for check (docs/sql.md); NDJSON
                                case files read by DuckDB itself, both versions in place; --db without
                                --data: the database's own tables, both versions in place

  exit 0: no outcome changed · 1: outcomes changed · 2: could not run`;

interface DiffValues extends SnapshotValues {
  engine?: string | undefined;
  db?: string | undefined;
  data?: string[] | undefined;
  progress?: string[] | undefined;
  staffing?: string[] | undefined;
}

export async function diffCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      data: { type: 'string', multiple: true },
      progress: { type: 'string', multiple: true },
      staffing: { type: 'string', multiple: true },
      'as-of': { type: 'string' },
      format: { type: 'string', default: 'text' },
      help: { type: 'boolean', short: 'h', default: false },
      ...PLUGIN_OPTIONS,
      ...SNAPSHOT_OPTIONS,
      engine: { type: 'string' },
      db: { type: 'string' },
    },
  });
  if (values.help) {
    io.stdout(DIFF_HELP + '\n');
    return EXIT_OK;
  }
  if (positionals.length !== 2)
    throw new UsageError('用法 / usage: luoshi diff OLD.plan NEW.plan --data PATH|--db URL (luoshi diff --help)');
  const format = values.format!;
  if (!['text', 'json', 'md'].includes(format))
    throw new UsageError(`未知的输出格式 / unknown --format "${format}" (text, json, md)`);
  if (!values.data?.length && !values.db)
    throw new UsageError(
      '需要 --data 或 --db（两个版本在同一数据上比较） / --data or --db is required (both versions are evaluated on the same data)',
    );
  const asOfArg = values['as-of'];
  if (asOfArg !== undefined && parseIsoDay(asOfArg) === null)
    throw new UsageError(`--as-of 应为有效日期 YYYY-MM-DD / --as-of must be a valid date YYYY-MM-DD, not "${asOfArg}"`);

  const host = nodeHost(io.cwd);
  for (const p of positionals) {
    const abs = resolve(io.cwd, p);
    if (!existsSync(abs) || !statSync(abs).isFile()) throw new UsageError(`找不到计划文件 / no such plan file: ${p}`);
  }
  // The same plugins as `luoshi check` (luoshi.config.yaml found from the new plan, or --config).
  const session = await pluginSession(values, [positionals[1]!], io);
  const inPlace: { session?: InPlace } = {};
  try {
    return await diffWith(session, host, positionals, values, format, asOfArg, io, inPlace);
  } finally {
    await inPlace.session?.db.close().catch(() => undefined);
    await session.dispose();
  }
}

async function diffWith(
  session: PluginSession,
  host: CompilerHost,
  positionals: string[],
  values: DiffValues,
  format: string,
  asOfArg: string | undefined,
  io: CliIO,
  /** Filled with the in-place session (--db without --data, or files DuckDB read); the caller closes it. */
  inPlace: { session?: InPlace },
): Promise<number> {
  const compiled: CompileResult[] = positionals.map((p) =>
    compile(displayPath(io.cwd, resolve(io.cwd, p)), host, session.compileOptions()),
  );
  const broken = compiled.filter((c) => c.errorCount > 0);
  if (broken.length) {
    for (const c of broken)
      for (const d of c.diagnostics)
        if (d.severity === 'error') io.stderr(formatDiagnosticText(d, 'zh', io.isTTY) + '\n');
    io.stderr('计划有错误，无法比较 / the plans have errors: nothing compared\n');
    return EXIT_CANNOT_RUN;
  }
  const [oldC, newC] = compiled as [CompileResult, CompileResult];
  const asOf = asOfArg ?? newC.ir.plan.period?.to ?? oldC.ir.plan.period?.to;
  if (!asOf)
    throw new UsageError('两个计划都没有期间：请用 --as-of 指定日期 / neither plan has a period: give --as-of');

  const engine = parseEngine(values.engine, values.db);
  // --db without --data: the database's own tables, validated in place; both versions are computed there.
  const { cases, progress, staffing } =
    !values.data?.length && values.db
      ? await dataInPlace(values.db, session, inPlace, snapshotOptions(values, io.cwd))
      : await dataOfFiles(session, positionals, values, io, duckdbReadsFiles(engine, values.db), inPlace);
  if (cases.stats.rejected > 0)
    io.stderr(
      `注意：${cases.stats.rejected} 条案件记录被拒绝 / note: ${cases.stats.rejected} case records rejected (luoshi check --data shows why)\n`,
    );

  const reports = [];
  for (const c of compiled) {
    const hooks = await session.evalHooks(c.ir, { here: false });
    const input = { ir: c.ir, store: cases.store, asOf, progress, staffing };
    // Plugin code (functions, a calendar): in a watched worker thread that stops it if a call never returns.
    reports.push(
      inPlace.session
        ? await evaluateInPlace(
            inPlace.session.db,
            inPlace.session.src,
            { ...input, functions: hooks.functions },
            inPlace.session.perCourt,
            inPlace.session.option,
          )
        : engine.kind !== 'memory'
          ? await evaluateOnEngine({ ...input, functions: hooks.functions }, engine)
          : hooks.inProcessOnly
            ? (await evaluateWithPlugins(input, session)).value
            : evaluatePlan({ ...input, functions: hooks.functions }),
    );
  }
  const [before, after] = reports as [ReturnType<typeof evaluatePlan>, ReturnType<typeof evaluatePlan>];
  const diff: PlanDiff = {
    old: {
      file:
        oldC.files.find((f) => !f.library && f.path === displayPath(io.cwd, resolve(io.cwd, positionals[0]!)))?.path ??
        positionals[0]!,
      name: oldC.ir.plan.name,
    },
    new: {
      file:
        newC.files.find((f) => !f.library && f.path === displayPath(io.cwd, resolve(io.cwd, positionals[1]!)))?.path ??
        positionals[1]!,
      name: newC.ir.plan.name,
    },
    asOf,
    definitions: diffDefinitions(oldC, newC),
    outcomes: diffOutcomes(before, after),
  };
  io.stdout(
    format === 'json' ? renderDiffJson(diff) : format === 'md' ? renderDiffMarkdown(diff) : renderDiffText(diff),
  );
  return diff.outcomes.length > 0 ? EXIT_FAILED : EXIT_OK;
}

/** The cases, progress reports and staffing of a database validated in place (the session kept in `into`). */
async function dataInPlace(
  url: string,
  session: PluginSession,
  into: { session?: InPlace },
  snapshot: SnapshotOptions | undefined,
) {
  const d = await loadFromDatabase(url, 'zh', viewSchema(session.config.database), false, into, { snapshot });
  return { cases: d.cases, progress: d.progress?.records ?? [], staffing: d.staffing?.records ?? [] };
}

/**
 * The data the configuration names for the new version (both versions are evaluated on it); with `duckdb`
 * the case files are read by DuckDB, whose session is kept in `into` for both versions in place.
 */
async function dataOfFiles(
  session: PluginSession,
  positionals: string[],
  values: DiffValues,
  io: CliIO,
  duckdb: boolean,
  into: { session?: InPlace },
) {
  const chosen = dataForPlan(
    positionals[1]!,
    values,
    io.cwd,
    { file: session.configFile, data: session.config.data },
    session.importers(),
  );
  printNotes(chosen.notes, 'zh', io.stderr);
  const snapshot = snapshotOptions(values, io.cwd);
  const { cases, inDuckDB } = await loadCaseFiles(chosen.cases, {
    cwd: io.cwd,
    importers: session.importers(),
    ...(snapshot ? { snapshot } : {}),
    progress: io.progress,
    duckdb,
    lang: 'zh',
    stderr: io.stderr,
  });
  if (inDuckDB) into.session = inDuckDB;
  if (cases.stats.files.length === 0) throw new UsageError('没有找到案件数据文件 / no case data files found');
  const progress = chosen.progress.length ? (await loadProgress(chosen.progress, { cwd: io.cwd })).records : [];
  const staffing = chosen.staffing.length ? (await loadStaffing(chosen.staffing, { cwd: io.cwd })).records : [];
  return { cases, progress, staffing };
}
