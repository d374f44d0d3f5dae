// `luoshi explain PLAN --data … --indicator X`: the cases behind a number.
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import {
  explainIndicator,
  ExplainError,
  indicatorMembers,
  type ExplainPart,
  type ExplainResult,
  type Member,
} from '../../engine/eval/explain.js';
import { compilerFor } from '../../engine/eval/jobs.js';
import { caseId, caseRecordAt, type CaseStore } from '../../engine/data/store.js';
import type { Lang } from '../../engine/report/diagnostics-format.js';
import { tableCsv, type DataTable } from '../../engine/report/table.js';
import { tablesXlsx } from '../../engine/report/table-xlsx.js';
import { caseTable } from '../../engine/report/tables.js';
import { writeOutputFile } from '../files.js';
import { formatDiagnosticText } from '../../engine/report/diagnostics-format.js';
import { duckdbReadsFiles, loadCaseFiles } from '../sql/from-files.js';
import { EXIT_CANNOT_RUN, EXIT_OK, UsageError, type CliIO } from '../io.js';
import {
  courtResolver,
  findGroup,
  identifyCourts,
  identityWarnings,
  type CourtIdentity,
} from '../../engine/data/identity.js';
import type { PlanIR } from '../../engine/ir/types.js';
import type { ExplainQuery } from '../../engine/eval/explain.js';
import { explainOnSql } from '../../engine/sql/explain.js';
import { SqlUnsupported } from '../../engine/sql/compile.js';
import { canonicalRows } from '../../engine/sql/load.js';
import { viewSchema } from '../../engine/sql/mapping.js';
import { checkKeys, withKeyCheck } from '../sql/key-check.js';
import { createSchema, openDatabaseUrl, safeUrl, type SqlDatabase } from '../sql/database.js';
import { parseEngine, withEngine } from '../sql/evaluate.js';
import { countedIdentity, inPlaceErrors, planViews, sourceSchema, validateInPlace } from '../sql/inplace.js';
import { validationCacheFor, type ValidationCache } from '../sql/validation-cache.js';
import { tableName, tablesPresent } from '../sql/source.js';
import { dataGate } from './gate.js';
import { SNAPSHOT_OPTIONS, snapshotOptions, type SnapshotValues } from './snapshot-options.js';
import { PLUGIN_OPTIONS, compilePlans, expandPlanPaths, lang, pluginSession, type PluginValues } from './check.js';
import type { PluginSession } from '../plugins/session.js';
import { dataForPlan, findDataConfig, printNotes } from '../plan-data.js';

export const EXPLAIN_HELP = `luoshi explain PLAN --data PATH… --indicator NAME [options]

  Lists the cases behind an indicator's figure.

  --part numerator|denominator|missing   which cases (default missing: in the denominator, not the numerator)
  --court NAME | --handler NAME | --team NAME   one group (a court's full or short name; a handler or
                        team as "court · name", or its bare name when one court has it)
  --as-of YYYY-MM-DD    (default: the plan's period end)
  --yearly              the calendar year of the as-of date instead of the plan's period
  --limit N             how many ids to list (default 100, with csv and xlsx all; all are counted)
  --format text|json|csv|xlsx   csv (UTF-8 with BOM, for Excel) and xlsx list each case with its court,
                        dates, closure, amounts, handler and whether it counts; xlsx needs --out
  --out FILE            write to FILE instead of the terminal
  --engine memory|duckdb   who lists the cases (default memory); duckdb: SQL in an embedded DuckDB,
                        NDJSON case files read by DuckDB itself
  --db URL              SQL in a database (postgres://… or duckdb:FILE); without --data the database's
                        canonical tables are the data, computed in place (text and json formats)
  --config PATH | --no-config | --no-plugins   the plugins whose functions and calendar the plan uses (as check)
  --no-cache | --cache-dir DIR   data snapshots, as for check`;

interface ExplainValues extends PluginValues, SnapshotValues {
  data?: string[] | undefined;
  indicator?: string | undefined;
  'as-of'?: string | undefined;
  yearly?: boolean | undefined;
  format?: string | undefined;
  lang?: string | undefined;
  court?: string | undefined;
  handler?: string | undefined;
  team?: string | undefined;
  out?: string | undefined;
  engine?: string | undefined;
  db?: string | undefined;
}

const FORMATS = ['text', 'json', 'csv', 'xlsx'];

/** The listed cases with their records and whether each counts in the numerator and the denominator. */
function explainTable(
  res: ExplainResult,
  store: CaseStore,
  members: ReadonlyMap<string, Member>,
  title: string,
  l: Lang,
): DataTable {
  return caseTable(
    title,
    res.ids.map((id, k) => {
      const m = members.get(id)!;
      return {
        record: caseRecordAt(store, m.i),
        inNumerator: m.inNumerator,
        inDenominator: m.inDenominator,
        ...(res.events ? { events: res.events[k]! } : {}),
      };
    }),
    l,
  );
}

export async function explainCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      data: { type: 'string', multiple: true },
      indicator: { type: 'string' },
      part: { type: 'string', default: 'missing' },
      court: { type: 'string' },
      handler: { type: 'string' },
      team: { type: 'string' },
      'as-of': { type: 'string' },
      yearly: { type: 'boolean', default: false },
      limit: { type: 'string' },
      format: { type: 'string', default: 'text' },
      out: { type: 'string' },
      engine: { type: 'string' },
      db: { type: 'string' },
      lang: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      ...PLUGIN_OPTIONS,
      ...SNAPSHOT_OPTIONS,
    },
  });
  if (values.help) {
    io.stdout(EXPLAIN_HELP + '\n');
    return EXIT_OK;
  }
  lang(values.lang); // a bad --lang is an error here too
  if (positionals.length !== 1 || !values.indicator || !(values.data?.length || values.db))
    throw new UsageError(
      '用法 / usage: luoshi explain PLAN --data PATH|--db URL --indicator NAME (luoshi explain --help)',
    );
  const part = values.part as ExplainPart;
  if (!['numerator', 'denominator', 'missing'].includes(part))
    throw new UsageError(
      `--part 只能是 numerator、denominator 或 missing / --part must be numerator, denominator or missing`,
    );
  const format = values.format!;
  if (!FORMATS.includes(format))
    throw new UsageError(
      `--format 只能是 text、json、csv 或 xlsx / --format must be text, json, csv or xlsx, not "${format}"`,
    );
  if (format === 'xlsx' && !values.out)
    throw new UsageError(
      '--format xlsx 需要 --out FILE：表格文件不输出到终端 / --format xlsx needs --out FILE: a workbook is not written to a terminal',
    );
  const table = format === 'csv' || format === 'xlsx';
  const engine = parseEngine(values.engine, values.db);
  if (table && engine.kind !== 'memory')
    throw new UsageError(
      '--format csv 与 xlsx 列出案件记录，只用内存引擎 / --format csv and xlsx list the case records: memory engine only',
    );
  const limit = values.limit === undefined ? (table ? Number.MAX_SAFE_INTEGER : 100) : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 0)
    throw new UsageError(`--limit 应为非负整数 / --limit must be a whole number`);
  const groups = (['court', 'handler', 'team'] as const).filter((k) => values[k] !== undefined);
  if (groups.length > 1)
    throw new UsageError('--court、--handler、--team 只能选一个 / give at most one of --court, --handler, --team');
  // The plugins: the functions a plan may call (std's 工作日数 among them) and the configured calendar.
  const session = await pluginSession(values, positionals, io);
  try {
    return await explainWith(session, values, positionals, io, part, limit, groups[0]);
  } finally {
    await session.dispose();
  }
}

async function explainWith(
  session: PluginSession,
  values: ExplainValues,
  positionals: string[],
  io: CliIO,
  part: ExplainPart,
  limit: number,
  kind: 'court' | 'handler' | 'team' | undefined,
): Promise<number> {
  const l = lang(values.lang);
  const [r] = compilePlans(expandPlanPaths(positionals, io.cwd), io.cwd, session.compileOptions());
  if (r!.errorCount > 0) {
    for (const d of r!.diagnostics) io.stderr(formatDiagnosticText(d, l) + '\n');
    throw new UsageError('计划有错误 / the plan has errors');
  }
  const asOf = values['as-of'] ?? r!.ir.plan.period?.to;
  if (!asOf) throw new UsageError('需要 --as-of / --as-of is required (the plan has no period)');
  const ir = r!.ir;
  const engine = parseEngine(values.engine, values.db);
  // The data: files (into memory; with --engine or --db also into the engine's tables), or, with --db and
  // no --data, the database's own tables, validated and computed in place.
  let src: SqlSource;
  const snapshot = snapshotOptions(values, io.cwd);
  if (values.db && !values.data?.length) {
    const cache = validationCacheFor(values.db, snapshot?.dir, io.cwd);
    src = await inPlaceSource(values.db, ir, l, viewSchema(session.config.database), cache);
  } else {
    const plan = expandPlanPaths(positionals, io.cwd)[0]!;
    const chosen = dataForPlan(plan, { data: values.data }, io.cwd, findDataConfig(io.cwd, plan));
    printNotes(chosen.notes, l, io.stderr);
    const { cases: loaded, inDuckDB } = await loadCaseFiles(chosen.cases, {
      cwd: io.cwd,
      ...(snapshot ? { snapshot } : {}),
      progress: io.progress,
      duckdb: duckdbReadsFiles(engine, values.db),
      lang: l,
      stderr: io.stderr,
    });
    if (inDuckDB) {
      const { db, perCourt, option } = inDuckDB;
      src = await inPlaceErrors(db, option, () => overInPlace(db, inDuckDB.src, loaded, perCourt, ir)).catch(
        async (e: unknown) => {
          await db.close().catch(() => undefined);
          throw e;
        },
      );
    } else src = { loaded, ...identifyCourts(ir, loaded.store), run: null, close: async () => undefined };
    if (!inDuckDB && engine.kind !== 'memory') {
      const { store } = src;
      src.run = (q) =>
        withEngine(engine, async (db) => {
          await createSchema(db);
          for (const t of canonicalRows(store, [])) await db.load(t);
          return explainOnSql(db, ir, db.dialect, q);
        });
    }
  }
  try {
    return await explainOver(src, session, values, io, l, part, limit, kind, asOf, ir);
  } finally {
    await src.close();
  }
}

/** The cases to explain: the loaded data, the store as the plan sees it, and the SQL that lists them (null: memory). */
interface SqlSource {
  loaded: Parameters<typeof dataGate>[0];
  store: CaseStore;
  identity: CourtIdentity;
  run: ((q: ExplainQuery) => Promise<ExplainResult>) | null;
  close(): Promise<void>;
}

/** `--db URL` without --data: the database validated in place, the plan's views over it (src/harness/sql/inplace.ts). */
async function inPlaceSource(
  url: string,
  ir: PlanIR,
  l: Lang,
  schema: string | undefined,
  cache: ValidationCache | undefined,
): Promise<SqlSource> {
  // A configuration that maps a court's own tables: the views of `luoshi db map` (docs/sql.md), as check reads them.
  const db = await openDatabaseUrl(url, { schema });
  try {
    const present = await tablesPresent(db, schema);
    const absent = ['cases', 'case_tags', 'events'].filter((t) => !present.includes(t));
    if (absent.length)
      throw new UsageError(
        l === 'zh'
          ? `无法读取数据库 ${safeUrl(url)} 的表：没有表 ${absent.join('、')}（先运行 luoshi db init / db load）`
          : `cannot read the tables of ${safeUrl(url)}: no table ${absent.join(', ')} (run luoshi db init / db load first)`,
      );
    const src = await sourceSchema(db);
    const cases = tableName(safeUrl(url), schema === undefined ? 'cases' : `${schema}.cases`);
    // A court's own tables (luoshi db map): a key added since, or shared, stops here as in check (../sql/key-check.ts).
    const keys = schema === undefined ? null : await checkKeys(db, schema, safeUrl(url), l);
    // A DuckDB file's validation is kept in the snapshots' folder (--no-cache: never), as check keeps it.
    const { loaded, perCourt } = await validateInPlace(db, src, cases, { cache });
    return await overInPlace(db, src, withKeyCheck(loaded, keys), perCourt, ir);
  } catch (e) {
    await db.close().catch(() => undefined);
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${safeUrl(url)}: ${(e as Error).message}`);
  }
}

/** The cases of a session validated in place (`loaded`: its group skeleton), listed by SQL over the plan's views; closes the session. */
async function overInPlace(
  db: SqlDatabase,
  schema: string,
  loaded: SqlSource['loaded'] & { store: CaseStore },
  perCourt: Map<string, number>,
  ir: PlanIR,
): Promise<SqlSource> {
  const { store, identity } = identifyCourts(ir, loaded.store);
  await planViews(db, schema, ir, {}, perCourt);
  return {
    loaded,
    store,
    identity: countedIdentity(identity, perCourt),
    run: (q) => explainOnSql(db, ir, db.dialect, q),
    close: () => db.close(),
  };
}

async function explainOver(
  src: SqlSource,
  session: PluginSession,
  values: ExplainValues,
  io: CliIO,
  l: Lang,
  part: ExplainPart,
  limit: number,
  kind: 'court' | 'handler' | 'team' | undefined,
  asOf: string,
  ir: PlanIR,
): Promise<number> {
  const r = { ir };
  const gate = dataGate(src.loaded, [], l);
  if (gate) {
    io.stderr(gate + '\n');
    return EXIT_CANNOT_RUN;
  }
  const { store, identity } = src;
  for (const w of identityWarnings(identity, l)) io.stderr(`${l === 'zh' ? '警告' : 'warning'}: ${w}\n`);
  let res, query;
  const hooks = await session.evalHooks(r!.ir);
  try {
    let value = kind ? values[kind]! : '';
    if (kind === 'court') value = courtResolver(r!.ir)(value) ?? value;
    else if (kind) {
      const found = findGroup(kind === 'handler' ? store.handlers : store.teams, value);
      if (found && 'ambiguous' in found)
        throw new UsageError(
          `“${value}”在多个法院中，请写明法院 / "${value}" is in several courts; name the court: ${found.ambiguous.join(', ')}`,
        );
      if (found) value = found.name;
    }
    query = {
      indicator: values.indicator!,
      asOf,
      part,
      limit,
      window: values.yearly ? { kind: 'yearly' as const, from: null, to: null } : null,
      ...(kind ? { group: { kind, value } } : {}),
    };
    res = src.run
      ? await src.run(query)
      : explainIndicator(r!.ir, store, query, {
          functions: hooks.functions,
          ...(hooks.addWorkdays ? { addWorkdays: hooks.addWorkdays } : {}),
        });
  } catch (e) {
    if (e instanceof ExplainError) throw new UsageError(e.message);
    if (e instanceof SqlUnsupported) throw new UsageError(`${values.db ? '--db' : '--engine duckdb'}: ${e.located()}`);
    throw e;
  }
  const what = {
    numerator: l === 'zh' ? '分子' : 'numerator',
    denominator: l === 'zh' ? '分母' : 'denominator',
    missing: l === 'zh' ? '在分母而不在分子' : 'in the denominator, not the numerator',
  }[part];
  let output: string | Uint8Array;
  if (values.format === 'json') output = JSON.stringify(res, null, 2) + '\n';
  else if (values.format === 'csv' || values.format === 'xlsx') {
    // Each listed case with both sides of the figure, by the same closures as the list (eval/explain.ts).
    const members = new Map<string, Member>();
    for (const m of indicatorMembers(
      r!.ir,
      store,
      { ...query, indicator: res.indicator },
      compilerFor(r!.ir, store, hooks.addWorkdays, hooks.functions),
    ))
      members.set(caseId(store, m.i), m);
    const t = explainTable(res, store, members, `${res.indicator} ${kind ? `${values[kind]} ` : ''}${what}`, l);
    output = values.format === 'csv' ? tableCsv(t) : await tablesXlsx(ExcelJS, [t]);
  } else {
    output =
      `${res.indicator} ${what}: ${res.total} ${l === 'zh' ? '件' : 'cases'}${res.total > res.ids.length ? (l === 'zh' ? `（列出前 ${res.ids.length} 件）` : ` (first ${res.ids.length} listed)`) : ''}\n` +
      res.ids.map((id, k) => `  ${id}${res.events ? `  ×${res.events[k]}` : ''}\n`).join('');
  }
  if (values.out) writeOutputFile(resolve(io.cwd, values.out), output);
  else io.stdout(output as string);
  return EXIT_OK;
}
