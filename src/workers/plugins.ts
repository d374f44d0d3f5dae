// The workspace's plugins in the engine worker: one host per luoshi.config.yaml that `luoshi serve`
// found (GET /api/plugins), each with the built-in plugins and the ones its configuration lists, their
// code imported from the server when they activate. A plan uses the configuration that governs its
// folder — the nearest one above it, as `luoshi check` finds it — so the workbench and the harness
// compile, lint and evaluate a plan with the same functions, event types, calendar and lints.
import { PluginHost, type EvalHooks } from '../engine/plugins/host.js';
import { addBuiltinPlugins } from '../engine/plugins/builtins.js';
import { governing } from '../engine/plugins/governing.js';
import type { PluginModule } from '../engine/plugins/api.js';
import type { Diagnostic } from '../engine/diagnostics/diagnostic.js';
import type { CompileOptions } from '../engine/check/compile.js';
import type { PlanIR } from '../engine/ir/types.js';
import { VERSION } from '../engine/version.js';
import type { PluginConfigPayload, PluginsPayload } from './protocol.js';

export type ImportModule = (url: string) => Promise<PluginModule>;

/** One configuration's plugins. */
export class ConfigPlugins {
  readonly host: PluginHost;
  /** Everything reported about these plugins so far (loading, activation, calls), oldest first. */
  private readonly problems: Diagnostic[] = [];
  private readonly seen = new Set<string>();

  constructor(
    readonly config: PluginConfigPayload | null,
    importModule: ImportModule,
  ) {
    this.host = new PluginHost({ engineVersion: VERSION });
    addBuiltinPlugins(this.host);
    for (const p of config?.plugins ?? []) {
      const entry = p.entry;
      this.host.addPlugin({
        manifest: p.manifest,
        manifestFile: p.manifestFile,
        load: entry === null ? null : () => importModule(entry),
        settings: p.settings,
      });
    }
    this.keep(config?.diagnostics ?? []);
  }

  private keep(ds: readonly Diagnostic[]): void {
    for (const d of ds) {
      // A function that throws on every case reports once per evaluation: list each problem once.
      const key = `${d.code}|${d.file}|${d.range.start.line}|${d.message}`;
      if (this.seen.has(key)) continue;
      this.seen.add(key);
      this.problems.push(d);
    }
  }

  /** The plugins' problems so far. */
  diagnostics(): Diagnostic[] {
    this.keep(this.host.drainDiagnostics());
    return this.problems.slice();
  }

  compileOptions(): CompileOptions {
    return this.host.compileOptions();
  }

  lint(ir: PlanIR, files: readonly string[], entry: string): Promise<Diagnostic[]> {
    return this.host.lint(ir, files, entry);
  }

  prepareEvaluation(ir: PlanIR): Promise<EvalHooks> {
    return this.host.prepareEvaluation(ir, {
      ...(this.config?.calendar ? { calendar: this.config.calendar } : {}),
      ...(this.config ? { configFile: this.config.file } : {}),
    });
  }
}

/** Every configuration of the workspace, and the built-in plugins alone for plans no configuration governs. */
export class WorkspacePlugins {
  private sets: ConfigPlugins[] = [];
  private builtinOnly: ConfigPlugins;
  /** Bumped on each configure(): compilations and reports made with older plugins are stale. */
  generation = 0;

  constructor(private readonly importModule: ImportModule) {
    this.builtinOnly = new ConfigPlugins(null, importModule);
  }

  async configure(payload: PluginsPayload): Promise<void> {
    const old = [...this.sets, this.builtinOnly];
    this.sets = payload.configs.map((c) => new ConfigPlugins(c, this.importModule));
    this.builtinOnly = new ConfigPlugins(null, this.importModule);
    this.generation++;
    await Promise.all([...this.sets, this.builtinOnly].map((s) => s.host.activateEager()));
    await Promise.all(old.map((s) => s.host.dispose().catch(() => undefined)));
  }

  /** The plugins of the configuration that governs `planPath`: the deepest scope containing it. */
  for(planPath: string): ConfigPlugins {
    const config = governing(
      this.sets.map((s) => s.config!),
      planPath,
    );
    return this.sets.find((s) => s.config === config) ?? this.builtinOnly;
  }

  /** Every configuration's problems (for the problems view, whichever plan is open). */
  diagnostics(): Diagnostic[] {
    return [...this.sets, this.builtinOnly].flatMap((s) => s.diagnostics());
  }
}
