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
import { PluginHost, type EvalHooks } from '../../engine/plugins/host.js';
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

const DEFAULT_CALL_TIMEOUT_MS = 10_000;
const DEFAULT_ACTIVATION_TIMEOUT_MS = 5000;

export interface PluginSessionOptions {
  cwd: string;
  /** Paths the command works on (plans, folders): the configuration is searched from the first one upward. */
  from?: readonly string[];
  /** `--config PATH`: this configuration, not a searched one. */
  configPath?: string;
  /** `--no-config`: no configuration, built-in plugins only. */
  noConfig?: boolean;
  /** `--no-plugins`: the configuration is read (limits, calendar) but none of its plugins is loaded. */
  noPlugins?: boolean;
  activationTimeoutMs?: number;
  callTimeoutMs?: number;
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
  /** Activates what the plan needs and returns the evaluator's hooks; UsageError when a function is unavailable. */
  evalHooks(ir: PlanIR): Promise<EvalHooks>;
  /** Format names that render `kind`. */
  formatNames(kind: FormatKind): string[];
  render(format: string, input: FormatInput, options: FormatOptions): Promise<string | null>;
  dispose(): Promise<void>;
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
    try { return { dir: dirname(req.resolve(spec)) }; } catch { /* try the next */ }
  }
  return { why: `未安装 npm 包 ${ref.name}（在 ${base} 或其上级的 node_modules 中找不到）`, whyEn: `npm package ${ref.name} is not installed (not found in node_modules from ${base} up)` };
}

/** How a configuration names a plugin, for messages. */
export const pluginLabel = (ref: PluginRef): string => (ref.kind === 'path' ? ref.path : ref.name);

/** A plugin reference's folder, or a P0012 diagnostic at its line of the configuration (`configFile` as shown). */
export function locatePlugin(ref: PluginRef, base: string, configFile: string): { dir: string } | { diagnostic: Diagnostic } {
  const where = pluginDir(ref, base);
  if ('dir' in where) return where;
  return { diagnostic: pluginDiagnostic('P0012', configFile, { plugin: pluginLabel(ref), why: `${where.why} / ${where.whyEn}` }, ref.line) };
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
export function readPluginFolder(dir: string, label: string, show: (abs: string) => string): PluginFolder | { diagnostic: Diagnostic } {
  const file = join(dir, 'plugin.json');
  const shown = show(file);
  if (!existsSync(file)) return { diagnostic: pluginDiagnostic('P0012', shown, { plugin: label, why: `${show(dir)} 中没有 plugin.json / no plugin.json in ${show(dir)}` }) };
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    return { diagnostic: pluginDiagnostic('P0001', shown, { plugin: label, path: '(JSON)', why: (e as Error).message, zhWhy: `不是有效的 JSON：${(e as Error).message}` }) };
  }
  const main = (manifest as { main?: unknown } | null)?.main;
  if (typeof main !== 'string') return { manifest, manifestFile: shown, entryPath: null };
  const entry = resolve(dir, main);
  if (!existsSync(entry) || !statSync(entry).isFile()) {
    const id = typeof (manifest as { id?: unknown }).id === 'string' ? (manifest as { id: string }).id : label;
    return { diagnostic: pluginDiagnostic('P0002', shown, { plugin: id, entry: main, why: `文件不存在 / no such file: ${show(entry)}` }) };
  }
  return { manifest, manifestFile: shown, entryPath: entry };
}

/** Reads `dir/plugin.json` and adds the plugin to the host (its entry imported only when activated). */
export function addPluginFolder(host: PluginHost, dir: string, cwd: string, settings: unknown, label: string): string | null {
  const folder = readPluginFolder(dir, label, (p) => displayPath(cwd, p));
  if ('diagnostic' in folder) { host.addDiagnostic(folder.diagnostic); return null; }
  const entry = folder.entryPath;
  const load = entry === null ? null : async () => (await import(pathToFileURL(entry).href)) as PluginModule;
  return host.addPlugin({ manifest: folder.manifest, manifestFile: folder.manifestFile, load, settings });
}

/** A host with the built-in plugins: the engine's (functions, calendar, formats) and Node's (data importers). */
export function createHarnessHost(opts: { activationTimeoutMs?: number | undefined; callTimeoutMs?: number | undefined } = {}): PluginHost {
  const host = new PluginHost({
    engineVersion: VERSION,
    ...(opts.activationTimeoutMs !== undefined ? { activationTimeoutMs: opts.activationTimeoutMs } : {}),
    ...(opts.callTimeoutMs !== undefined ? { callTimeoutMs: opts.callTimeoutMs } : {}),
  });
  addBuiltinPlugins(host);
  host.addPlugin({ manifest: IMPORTERS_MANIFEST, manifestFile: 'builtin:luoshi.importers', load: async () => IMPORTERS_MODULE, builtin: true });
  return host;
}

export async function openPluginSession(opts: PluginSessionOptions): Promise<PluginSession> {
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
  const host = createHarnessHost({ callTimeoutMs, activationTimeoutMs });
  const skipped = opts.noPlugins ? config.plugins.filter((r) => r.enabled).map(pluginLabel) : [];
  if (configAbs && !opts.noPlugins) {
    const base = dirname(configAbs);
    for (const ref of config.plugins) {
      if (!ref.enabled) continue;
      const where = locatePlugin(ref, base, configFile!);
      if ('diagnostic' in where) { early.push(where.diagnostic); continue; }
      addPluginFolder(host, where.dir, cwd, ref.settings, pluginLabel(ref));
    }
  }
  await host.activateEager();

  return {
    host, configFile, config, skipped, callTimeoutMs,
    workerOptions: { cwd, ...(configAbs ? { configPath: configAbs } : { noConfig: true }), ...(opts.noPlugins ? { noPlugins: true } : {}), callTimeoutMs, activationTimeoutMs },
    takeDiagnostics: () => [...early.splice(0), ...host.drainDiagnostics()],
    compileOptions: () => host.compileOptions(),
    async lint(result, entry) {
      if (result.errorCount > 0) return [];
      return host.lint(result.ir, result.files.map((f) => f.path), entry);
    },
    importers: () => dataImporters(host),
    async evalHooks(ir) {
      const hooks = await host.prepareEvaluation(ir, { ...(config.calendar ? { calendar: config.calendar } : {}), ...(configFile ? { configFile } : {}) });
      if (hooks.unavailable.length) {
        // The command ends here: the plugins' own diagnostics (why activation failed) go with the message.
        const why = [...early, ...host.drainDiagnostics()].filter((d) => d.severity === 'error').map((d) => `\n  ${d.file}: ${d.code}: ${d.message} / ${d.messageEn}`).join('');
        throw new UsageError(`计划调用的函数不可用（提供它的插件未能激活）：${hooks.unavailable.join('、')} / functions the plan calls are not available (their plugin failed to activate): ${hooks.unavailable.join(', ')}${why}`);
      }
      return hooks;
    },
    formatNames: (kind) => host.formats(kind).map((f) => f.name),
    render: (format, input, options) => host.render(format, input, options),
    dispose: () => host.dispose(),
  };
}

/** `--format NAME` for `kind`: a UsageError naming the formats there are when it is not one of them. */
export function checkFormat(session: PluginSession, format: string, kind: FormatKind, why?: string): void {
  const names = session.formatNames(kind);
  if (names.includes(format)) return;
  const any = session.host.formats().some((f) => f.name === format);
  if (any && why) throw new UsageError(why);
  throw new UsageError(any
    ? `--format ${format} 不能用于此处（可用：${names.join('、')}） / --format ${format} cannot be used here (available: ${names.join(', ')})`
    : `未知的输出格式 / unknown --format "${format}" (${names.join(', ')})`);
}

/** `--no-plugins` with a configuration that lists plugins: one line on stderr saying which were not loaded. */
export function skippedNote(session: PluginSession): string | null {
  if (!session.skipped.length) return null;
  return `注意：--no-plugins，未加载 ${session.configFile} 列出的插件：${session.skipped.join('、')}（只用内置插件） / note: --no-plugins: the plugins ${session.configFile} lists were not loaded: ${session.skipped.join(', ')} (built-in plugins only)\n`;
}
