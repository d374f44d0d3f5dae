// `luoshi test [PATHS]`: runs plans' own tests (`*.test.yaml` beside each plan; docs/testing.md).
// Files → parse → compile the plan → load referenced data → bind names → run → text | JSON | JUnit | TAP.
// Exit 0 all passed · 1 a test failed (or coverage below --threshold, or --fail-on-empty with none run) ·
// 2 could not run: a test file with a mistake (unknown name, bad date…) is reported as file:line:col and
// nothing runs, nothing is written.
import { existsSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compile } from '../../engine/check/compile.js';
import { formatDiagnosticText } from '../../engine/report/diagnostics-format.js';
import { parseTestFile } from '../../engine/tester/parse.js';
import { bindTestFile, type BoundFile, type DataSet } from '../../engine/tester/bind.js';
import { runBoundFile, selectedTests, type FileResult } from '../../engine/tester/run.js';
import type { EvaluateInput } from '../../engine/eval/evaluate.js';
import { evaluateOnEngine, parseEngine, type Engine } from '../sql/evaluate.js';
import { openPluginSession, skippedNote, type PluginSession } from '../plugins/session.js';
import { PLUGIN_OPTIONS } from './check.js';
import type { DataImporters } from '../loaders/index.js';
import { coverageOf, type Coverage, type CoveredFile } from '../../engine/tester/coverage.js';
import {
  renderLoadErrors,
  renderTestJUnit,
  renderTestJson,
  renderTestTap,
  renderTestText,
  summarize,
} from '../../engine/tester/format.js';
import type { ReplayFn } from '../../engine/tester/replay.js';
import type { TestFileError } from '../../engine/tester/yaml.js';
import type { DataSetRef } from '../../engine/tester/model.js';
import { dataKindOf, loadCases, loadProgress, loadStaffing } from '../loaders/index.js';
import { displayPath, expandPaths, nodeHost, readText } from '../host.js';
import { writeOutputFile } from '../files.js';
import { EXIT_CANNOT_RUN, EXIT_FAILED, EXIT_OK, UsageError, type CliIO } from '../io.js';
import { dataGate } from './gate.js';
import { metricsHelp, METRICS_OPTION, metricsRecorder, withMetrics } from '../metrics.js';
import type { Metrics } from '../../engine/pipeline/metrics.js';
import { BAR_FROM, type Progress, type ProgressFactory } from '../progress.js';

export const TEST_HELP = `luoshi test [PATH…] [options]

  Runs plan tests: *.test.yaml files (a folder: every test file in it and below; a .plan file: the test
  file beside it; default: the current folder). The format is described in docs/testing.md.

  --format text|json|junit|tap   output (default text)
  --out FILE                     write the output to FILE (whole, or not at all) instead of stdout
  --junit FILE                   also write a JUnit report to FILE (for CI, beside the readable output)
  --run PATTERN                  only tests whose name matches (a regular expression, case-insensitive)
  --coverage                     list the rules, conditions, targets and milestones no test exercised
  --threshold N                  with coverage: exit 1 when coverage is below N percent
  --fail-on-empty                exit 1 when no test ran
  --config PATH | --no-config    plugins (default: the luoshi.config.yaml of the tests' workspace root)
  --no-plugins                   read the configuration but load none of its plugins (built-in only)
  --watch                        run again when a plan, test or data file changes (Ctrl-C stops)
  --engine memory|duckdb         who computes the figures (default memory; docs/sql.md): each test's data,
                                 read by luoshi's loaders, in DuckDB's tables
  --db postgres://…              the figures computed by a PostgreSQL-family server (its session's
                                 temporary tables hold each test's data)
${metricsHelp(33)}

  exit 0: all passed · 1: a test failed (or coverage < N, or nothing ran with --fail-on-empty) · 2: could not run`;

const TEST_FILE = /\.test\.ya?ml$/;

export interface TestOptions {
  paths: string[];
  format: 'text' | 'json' | 'junit' | 'tap';
  out: string | null;
  /** Also write JUnit XML here. */
  junit: string | null;
  run: string | null;
  coverage: boolean;
  threshold: number | null;
  failOnEmpty: boolean;
  /** --metrics: time the stages (a table on stderr; `metrics` in JSON output). */
  metrics?: boolean;
  /** The engine's replay (defaults to evaluating each step). */
  replay?: ReplayFn;
  /** luoshi.config.yaml to use (default: found upward from the tests), or none. */
  config?: string;
  noConfig?: boolean;
  noPlugins?: boolean;
  /** Who computes the figures (`--engine duckdb`, `--db URL`): memory by default. */
  engine?: Exclude<Engine, { kind: 'memory' }>;
}

export function parseTestArgs(args: string[]): TestOptions & { watch: boolean; help: boolean } {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', default: 'text' },
      out: { type: 'string' },
      junit: { type: 'string' },
      run: { type: 'string' },
      coverage: { type: 'boolean', default: false },
      threshold: { type: 'string' },
      'fail-on-empty': { type: 'boolean', default: false },
      watch: { type: 'boolean', default: false },
      engine: { type: 'string' },
      db: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      ...PLUGIN_OPTIONS,
      ...METRICS_OPTION,
    },
  });
  const format = values.format!;
  if (!['text', 'json', 'junit', 'tap'].includes(format))
    throw new UsageError(`未知的输出格式 / unknown --format "${format}" (text, json, junit, tap)`);
  let threshold: number | null = null;
  if (values.threshold !== undefined) {
    threshold = Number(values.threshold);
    if (!Number.isFinite(threshold) || threshold < 0 || threshold > 100)
      throw new UsageError(
        `--threshold 应是 0 到 100 的数 / --threshold must be a number from 0 to 100, not "${values.threshold}"`,
      );
  }
  if (values.run !== undefined) matcher(values.run);
  const engine = parseEngine(values.engine, values.db);
  if (values.db?.startsWith('duckdb:'))
    throw new UsageError(
      '--db duckdb:文件 不适用于 test：测试用自己的数据（用 --engine duckdb） / --db duckdb:FILE does not apply to test: tests bring their own data (use --engine duckdb)',
    );
  return {
    ...(engine.kind !== 'memory' ? { engine } : {}),
    paths: positionals,
    format: format as TestOptions['format'],
    out: values.out ?? null,
    junit: values.junit ?? null,
    run: values.run ?? null,
    coverage: values.coverage! || threshold !== null,
    threshold,
    failOnEmpty: values['fail-on-empty']!,
    watch: values.watch!,
    help: values.help!,
    metrics: values.metrics === true,
    ...(values.config !== undefined ? { config: values.config } : {}),
    noConfig: values['no-config'] === true,
    noPlugins: values['no-plugins'] === true,
  };
}

/** --run PATTERN: a case-insensitive regular expression (or, when it is not one, a plain substring). */
export function matcher(pattern: string): (name: string) => boolean {
  try {
    const re = new RegExp(pattern, 'iu');
    return (n) => re.test(n);
  } catch {
    const p = pattern.toLowerCase();
    return (n) => n.toLowerCase().includes(p);
  }
}

/** The test files named by `paths` (display paths, relative to cwd). */
export function findTestFiles(paths: readonly string[], cwd: string): string[] {
  // Below a folder, in name order, skipping hidden folders and node_modules (never entered).
  const walk = (root: string): string[] => {
    const stack = [root];
    const found: string[] = [];
    while (stack.length) {
      const dir = stack.pop()!;
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.name.startsWith('.') || e.name === 'node_modules') continue;
        if (e.isDirectory()) stack.push(join(dir, e.name));
        else if (TEST_FILE.test(e.name)) found.push(join(dir, e.name));
      }
    }
    return found.sort();
  };
  const testFile = (abs: string, p: string): string => {
    if (abs.endsWith('.plan')) {
      const beside = [abs.replace(/\.plan$/, '.test.yaml'), abs.replace(/\.plan$/, '.test.yml')].find((f) =>
        existsSync(f),
      );
      if (!beside)
        throw new UsageError(
          `${p} 旁没有测试文件 / no test file beside ${p} (expected ${basename(abs).replace(/\.plan$/, '.test.yaml')})`,
        );
      return beside;
    }
    if (TEST_FILE.test(abs)) return abs;
    throw new UsageError(`不是测试文件（应为 *.test.yaml） / not a test file (*.test.yaml): ${p}`);
  };
  return [...new Set(expandPaths(paths.length ? paths : ['.'], cwd, walk, testFile))].map((f) => displayPath(cwd, f));
}

export interface Prepared {
  files: Array<{ bound: BoundFile; plan: string; libraryFiles: ReadonlySet<string> }>;
  errors: TestFileError[];
  /** Every file the run read (for --watch). */
  inputs: string[];
  warnings: string[];
}

/** Reads, compiles, loads and binds every test file; any error leaves the whole run unstarted. */
export async function prepare(
  testFiles: readonly string[],
  cwd: string,
  session: PluginSession | null = null,
  metrics?: Metrics,
): Promise<Prepared> {
  const errors: TestFileError[] = [];
  const warnings: string[] = [];
  const inputs = new Set<string>();
  const files: Prepared['files'] = [];
  const host = nodeHost(cwd);
  const dataCache = new Map<string, DataSet>();
  for (const file of testFiles) {
    const abs = resolve(cwd, file);
    inputs.add(abs);
    const text = readText(abs);
    if (text === null) {
      errors.push({ file, line: 1, col: 1, message: '无法读取测试文件 / cannot read the test file' });
      continue;
    }
    const parsed = parseTestFile(file, text);
    errors.push(...parsed.errors);
    if (!parsed.model) continue;
    const model = parsed.model;
    const dir = dirname(abs);
    const planAbs = resolve(dir, model.plan.text);
    if (!existsSync(planAbs) || !statSync(planAbs).isFile()) {
      errors.push({
        file,
        line: model.plan.loc.line,
        col: model.plan.loc.col,
        message: `找不到计划文件 / no such plan file: ${model.plan.text}`,
      });
      continue;
    }
    const plan = displayPath(cwd, planAbs);
    const compiled = compile(plan, host, { ...session?.compileOptions(), ...(metrics ? { metrics } : {}) });
    for (const f of compiled.files) inputs.add(resolve(cwd, f.path));
    if (compiled.errorCount > 0) {
      errors.push({
        file,
        line: model.plan.loc.line,
        col: model.plan.loc.col,
        message: `计划有错误，无法测试 / the plan has errors, it cannot be tested:\n${compiled.diagnostics
          .filter((d) => d.severity === 'error')
          .map((d) => `  ${formatDiagnosticText(d, 'zh')}`)
          .join('\n')}`,
      });
      continue;
    }
    const data = new Map<string, DataSet>();
    let dataOk = true;
    for (const ref of model.data) {
      try {
        const load = () => loadDataSet(ref, dir, cwd, dataCache, inputs, warnings, file, session?.importers());
        data.set(ref.name, await (metrics ? metrics.timeAsync('load', load) : load()));
      } catch (e) {
        if (!(e instanceof DataRefError)) throw e;
        errors.push({ file, line: e.loc.line, col: e.loc.col, message: e.message });
        dataOk = false;
      }
    }
    if (!dataOk) continue;
    const bound = bindTestFile(model, compiled.ir, data);
    errors.push(...bound.errors);
    if (!bound.bound || parsed.errors.length > 0) continue;
    files.push({
      bound: bound.bound,
      plan,
      libraryFiles: new Set(compiled.files.filter((f) => f.library).map((f) => f.path)),
    });
  }
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.col - b.col));
  return { files, errors, inputs: [...inputs], warnings };
}

class DataRefError extends Error {
  constructor(
    readonly loc: { line: number; col: number },
    message: string,
  ) {
    super(message);
  }
}

async function loadDataSet(
  ref: DataSetRef,
  dir: string,
  cwd: string,
  cache: Map<string, DataSet>,
  inputs: Set<string>,
  warnings: string[],
  file: string,
  importers?: DataImporters,
): Promise<DataSet> {
  const resolvePaths = (list: DataSetRef['cases']): string[] =>
    list.map((p) => {
      const abs = resolve(dir, p.text);
      if (!existsSync(abs))
        throw new DataRefError(p.loc, `找不到数据文件或目录 / no such data file or folder: ${p.text}`);
      return abs;
    });
  let cases = resolvePaths(ref.cases),
    progress = resolvePaths(ref.progress),
    staffing = resolvePaths(ref.staffing);
  if (ref.progress.length === 0 && ref.staffing.length === 0) {
    // The short form: folders hold all three kinds; files go by their names (progress*, staffing*).
    const all = cases;
    cases = all.filter((p) => statSync(p).isDirectory() || dataKindOf(p) === 'cases');
    progress = all.filter((p) => statSync(p).isDirectory() || dataKindOf(p) === 'progress');
    staffing = all.filter((p) => statSync(p).isDirectory() || dataKindOf(p) === 'staffing');
  }
  const key = JSON.stringify([cases, progress, staffing]);
  const hit = cache.get(key);
  if (hit) return hit;
  if (cases.length === 0)
    throw new DataRefError(ref.loc, `数据集 ${ref.name} 没有案件数据 / data set ${ref.name} has no case data`);
  const rel = (ps: string[]) => ps.map((p) => displayPath(cwd, p));
  const c = await loadCases(rel(cases), { cwd, ...(importers ? { importers } : {}) });
  const p = progress.length ? await loadProgress(rel(progress), { cwd }) : null;
  const s = staffing.length ? await loadStaffing(rel(staffing), { cwd }) : null;
  for (const f of [...c.stats.files, ...(p?.stats.files ?? []), ...(s?.stats.files ?? [])])
    inputs.add(resolve(cwd, f.file));
  // A data set that cannot be used stops the run (exit 2), as in `check --data`.
  const zh = dataGate(c, [p, s], 'zh');
  if (zh)
    throw new DataRefError(ref.loc, `数据集 ${ref.name}：${zh} / data set ${ref.name}: ${dataGate(c, [p, s], 'en')}`);
  const rejected = c.stats.rejected + (p?.stats.rejected ?? 0) + (s?.stats.rejected ?? 0);
  if (rejected > 0)
    warnings.push(
      `${file}: 数据集 ${ref.name} 有 ${rejected} 条记录被拒绝 / data set ${ref.name}: ${rejected} records rejected (luoshi check --data shows why)`,
    );
  const ds: DataSet = { store: c.store, progress: p?.records ?? [], staffing: s?.records ?? [] };
  cache.set(key, ds);
  return ds;
}

export interface RunOutcome {
  code: number;
  output: string;
  inputs: string[];
  junit: string | null;
}

/** One run: prepare, run, render. Never writes: the caller prints or saves `output`. */
export async function runTests(opts: TestOptions, io: CliIO): Promise<RunOutcome & { stderr: string }> {
  const testFiles = findTestFiles(opts.paths, io.cwd);
  // The plugins `luoshi check` would use (luoshi.config.yaml found from the tests upward, or --config).
  const session = await openPluginSession({
    cwd: io.cwd,
    from: testFiles,
    ...(opts.config ? { configPath: opts.config } : {}),
    noConfig: opts.noConfig === true,
    noPlugins: opts.noPlugins === true,
  });
  try {
    const r = await runPrepared(testFiles, opts, io, session);
    const note = skippedNote(session);
    return note ? { ...r, stderr: note + r.stderr } : r;
  } finally {
    await session.dispose();
  }
}

async function runPrepared(
  testFiles: string[],
  opts: TestOptions,
  io: CliIO,
  session: PluginSession,
): Promise<RunOutcome & { stderr: string }> {
  const metrics = metricsRecorder(opts.metrics);
  const prep = await prepare(testFiles, io.cwd, session, metrics);
  let stderr = prep.warnings.map((w) => `${w}\n`).join('');
  if (prep.errors.length > 0) {
    stderr += renderLoadErrors(prep.errors);
    stderr += `测试无法运行：${prep.errors.length} 个错误 / tests could not run: ${prep.errors.length} error${prep.errors.length === 1 ? '' : 's'}\n`;
    return { code: EXIT_CANNOT_RUN, output: '', junit: null, inputs: prep.inputs, stderr };
  }
  const filter = opts.run !== null ? matcher(opts.run) : undefined;
  const sqlEngine = opts.engine;
  const results: FileResult[] = [];
  const bar = testsBar(prep.files, filter, io.progress);
  try {
    for (const f of prep.files) {
      const h = await session.evalHooks(f.bound.ir);
      const hooks = { functions: h.functions, ...(h.addWorkdays ? { addWorkdays: h.addWorkdays } : {}) };
      const before = results.reduce((n, r) => n + r.results.length, 0);
      results.push(
        await runBoundFile(f.bound, f.plan, {
          ...(filter ? { filter } : {}),
          ...(opts.replay ? { replay: opts.replay } : {}),
          ...(sqlEngine ? { evaluate: (input: EvaluateInput) => evaluateOnEngine(input, sqlEngine) } : {}),
          hooks,
          ...(metrics ? { metrics } : {}),
          ...(bar ? { onProgress: (done: number) => bar.update(before + done) } : {}),
        }),
      );
    }
  } finally {
    bar?.stop();
  }
  const coverage: Coverage | null = opts.coverage
    ? coverageOf(prep.files.map((f, k): CoveredFile => ({ ...f, result: results[k]! })))
    : null;
  const rendered =
    opts.format === 'json'
      ? renderTestJson(results, coverage)
      : opts.format === 'junit'
        ? renderTestJUnit(results, coverage)
        : opts.format === 'tap'
          ? renderTestTap(results, coverage)
          : renderTestText(results, coverage, io.isTTY && opts.out === null);
  // Plan tests speak both languages (no --lang): so does their table.
  const output = withMetrics(rendered, opts.format, metrics, 'both', {
    stderr: (t) => {
      stderr += t;
    },
  });
  const s = summarize(results);
  let code = s.failed > 0 ? EXIT_FAILED : EXIT_OK;
  if (opts.failOnEmpty && s.total - s.skipped === 0) {
    stderr += '没有运行任何测试 / no test ran (--fail-on-empty)\n';
    code = EXIT_FAILED;
  }
  if (coverage && opts.threshold !== null && coverage.percent < opts.threshold) {
    stderr += `覆盖率 ${coverage.percent.toFixed(1)}% 低于阈值 ${opts.threshold}% / coverage ${coverage.percent.toFixed(1)}% is below the threshold ${opts.threshold}%\n`;
    code = EXIT_FAILED;
  }
  const junit = opts.junit !== null ? renderTestJUnit(results, coverage) : null;
  return { code, output, junit, inputs: prep.inputs, stderr };
}

/** A bar over the tests that run, when there are many or their data sets are large. */
function testsBar(
  files: ReadonlyArray<{ bound: BoundFile }>,
  filter: ((fullName: string) => boolean) | undefined,
  start: ProgressFactory | null | undefined,
): Progress | null {
  if (!start) return null;
  const tests = files.flatMap((f) => selectedTests(f.bound, filter));
  const cases = [...new Set(tests.map((t) => t.source.store))].reduce((n, s) => n + s.n, 0);
  if (tests.length === 0 || (tests.length < BAR_FROM.tests && cases < BAR_FROM.testedCases)) return null;
  return start('运行测试 / running tests', tests.length, 'tests');
}

async function once(opts: TestOptions, io: CliIO): Promise<RunOutcome> {
  const r = await runTests(opts, io);
  if (r.stderr) io.stderr(r.stderr);
  if (r.code !== EXIT_CANNOT_RUN) {
    if (opts.junit !== null && r.junit !== null) writeOutputFile(resolve(io.cwd, opts.junit), r.junit);
    if (opts.out !== null) writeOutputFile(resolve(io.cwd, opts.out), r.output);
    else io.stdout(r.output);
  }
  return r;
}

/**
 * --watch: run, then run again whenever a test file, a plan it compiles, a data file it reads, or a new
 * test file in a watched folder changes; stops when `signal` aborts (Ctrl-C). Folders are watched (not
 * files), so editors that save by replacing a file are seen too.
 */
export async function watchTests(opts: TestOptions, io: CliIO, signal: AbortSignal): Promise<number> {
  let last = EXIT_OK;
  let watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | null = null;
  let running = false,
    again = false;
  const closeAll = (): void => {
    for (const w of watchers) w.close();
    watchers = [];
  };
  const roots = (opts.paths.length ? opts.paths : ['.'])
    .map((p) => resolve(io.cwd, p))
    .filter((p) => existsSync(p) && statSync(p).isDirectory());

  const arm = (inputs: string[]): void => {
    closeAll();
    const watched = new Set(inputs);
    const dirs = new Set([...inputs.map((f) => dirname(f)), ...roots]);
    for (const d of dirs) {
      try {
        watchers.push(
          watch(d, { persistent: true }, (_event, name) => {
            if (!name) return;
            const full = join(d, name.toString());
            if (watched.has(full) || TEST_FILE.test(full) || full.endsWith('.plan'))
              schedule(displayPath(io.cwd, full));
          }),
        );
      } catch {
        /* a folder that vanished: it is watched again after the next run */
      }
    }
  };
  const run = async (why: string | null): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      if (why) io.stdout(`\n── ${why} 已更改，重新运行 / changed, running again ──\n`);
      try {
        const r = await once(opts, io);
        last = r.code;
        arm(r.inputs);
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        io.stderr(`luoshi test: ${e.message}\n`);
        last = EXIT_CANNOT_RUN;
        arm([]);
      }
      io.stdout('（监视中，Ctrl-C 退出 / watching, Ctrl-C to stop）\n');
    } finally {
      running = false;
    }
    if (again && !signal.aborted) {
      again = false;
      await run('文件 / files');
    }
  };
  const schedule = (why: string): void => {
    if (signal.aborted) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void run(why);
    }, 120);
  };
  await run(null);
  await new Promise<void>((done) => {
    if (signal.aborted) {
      done();
      return;
    }
    signal.addEventListener('abort', () => done(), { once: true });
  });
  if (timer) clearTimeout(timer);
  closeAll();
  return last;
}

export async function testCommand(args: string[], io: CliIO): Promise<number> {
  const opts = parseTestArgs(args);
  if (opts.help) {
    io.stdout(TEST_HELP + '\n');
    return EXIT_OK;
  }
  if (opts.watch) {
    const ac = new AbortController();
    const stop = (): void => ac.abort();
    process.once('SIGINT', stop);
    try {
      return await watchTests(opts, io, ac.signal);
    } finally {
      process.removeListener('SIGINT', stop);
    }
  }
  return (await once(opts, io)).code;
}
