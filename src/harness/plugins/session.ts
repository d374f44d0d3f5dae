// Plugins in the harness: finds luoshi.config.yaml (the plan's folder up to its workspace root, or
// --config; ../workspace-root.ts), loads the
// plugins it lists (a folder with plugin.json, or an installed npm package) next to the built-in ones,
// and gives the commands what they need: compile options, lints, data importers, evaluation hooks and
// report formats. Only plugins the configuration names run; a plan file can never load one.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CompileOptions, CompileResult } from '../../engine/check/compile.js';
import type { Diagnostic } from '../../engine/diagnostics/diagnostic.js';
import type { PlanIR } from '../../engine/ir/types.js';
import { PluginHost, irCalls, type CallWatcher, type EvalHooks, type WatchedCall } from '../../engine/plugins/host.js';
import type { FunctionImpl, Value } from '../../engine/eval/expr.js';
import type { Day } from '../../engine/time/calendar.js';
import { addBuiltinPlugins } from '../../engine/plugins/index.js';
import { parseConfig, type LuoshiConfig, type PluginRef } from '../../engine/plugins/config.js';
import { pluginDiagnostic } from '../../engine/plugins/diagnostics.js';
import type { FormatInput, FormatKind, FormatOptions, PluginModule } from '../../engine/plugins/api.js';
import { displayPath } from '../host.js';
import { UsageError } from '../io.js';
import { VERSION } from '../version.js';
import type { DataImporters } from '../loaders/index.js';
import { IMPORTERS_MANIFEST, IMPORTERS_MODULE } from './builtin-importers.js';
import { dataImporters } from './importers.js';
import { findConfig, folderOf } from '../workspace-root.js';

export { findConfig };
import { PluginWatchdog } from './watchdog.js';
import type { PluginSessionOptions } from './thread-protocol.js';

export type { PluginSessionOptions };

const DEFAULT_CALL_TIMEOUT_MS = 10_000;
const DEFAULT_ACTIVATION_TIMEOUT_MS = 5000;

/** How a session runs plugin code in this thread (the plugins' worker sets these). */
export interface LocalRunOptions {
  /** Told of each call into plugin code. */
  watch?: CallWatcher;
  /** Activate the `*` and `onStartup` plugins now (default true). */
  eager?: boolean;
}

export interface PluginSession {
  host: PluginHost;
  /** The configuration file used (display path), or null. */
  configFile: string | null;
  config: LuoshiConfig;
  /** The plugins the configuration lists that were not loaded because of `--no-plugins` (as it names them). */
  skipped: string[];
  /** How long one call into a plugin may take (the configuration's `limits.callMs`, default 10 s). */
  callTimeoutMs: number;
  /** Options that open the same session elsewhere (a worker thread): the configuration found, by its absolute path. */
  workerOptions: PluginSessionOptions;
  /** Plugin diagnostics reported since the last call (loading, activation, running). */
  takeDiagnostics(): Diagnostic[];
  compileOptions(): CompileOptions;
  /** Runs the plugins' lints on a compiled plan (only when it has no errors). */
  lint(result: CompileResult, entry: string): Promise<Diagnostic[]>;
  importers(): DataImporters;
  /**
   * Activates what the plan needs and returns the evaluator's hooks; UsageError when a function is unavailable.
   * With the plugins in their worker, the hooks call it and wait, watched (a call past the limit throws
   * P0007). `here: false`: the plan will be evaluated in a worker (plugin-worker.ts) when it needs plugin
   * code, so no hooks are needed here (the functions are then empty).
   */
  evalHooks(ir: PlanIR, opts?: { here?: boolean }): Promise<EvalHooks>;
  /** Format names that render `kind`. */
  formatNames(kind: FormatKind): string[];
  render(format: string, input: FormatInput, options: FormatOptions): Promise<string | null>;
  dispose(): Promise<void>;
  /** The plugins' worker was stopped (a call that never returned): the session cannot run plugin code any more. */
  stopped(): boolean;
}

function startDir(cwd: string, from: readonly string[] | undefined): string {
  const first = from?.[0];
  return first === undefined ? cwd : folderOf(resolve(cwd, first));
}

/** The folder of a plugin reference: a path relative to the configuration, or an installed package. */
export function pluginDir(ref: PluginRef, base: string): { dir: string } | { why: string; whyEn: string } {
  if (ref.kind === 'path') {
    const dir = resolve(base, ref.path.replace(/^~(?=\/)/, process.env.HOME ?? '~'));
    if (!existsSync(dir)) return { why: `目录不存在：${dir}`, whyEn: `no such folder: ${dir}` };
    if (!statSync(dir).isDirectory()) return { why: `不是目录：${dir}`, whyEn: `not a folder: ${dir}` };
    return { dir };
  }
  const req = createRequire(join(base, 'luoshi.config.yaml'));
  for (const spec of [`${ref.name}/plugin.json`, `${ref.name}/package.json`]) {
    try {
      return { dir: dirname(req.resolve(spec)) };
    } catch {
      /* try the next */
    }
  }
  return {
    why: `未安装 npm 包 ${ref.name}（在 ${base} 或其上级的 node_modules 中找不到）`,
    whyEn: `npm package ${ref.name} is not installed (not found in node_modules from ${base} up)`,
  };
}

/** How a configuration names a plugin, for messages. */
export const pluginLabel = (ref: PluginRef): string => (ref.kind === 'path' ? ref.path : ref.name);

/** A plugin reference's folder, or a P0012 diagnostic at its line of the configuration (`configFile` as shown). */
export function locatePlugin(
  ref: PluginRef,
  base: string,
  configFile: string,
): { dir: string } | { diagnostic: Diagnostic } {
  const where = pluginDir(ref, base);
  if ('dir' in where) return where;
  return {
    diagnostic: pluginDiagnostic(
      'P0012',
      configFile,
      { plugin: pluginLabel(ref), why: `${where.why} / ${where.whyEn}` },
      ref.line,
    ),
  };
}

export interface PluginFolder {
  /** plugin.json, parsed (not yet validated: the host does that). */
  manifest: unknown;
  /** plugin.json as `show` shows it. */
  manifestFile: string;
  /** The entry module (`main`, an existing file), or null for a plugin without code. */
  entryPath: string | null;
}

/**
 * Reads `dir/plugin.json` and finds its entry module: what the harness's and the server's hosts need,
 * or the diagnostic saying why not (P0012 no plugin.json, P0001 not JSON, P0002 no entry file).
 * `show` turns an absolute path into the one messages name.
 */
export function readPluginFolder(
  dir: string,
  label: string,
  show: (abs: string) => string,
): PluginFolder | { diagnostic: Diagnostic } {
  const file = join(dir, 'plugin.json');
  const shown = show(file);
  if (!existsSync(file))
    return {
      diagnostic: pluginDiagnostic('P0012', shown, {
        plugin: label,
        why: `${show(dir)} 中没有 plugin.json / no plugin.json in ${show(dir)}`,
      }),
    };
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    return {
      diagnostic: pluginDiagnostic('P0001', shown, {
        plugin: label,
        path: '(JSON)',
        why: (e as Error).message,
        zhWhy: `不是有效的 JSON：${(e as Error).message}`,
      }),
    };
  }
  const main = (manifest as { main?: unknown } | null)?.main;
  if (typeof main !== 'string') return { manifest, manifestFile: shown, entryPath: null };
  const entry = resolve(dir, main);
  if (!existsSync(entry) || !statSync(entry).isFile()) {
    const id = typeof (manifest as { id?: unknown }).id === 'string' ? (manifest as { id: string }).id : label;
    return {
      diagnostic: pluginDiagnostic('P0002', shown, {
        plugin: id,
        entry: main,
        why: `文件不存在 / no such file: ${show(entry)}`,
      }),
    };
  }
  return { manifest, manifestFile: shown, entryPath: entry };
}

/** Reads `dir/plugin.json` and adds the plugin to the host (its entry imported only when activated). */
export function addPluginFolder(
  host: PluginHost,
  dir: string,
  cwd: string,
  settings: unknown,
  label: string,
): string | null {
  const folder = readPluginFolder(dir, label, (p) => displayPath(cwd, p));
  if ('diagnostic' in folder) {
    host.addDiagnostic(folder.diagnostic);
    return null;
  }
  const entry = folder.entryPath;
  const load = entry === null ? null : async () => (await import(pathToFileURL(entry).href)) as PluginModule;
  return host.addPlugin({ manifest: folder.manifest, manifestFile: folder.manifestFile, load, settings });
}

/** A host with the built-in plugins: the engine's (functions, calendar, formats) and Node's (data importers). */
export function createHarnessHost(
  opts: {
    activationTimeoutMs?: number | undefined;
    callTimeoutMs?: number | undefined;
    watch?: CallWatcher | undefined;
  } = {},
): PluginHost {
  const host = new PluginHost({
    engineVersion: VERSION,
    ...(opts.watch ? { watch: opts.watch } : {}),
    ...(opts.activationTimeoutMs !== undefined ? { activationTimeoutMs: opts.activationTimeoutMs } : {}),
    ...(opts.callTimeoutMs !== undefined ? { callTimeoutMs: opts.callTimeoutMs } : {}),
  });
  addBuiltinPlugins(host);
  host.addPlugin({
    manifest: IMPORTERS_MANIFEST,
    manifestFile: 'builtin:luoshi.importers',
    load: async () => IMPORTERS_MODULE,
    builtin: true,
  });
  return host;
}

/**
 * The plugins of the configuration found (or given). When it lists plugins, their code runs in a watched
 * worker thread (./watchdog.ts): this thread keeps a host that only reads their manifests (what the
 * compiler and the loaders need) and runs the built-in plugins itself.
 */
export async function openPluginSession(
  opts: PluginSessionOptions,
  local: LocalRunOptions = {},
): Promise<PluginSession> {
  const { cwd } = opts;
  let configAbs: string | null = null;
  if (opts.configPath !== undefined) {
    configAbs = resolve(cwd, opts.configPath);
    if (!existsSync(configAbs)) throw new UsageError(`找不到配置文件 / no such configuration file: ${opts.configPath}`);
  } else if (!opts.noConfig) {
    configAbs = findConfig(startDir(cwd, opts.from));
  }
  const configFile = configAbs ? displayPath(cwd, configAbs) : null;
  let config: LuoshiConfig = { plugins: [] };
  const early: Diagnostic[] = [];
  if (configAbs) {
    const parsed = parseConfig(readFileSync(configAbs, 'utf8'), configFile!);
    config = parsed.config;
    early.push(...parsed.diagnostics);
  }
  // The configuration's limits, unless the caller set its own.
  const callTimeoutMs = opts.callTimeoutMs ?? config.limits?.callMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const activationTimeoutMs = opts.activationTimeoutMs ?? config.limits?.activationMs ?? DEFAULT_ACTIVATION_TIMEOUT_MS;
  const host = createHarnessHost({ callTimeoutMs, activationTimeoutMs, watch: local.watch });
  const skipped = opts.noPlugins ? config.plugins.filter((r) => r.enabled).map(pluginLabel) : [];
  if (configAbs && !opts.noPlugins) {
    const base = dirname(configAbs);
    for (const ref of config.plugins) {
      if (!ref.enabled) continue;
      const where = locatePlugin(ref, base, configFile!);
      if ('diagnostic' in where) {
        early.push(where.diagnostic);
        continue;
      }
      addPluginFolder(host, where.dir, cwd, ref.settings, pluginLabel(ref));
    }
  }
  const workerOptions: PluginSessionOptions = {
    cwd,
    ...(configAbs ? { configPath: configAbs } : { noConfig: true }),
    ...(opts.noPlugins ? { noPlugins: true } : {}),
    callTimeoutMs,
    activationTimeoutMs,
    inThisThread: true,
  };
  const evalOptions = {
    ...(config.calendar ? { calendar: config.calendar } : {}),
    ...(configFile ? { configFile } : {}),
  };
  const unavailable = (names: string[], why: Diagnostic[]): UsageError => {
    // The command ends here: the plugins' own diagnostics (why activation failed) go with the message.
    const lines = why
      .filter((d) => d.severity === 'error')
      .map((d) => `\n  ${d.file}: ${d.code}: ${d.message} / ${d.messageEn}`)
      .join('');
    return new UsageError(
      `计划调用的函数不可用（提供它的插件未能激活）：${names.join('、')} / functions the plan calls are not available (their plugin failed to activate): ${names.join(', ')}${lines}`,
    );
  };
  const base = {
    host,
    configFile,
    config,
    skipped,
    callTimeoutMs,
    workerOptions,
    compileOptions: () => host.compileOptions(),
    formatNames: (kind: FormatKind) => host.formats(kind).map((f) => f.name),
  };
  const theirs = host.plugins().filter((p) => !p.builtin);

  if (opts.inThisThread || theirs.length === 0) {
    if (local.eager !== false) await host.activateEager();
    return {
      ...base,
      takeDiagnostics: () => [...early.splice(0), ...host.drainDiagnostics()],
      async lint(result, entry) {
        if (result.errorCount > 0) return [];
        return host.lint(
          result.ir,
          result.files.map((f) => f.path),
          entry,
        );
      },
      importers: () => dataImporters(host),
      async evalHooks(ir) {
        const hooks = await host.prepareEvaluation(ir, evalOptions);
        if (hooks.unavailable.length) throw unavailable(hooks.unavailable, [...early, ...host.drainDiagnostics()]);
        return hooks;
      },
      render: (format, input, options) => host.render(format, input, options),
      dispose: () => host.dispose(),
      stopped: () => false,
    };
  }

  // The configuration's plugins run in the watched worker; this host runs only the built-in ones.
  const reported: Diagnostic[] = [];
  const dog = new PluginWatchdog(workerOptions, (ds) => reported.push(...ds));
  const isTheirs = (plugin: string | undefined): boolean => plugin !== undefined && theirs.some((p) => p.id === plugin);
  const eager = theirs.some(
    (p) => p.state !== 'disabled' && (p.activationEvents.includes('*') || p.activationEvents.includes('onStartup')),
  );
  const linting = theirs.some(
    (p) => p.state !== 'disabled' && ((p.contributes?.lints?.length ?? 0) > 0 || p.activationEvents.includes('onLint')),
  );
  if (eager) await dog.start();
  return {
    ...base,
    takeDiagnostics: () => [...early.splice(0), ...host.drainDiagnostics(), ...reported.splice(0)],
    async lint(result, entry) {
      if (result.errorCount > 0) return [];
      const files = result.files.map((f) => f.path);
      return linting ? dog.call('lint', result.ir, files, entry) : host.lint(result.ir, files, entry);
    },
    importers: () => dataImporters(host, dog.importer),
    async evalHooks(ir, o = {}) {
      const fns = host.functionSignatures();
      const cal = config.calendar;
      const needed =
        [...irCalls(ir)].some((name) => isTheirs(fns.find((f) => f.name === name)?.plugin)) ||
        (cal !== undefined && isTheirs(host.calendars().find((c) => c.id === cal)?.plugin));
      if (!needed) {
        const hooks = await host.prepareEvaluation(ir, evalOptions);
        if (hooks.unavailable.length) throw unavailable(hooks.unavailable, [...early, ...host.drainDiagnostics()]);
        return hooks;
      }
      // Activated in the worker, watched.
      const there = await dog.call('prepare', ir, cal ?? null, configFile);
      if (there.unavailable.length)
        throw unavailable(there.unavailable, [...early, ...host.drainDiagnostics(), ...reported]);
      if (o.here === false)
        return { functions: { get: () => undefined }, calendar: there.calendar, unavailable: [], inProcessOnly: true };
      // Evaluated in this thread: each call runs in the worker while this thread waits, watched.
      await dog.openSync();
      const who = (what: string, whatZh: string, plugin: string): Omit<WatchedCall, 'ms'> => ({
        plugin,
        manifestFile: host.plugin(plugin)?.manifestFile ?? plugin,
        what,
        whatZh,
      });
      const table = new Map<string, FunctionImpl>();
      for (const name of irCalls(ir)) {
        const by = who(name, `计算 ${name} `, fns.find((f) => f.name === name)?.plugin ?? '?');
        table.set(name, (args) => dog.callSync({ kind: 'function', name, args: [...args] }, by) as Value);
      }
      const calBy = who(
        `calendar ${there.calendar}`,
        `计算 calendar ${there.calendar} `,
        host.calendars().find((c) => c.id === there.calendar)?.plugin ?? there.calendar,
      );
      return {
        functions: { get: (n) => table.get(n) },
        calendar: there.calendar,
        unavailable: [],
        inProcessOnly: true,
        ...(there.calendar !== 'weekdays'
          ? { addWorkdays: (day: Day, n: number) => dog.callSync({ kind: 'workdays', day, n }, calBy) as Day }
          : {}),
      };
    },
    render: (format, input, options) =>
      isTheirs(host.formats().find((f) => f.name === format)?.plugin)
        ? dog.call('render', format, input, options)
        : host.render(format, input, options),
    async dispose() {
      await dog.dispose();
      await host.dispose();
    },
    stopped: () => dog.stopped !== null,
  };
}

/** `--format NAME` for `kind`: a UsageError naming the formats there are when it is not one of them. */
export function checkFormat(session: PluginSession, format: string, kind: FormatKind, why?: string): void {
  const names = session.formatNames(kind);
  if (names.includes(format)) return;
  const any = session.host.formats().some((f) => f.name === format);
  if (any && why) throw new UsageError(why);
  throw new UsageError(
    any
      ? `--format ${format} 不能用于此处（可用：${names.join('、')}） / --format ${format} cannot be used here (available: ${names.join(', ')})`
      : `未知的输出格式 / unknown --format "${format}" (${names.join(', ')})`,
  );
}

/** `--no-plugins` with a configuration that lists plugins: one line on stderr saying which were not loaded. */
export function skippedNote(session: PluginSession): string | null {
  if (!session.skipped.length) return null;
  return `注意：--no-plugins，未加载 ${session.configFile} 列出的插件：${session.skipped.join('、')}（只用内置插件） / note: --no-plugins: the plugins ${session.configFile} lists were not loaded: ${session.skipped.join(', ')} (built-in plugins only)\n`;
}
