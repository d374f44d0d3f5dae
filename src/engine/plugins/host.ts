// The plugin host: registers plugins (manifest validated, engine version checked, contributions claimed),
// activates them eagerly or on an event (`onFunction:工作日数`, `onFormat:xlsx`, …), keeps every
// registration as a disposable, deactivates them, and isolates them: whatever a plugin throws, returns
// wrongly or hangs on is reported as a diagnostic naming the plugin, and the rest keeps working.
// Platform-neutral: loading a plugin's code is the caller's business (`load()`), so the harness imports
// files and the workbench can hand over modules. What each kind of contribution does (functions and the
// calendar, lints, formats, importers, commands and views) is a service in services/, over services/core.ts.
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CompileOptions } from '../check/compile.js';
import type { FunctionSignature } from '../check/functions.js';
import type { PlanIR } from '../ir/types.js';
import { EVENT_TYPES } from '../domain/vocabulary.js';
import type {
  CalendarProvider,
  CommandHandler,
  Disposable,
  EventTypeDecl,
  FormatDecl,
  FormatInput,
  FormatOptions,
  FormatRenderer,
  FunctionImplementation,
  Importer,
  LintDecl,
  LintProvider,
  PluginContext,
  PluginManifest,
  PluginModule,
  RecordKind,
  ViewProvider,
  WorkbenchApi,
} from './api.js';
import { ManifestValidator, validateSettings } from './manifest.js';
import { STANDARD_POINTS, type ContributionPoint } from './points.js';
import { POINT_NAMES, WHEN_NAMES, pluginDiagnostic, type PluginCode } from './diagnostics.js';
import { satisfies } from './semver.js';
import { errorText, guarded, type Outcome } from './timeout.js';
import type { Calendar } from './calendar.js';
import * as compileServices from './services/compile.js';
import * as evaluationServices from './services/evaluation.js';
import * as lintServices from './services/lints.js';
import * as formatServices from './services/formats.js';
import * as importerServices from './services/importers.js';
import * as workbenchServices from './services/workbench.js';
import type {
  CalendarInfo,
  CommandInfo,
  Entry,
  EvalHooks,
  FormatInfo,
  HostCore,
  ImporterInfo,
  PluginRecord,
  PluginState,
  ViewInfo,
} from './services/core.js';

export type {
  CalendarInfo,
  CommandInfo,
  Entry,
  EvalHooks,
  FormatInfo,
  ImporterInfo,
  PluginState,
  ViewInfo,
} from './services/core.js';
export { irCalls } from './services/evaluation.js';
export { globMatch } from './services/importers.js';

export interface AddPluginInput {
  /** The parsed plugin.json (validated here). */
  manifest: unknown;
  /** Where the manifest is, for diagnostics ('examples/plugins/x/plugin.json', 'builtin:luoshi.formats'). */
  manifestFile: string;
  /** Loads the entry module (an `import()`); null for a plugin without code. */
  load: (() => Promise<PluginModule>) | null;
  /** The plugin's settings from the configuration (validated against its schema). */
  settings?: unknown;
  /** Built into luoshi: trusted, not timed. */
  builtin?: boolean;
}

export interface PluginInfo {
  id: string;
  name: string;
  version: string;
  description: string | null;
  builtin: boolean;
  state: PluginState;
  manifestFile: string;
  activationEvents: string[];
  contributes: PluginManifest['contributes'];
}

export interface HostOptions {
  engineVersion: string;
  /** How long activation may take (default 5 s). */
  activationTimeoutMs?: number;
  /** How long a call into a plugin may take (default 10 s; a function: per call). */
  callTimeoutMs?: number;
  log?: (pluginId: string, message: string) => void;
  /** The workbench's API, given to plugins as `context.workbench` (only in the page). */
  workbench?: WorkbenchApi;
  /** Told before each call into a plugin's code (not a built-in one's); the returned function when it is over. */
  watch?: CallWatcher;
}

/** A call into a plugin, as a watchdog names it: `what` is 'activate', 'lint X', 'format X', …. */
export interface WatchedCall {
  plugin: string;
  manifestFile: string;
  what: string;
  whatZh: string;
  ms: number;
}
export type CallWatcher = (call: WatchedCall) => () => void;

/** Words of the language a function may not be named (a call would never reach it). */
const RESERVED_FUNCTION_NAMES = new Set([
  '计数',
  'count',
  '求和',
  'sum',
  '平均',
  'mean',
  '事件数',
  'eventcount',
  '首次',
  'first',
  '有',
  'has',
  '无',
  'lacks',
]);

type ListenerFn = () => void;

export class PluginHost {
  readonly engineVersion: string;
  private readonly activationTimeoutMs: number;
  private readonly callTimeoutMs: number;
  private readonly records = new Map<string, PluginRecord>();
  private readonly points: ContributionPoint[] = [...STANDARD_POINTS];
  private readonly validator = new ManifestValidator(() => this.points);
  /** Items of every point, by key. */
  private readonly entries = new Map<string, Map<string, Entry<unknown, unknown>>>();
  /** Lint codes claimed, by code: the plugin. */
  private readonly lintCodes = new Map<string, string>();
  private readonly listeners = new Set<ListenerFn>();
  private readonly found: Diagnostic[] = [];
  private readonly log: (pluginId: string, message: string) => void;
  private readonly workbench: WorkbenchApi | undefined;
  private readonly watch: CallWatcher | undefined;
  private loads: Promise<void> = Promise.resolve();

  constructor(opts: HostOptions) {
    this.engineVersion = opts.engineVersion;
    this.activationTimeoutMs = opts.activationTimeoutMs ?? 5000;
    this.callTimeoutMs = opts.callTimeoutMs ?? 10_000;
    this.log = opts.log ?? (() => undefined);
    this.workbench = opts.workbench;
    this.watch = opts.watch;
    for (const p of this.points) this.entries.set(p.name, new Map());
    this.core = {
      callTimeoutMs: this.callTimeoutMs,
      live: (point) => this.live(point),
      implOf: (point, key) => this.implOf(point, key),
      record: (id) => this.records.get(id),
      activateByEvent: (event) => this.activateByEvent(event),
      report: (code, rec, params) => this.report(code, rec, params),
      trouble: (rec, code, when, extra) => this.trouble(rec, code, when, extra),
      guard: (rec, what, whatZh, f, ms) => this.guard(rec, what, whatZh, f, ms),
      lastDiagnostic: () => this.found[this.found.length - 1]!,
    };
  }

  // ---------------------------------------------------------------- diagnostics and changes

  /** Everything reported so far. */
  get diagnostics(): readonly Diagnostic[] {
    return this.found;
  }

  /** Reports a problem found before a manifest reached the host (a loader: no plugin.json, bad JSON). */
  addDiagnostic(d: Diagnostic): void {
    this.found.push(d);
  }

  /** Takes the diagnostics reported so far (each is handed out once). */
  drainDiagnostics(): Diagnostic[] {
    return this.found.splice(0);
  }

  private report(
    code: PluginCode,
    rec: { manifestFile: string } | string,
    params: Record<string, string | number>,
  ): void {
    const file = typeof rec === 'string' ? rec : rec.manifestFile;
    this.found.push(pluginDiagnostic(code, file, params));
  }

  private trouble(
    rec: PluginRecord,
    code: 'P0006' | 'P0007' | 'P0008',
    when: string,
    extra: Record<string, string | number>,
  ): void {
    const w = WHEN_NAMES[when] ?? { zh: when, en: when };
    this.report(code, rec, { plugin: rec.id, when: w.en, whenZh: w.zh, ...extra });
  }

  /** `guarded`, with the call shown to the watcher (if any) while it runs. */
  private async guard<T>(
    rec: PluginRecord,
    what: string,
    whatZh: string,
    f: () => T | Promise<T>,
    ms: number,
  ): Promise<Outcome<T>> {
    const done = rec.builtin
      ? undefined
      : this.watch?.({ plugin: rec.id, manifestFile: rec.manifestFile, what, whatZh, ms });
    try {
      return await guarded(f, ms);
    } finally {
      done?.();
    }
  }

  /** Called whenever plugins or contributions change (the workbench re-reads its lists). */
  onDidChange(listener: ListenerFn): Disposable {
    this.listeners.add(listener);
    return {
      dispose: () => {
        this.listeners.delete(listener);
      },
    };
  }

  private changed(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch {
        /* a listener's fault is its own */
      }
    }
  }

  // ---------------------------------------------------------------- contribution points

  /** Adds a contribution point (its schema joins the manifest's); before plugins that use it are added. */
  registerContributionPoint(point: ContributionPoint): Disposable {
    if (this.points.some((p) => p.name === point.name))
      throw new Error(`contribution point ${point.name} already exists`);
    this.points.push(point);
    this.entries.set(point.name, new Map());
    this.validator.invalidate();
    return {
      dispose: () => {
        const k = this.points.indexOf(point);
        if (k >= 0) this.points.splice(k, 1);
        this.validator.invalidate();
      },
    };
  }

  /** The manifest's JSON Schema as composed from the points now registered. */
  manifestSchema(): Record<string, unknown> {
    return this.validator.schema();
  }

  private table<D, I>(point: string): Map<string, Entry<D, I>> {
    return this.entries.get(point) as Map<string, Entry<D, I>>;
  }

  /**
   * The items of a point, but those of disabled plugins. A plugin that failed keeps its declarations (so
   * a plan compiles the same whenever activation happens); using what it failed to implement is reported.
   */
  private live<D, I>(point: string): Array<Entry<D, I>> {
    return [...this.table<D, I>(point).values()].filter((e) => this.records.get(e.plugin)?.state !== 'disabled');
  }

  // ---------------------------------------------------------------- adding plugins

  /** Validates and registers a plugin (not activated). Returns its id, or null when it was refused. */
  addPlugin(input: AddPluginInput): string | null {
    const raw = input.manifest as { id?: unknown } | null;
    const label = raw && typeof raw === 'object' && typeof raw.id === 'string' ? raw.id : input.manifestFile;
    const problems = this.validator.validate(input.manifest);
    if (problems.length) {
      for (const p of problems)
        this.report('P0001', input.manifestFile, { plugin: label, path: p.path, why: p.en, zhWhy: p.zh });
      return null;
    }
    const m = input.manifest as PluginManifest;
    if (!satisfies(this.engineVersion, m.engines.luoshi)) {
      this.report('P0003', input.manifestFile, { plugin: m.id, range: m.engines.luoshi, version: this.engineVersion });
      return null;
    }
    const prev = this.records.get(m.id);
    if (prev) {
      this.report('P0004', input.manifestFile, {
        plugin: m.id,
        other: prev.manifestFile,
        location: input.manifestFile,
      });
      return null;
    }
    const settings = validateSettings(m.settings, input.settings);
    for (const p of settings.problems)
      this.report('P0010', input.manifestFile, { plugin: m.id, path: p.path, why: p.en, zhWhy: p.zh });
    const rec: PluginRecord = {
      id: m.id,
      manifest: m,
      manifestFile: input.manifestFile,
      builtin: input.builtin === true,
      state: settings.problems.length ? 'disabled' : 'inactive',
      settings: Object.freeze(settings.value),
      load: m.main ? input.load : null,
      module: null,
      api: undefined,
      activation: null,
      events: new Set(m.activationEvents ?? []),
      subscriptions: [],
      generation: 0,
    };
    this.records.set(m.id, rec);
    if (rec.state === 'disabled') return m.id;
    this.claim(rec);
    this.changed();
    return m.id;
  }

  /** Claims the plugin's declared contributions; a name already taken is a conflict (the first keeps it). */
  private claim(rec: PluginRecord): void {
    const c = (rec.manifest.contributes ?? {}) as Record<string, unknown[] | undefined>;
    for (const point of this.points) {
      const table = this.table<unknown, unknown>(point.name);
      for (const item of c[point.name] ?? []) {
        const key = point.keyOf(item);
        const names = POINT_NAMES[point.name] ?? { zh: point.title.zh, en: point.title.en };
        const taken =
          table.get(key)?.plugin ??
          (point.name === 'eventTypes' && (EVENT_TYPES as readonly string[]).includes(key)
            ? '(标准词汇 / the standard vocabulary)'
            : undefined) ??
          (point.name === 'functions' && RESERVED_FUNCTION_NAMES.has(key)
            ? '(计划语言 / the plan language)'
            : undefined);
        if (taken !== undefined) {
          this.report('P0005', rec, { plugin: rec.id, point: names.en, pointZh: names.zh, name: key, other: taken });
          continue;
        }
        if (point.name === 'lints') {
          const clash = Object.keys((item as LintDecl).codes).find((code) => this.lintCodes.has(code));
          if (clash) {
            this.report('P0005', rec, {
              plugin: rec.id,
              point: 'diagnostic code',
              pointZh: '诊断代码',
              name: clash,
              other: this.lintCodes.get(clash)!,
            });
            continue;
          }
          for (const code of Object.keys((item as LintDecl).codes)) this.lintCodes.set(code, rec.id);
        }
        table.set(key, { key, plugin: rec.id, decl: item, impl: undefined });
        const ev = point.activationEvent?.(key);
        if (ev) rec.events.add(ev);
        if (point.name === 'functions') rec.events.add(`onIndicator:${key}`);
      }
    }
  }

  plugins(): PluginInfo[] {
    return [...this.records.values()].map((r) => ({
      id: r.id,
      name: r.manifest.name,
      version: r.manifest.version,
      description: r.manifest.description ?? null,
      builtin: r.builtin,
      state: r.state,
      manifestFile: r.manifestFile,
      activationEvents: [...r.events],
      contributes: r.manifest.contributes,
    }));
  }

  plugin(id: string): PluginInfo | undefined {
    return this.plugins().find((p) => p.id === id);
  }

  /** What an active plugin's activate() returned. */
  api(id: string): unknown {
    return this.records.get(id)?.api;
  }

  // ---------------------------------------------------------------- activation

  /** Activates plugins with `*` or `onStartup`. */
  async activateEager(): Promise<void> {
    await this.activateByEvent('*');
    await this.activateByEvent('onStartup');
  }

  /** Activates every plugin listening for `event` (in parallel); resolves when all have settled. */
  async activateByEvent(event: string): Promise<void> {
    const ids = [...this.records.values()]
      .filter((r) => r.events.has(event) && (r.state === 'inactive' || r.state === 'activating'))
      .map((r) => r.id);
    await Promise.all(ids.map((id) => this.activate(id)));
  }

  /** Activates a plugin: true when it is active. Never throws: problems are reported. */
  activate(id: string): Promise<boolean> {
    const rec = this.records.get(id);
    if (!rec || rec.state === 'disabled' || rec.state === 'failed') return Promise.resolve(false);
    if (rec.state === 'active') return Promise.resolve(true);
    if (rec.activation) return rec.activation;
    rec.state = 'activating';
    rec.activation = this.doActivate(rec).then((ok) => {
      rec.activation = null;
      rec.state = ok ? 'active' : 'failed';
      this.changed();
      return ok;
    });
    return rec.activation;
  }

  private async doActivate(rec: PluginRecord): Promise<boolean> {
    const gen = ++rec.generation;
    if (!rec.load) return true; // declarative: nothing to run
    const timeout = rec.builtin ? 10 * 60_000 : this.activationTimeoutMs;
    const loaded = await this.loadModule(rec, timeout);
    if (!loaded.ok) {
      if (loaded.timedOut) this.trouble(rec, 'P0007', 'activate', { ms: timeout });
      else this.report('P0002', rec, { plugin: rec.id, entry: rec.manifest.main ?? '', why: errorText(loaded.error) });
      return false;
    }
    const mod = loaded.value as PluginModule | null;
    if (
      !mod ||
      typeof mod !== 'object' ||
      typeof mod.activate !== 'function' ||
      (mod.deactivate !== undefined && typeof mod.deactivate !== 'function')
    ) {
      this.trouble(rec, 'P0008', 'activate', {
        why: `入口模块应导出函数 activate(context) / the entry module must export a function activate(context)`,
      });
      return false;
    }
    rec.module = mod;
    const ctx = this.contextFor(rec, gen);
    const r = await this.guard(rec, 'activate', '激活', () => mod.activate!(ctx), timeout);
    if (!r.ok) {
      rec.generation++; // registrations still to come from this activation are ignored
      if (r.timedOut) this.trouble(rec, 'P0007', 'activate', { ms: timeout });
      else this.trouble(rec, 'P0006', 'activate', { why: errorText(r.error) });
      this.disposeAll(rec);
      return false;
    }
    rec.api = r.value;
    // Declared items that need code must now have it.
    const c = (rec.manifest.contributes ?? {}) as Record<string, unknown[] | undefined>;
    for (const point of this.points) {
      for (const item of c[point.name] ?? []) {
        if (!point.needsImplementation(item)) continue;
        const e = this.table<unknown, unknown>(point.name).get(point.keyOf(item));
        if (e && e.plugin === rec.id && e.impl === undefined) {
          const names = POINT_NAMES[point.name] ?? { zh: point.title.zh, en: point.title.en };
          this.report('P0009', rec, { plugin: rec.id, point: names.en, pointZh: names.zh, name: e.key });
        }
      }
    }
    return true;
  }

  /**
   * Imports a plugin's module (its top-level code runs). Watched, one at a time: top-level code that
   * never returns is then always the call begun last, so a watchdog names the right plugin.
   */
  private loadModule(rec: PluginRecord, timeout: number): Promise<Outcome<PluginModule>> {
    const load = (): Promise<Outcome<PluginModule>> =>
      this.guard(rec, 'module evaluation', '执行模块顶层代码', () => rec.load!(), timeout);
    if (!this.watch || rec.builtin) return load();
    const turn = this.loads.then(load);
    this.loads = turn.then(() => undefined);
    return turn;
  }

  private contextFor(rec: PluginRecord, gen: number): PluginContext {
    const register =
      <I>(point: string, check: (impl: unknown) => string | null) =>
      (name: string, impl: I): Disposable => {
        const names = POINT_NAMES[point] ?? { zh: point, en: point };
        const noop: Disposable = { dispose: () => undefined };
        if (gen !== rec.generation) return noop;
        const e = this.table<unknown, unknown>(point).get(name);
        if (!e || e.plugin !== rec.id) {
          // Declared but lost to another plugin (reported when it was added), or not declared at all.
          const p = this.points.find((x) => x.name === point);
          const declared = (
            (rec.manifest.contributes as Record<string, unknown[] | undefined> | undefined)?.[point] ?? []
          ).some((item) => p?.keyOf(item) === name);
          if (!declared) this.report('P0013', rec, { plugin: rec.id, point: names.en, pointZh: names.zh, name });
          return noop;
        }
        const bad = check(impl);
        if (bad) {
          this.trouble(rec, 'P0008', 'activate', { why: `${names.en} "${name}": ${bad}` });
          return noop;
        }
        e.impl = impl;
        const d: Disposable = {
          dispose: () => {
            if (e.impl === impl) {
              e.impl = undefined;
              this.changed();
            }
          },
        };
        rec.subscriptions.push(d);
        this.changed();
        return d;
      };
    const fn =
      (what: string) =>
      (x: unknown): string | null =>
        typeof x === 'function' ? null : `应为函数 / ${what} must be a function`;
    const method =
      (m: string) =>
      (x: unknown): string | null =>
        x && typeof x === 'object' && typeof (x as Record<string, unknown>)[m] === 'function'
          ? null
          : `应为带 ${m}() 方法的对象 / must be an object with a ${m}() method`;
    return {
      id: rec.id,
      manifest: rec.manifest,
      settings: rec.settings,
      engineVersion: this.engineVersion,
      subscriptions: rec.subscriptions,
      log: (message) => this.log(rec.id, String(message)),
      functions: { register: register<FunctionImplementation>('functions', fn('a function implementation')) },
      lints: { register: register<LintProvider>('lints', method('check')) },
      importers: { register: register<Importer>('importers', method('parse')) },
      formats: { register: register<FormatRenderer>('formats', method('render')) },
      calendars: { register: register<CalendarProvider>('calendars', method('isWorkday')) },
      commands: { register: register<CommandHandler>('commands', fn('a command handler')) },
      views: {
        register: register<ViewProvider>('views', (x) => (x === undefined || x === null ? 'must be given' : null)),
      },
      ...(this.workbench ? { workbench: this.workbench } : {}),
    };
  }

  /** Deactivates a plugin: its deactivate(), then every registration disposed (last first). */
  async deactivate(id: string): Promise<void> {
    const rec = this.records.get(id);
    if (!rec) return;
    if (rec.activation) await rec.activation;
    if (rec.state !== 'active') return;
    rec.generation++;
    const mod = rec.module;
    if (mod?.deactivate) {
      const r = await this.guard(
        rec,
        'deactivate',
        '停用',
        () => mod.deactivate!(),
        rec.builtin ? 60_000 : this.activationTimeoutMs,
      );
      if (!r.ok) {
        if (r.timedOut) this.trouble(rec, 'P0007', 'deactivate', { ms: this.activationTimeoutMs });
        else this.trouble(rec, 'P0006', 'deactivate', { why: errorText(r.error) });
      }
    }
    this.disposeAll(rec);
    rec.state = 'inactive';
    rec.api = undefined;
    this.changed();
  }

  private disposeAll(rec: PluginRecord): void {
    for (const d of rec.subscriptions.splice(0).reverse()) {
      try {
        d.dispose();
      } catch (e) {
        this.trouble(rec, 'P0006', 'deactivate', { why: errorText(e) });
      }
    }
  }

  /** Deactivates every plugin. */
  async dispose(): Promise<void> {
    for (const id of [...this.records.keys()].reverse()) await this.deactivate(id);
  }

  /** Activates the plugin that owns an entry; the entry's implementation afterwards (if it has one). */
  private async implOf<D, I>(point: string, key: string): Promise<Entry<D, I> | undefined> {
    const e = this.table<D, I>(point).get(key);
    if (!e) return undefined;
    const ev = this.points.find((p) => p.name === point)?.activationEvent?.(key);
    if (ev) await this.activateByEvent(ev);
    await this.activate(e.plugin);
    return e;
  }

  // ---------------------------------------------------------------- contributions (services/)

  private readonly core: HostCore;

  functionSignatures(): FunctionSignature[] {
    return compileServices.functionSignatures(this.core);
  }
  eventTypes(): EventTypeDecl[] {
    return compileServices.eventTypes(this.core);
  }
  /** For `compile(entry, host, options)`: the contributed event types and function signatures. */
  compileOptions(): CompileOptions {
    return compileServices.compileOptions(this.core);
  }

  /** Activates what a compiled plan needs (its functions, the calendar) and hands the evaluator its hooks. */
  prepareEvaluation(ir: PlanIR, opts: { calendar?: string; configFile?: string } = {}): Promise<EvalHooks> {
    return evaluationServices.prepareEvaluation(this.core, ir, opts);
  }
  calendars(): CalendarInfo[] {
    return evaluationServices.calendars(this.core);
  }
  /** The calendar named `id` (activating its plugin); unknown or broken: reported, Monday–Friday. */
  calendar(id?: string, configFile = 'luoshi.config.yaml'): Promise<Calendar> {
    return evaluationServices.calendar(this.core, id, configFile);
  }

  /** Runs every lint on a compiled plan (activating their plugins): the findings as diagnostics. */
  lint(ir: PlanIR, files: readonly string[], entryFile: string): Promise<Diagnostic[]> {
    return lintServices.lint(this.core, ir, files, entryFile);
  }

  formats(kind?: FormatDecl['kinds'][number]): FormatInfo[] {
    return formatServices.formats(this.core, kind);
  }
  /** Renders with the format `name`: the text, or null when the plugin failed (reported). */
  render(name: string, input: FormatInput, options: FormatOptions): Promise<string | null> {
    return formatServices.render(this.core, name, input, options);
  }

  importers(): ImporterInfo[] {
    return importerServices.importers(this.core);
  }
  /** The importer for a file name: the most specific matching pattern wins (then the first added). */
  importerFor(fileName: string, kind: RecordKind): ImporterInfo | null {
    return importerServices.importerFor(this.core, fileName, kind);
  }
  /** The importer's implementation (activating its plugin), and whether it is built in; null if it failed. */
  importer(name: string): ReturnType<typeof importerServices.importer> {
    return importerServices.importer(this.core, name);
  }
  /** Reports a problem of an importer while it runs (the loader calls this). */
  reportImporter(pluginId: string, code: 'P0006' | 'P0007' | 'P0008', why: string): void {
    importerServices.reportImporter(this.core, pluginId, code, why);
  }

  commands(): CommandInfo[] {
    return workbenchServices.commands(this.core);
  }
  views(): ViewInfo[] {
    return workbenchServices.views(this.core);
  }
  /** Runs a command (activating its plugin); rejects with the reported problem's message. */
  executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
    return workbenchServices.executeCommand(this.core, id, ...args);
  }
  /** A view's provider (activating its plugin), or undefined when it has none. */
  resolveView(id: string): Promise<ViewProvider | undefined> {
    return workbenchServices.resolveView(this.core, id);
  }
}
