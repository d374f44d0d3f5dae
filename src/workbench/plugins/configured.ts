// The plugins luoshi.config.yaml lists, in the page: their commands (palette, keybindings) and views
// (panels) join the registry beside the built-in ones. The engine's plugin host does the work it does
// headless — manifest and settings validated, activation on demand (`onCommand:ID`, `onView:ID`),
// disposables, isolation — and the page adds `context.workbench`. What a plugin contributes to the
// engine (functions, lints, calendars, formats) runs in the engine worker, which holds its own host
// (src/workers/plugins.ts); a plugin with commands or views is therefore loaded in both places.
// Each configured plugin joins the registry as a workbench plugin (`registry.activate`), through the same
// PluginContext as the built-in ones; its views show only for the plans its configuration governs.
// The host (with its manifest validator) is loaded only when some plugin contributes to the page.
import type { PluginHost } from '../../engine/plugins/host.js';
import type { HTMLElementLike, PluginModule, WorkbenchApi, WorkbenchViewProvider } from '../../engine/plugins/api.js';
import type { Diagnostic } from '../../engine/diagnostics/diagnostic.js';
import { VERSION } from '../../engine/version.js';
import { pluginDiagnostic } from '../../engine/plugins/diagnostics.js';
import type { PluginsPayload } from '../../workers/protocol.js';
import type { PluginContext, Registry, ViewInstance } from '../registry.js';
import type { State } from '../state.js';
import { governing } from '../../engine/plugins/governing.js';
import { h } from '../dom.js';
import { pick } from '../i18n.js';

/** A view of a plugin that is not ready, failed, or threw: said in the view itself. */
function message(host: HTMLElement, text: string, kind: 'muted' | 'error'): void {
  host.replaceChildren(
    h(
      `div.pad.${kind === 'error' ? 'plugin-error' : 'muted'}`,
      { 'data-testid': kind === 'error' ? 'plugin-view-error' : 'plugin-view-loading' },
      text,
    ),
  );
}

/** What a plugin's view shows comes from these (WorkbenchApi.state() and lang()). */
const VIEW_STATE = ['*', 'report', 'asOf', 'entry', 'lang'];

/** The registry id of a configured plugin (apart from built-in and page-only plugins). */
const registryId = (plugin: string): string => `config:${plugin}`;

export class ConfiguredPlugins {
  private host: PluginHost | null = null;
  /** Registry ids of the plugins activated from the configuration. */
  private active: string[] = [];
  /** Which configured plugins govern a plan: those its governing configuration lists. */
  private configs: PluginsPayload['configs'] = [];

  constructor(
    private readonly registry: Registry,
    private readonly api: WorkbenchApi,
    private readonly onProblem: (d: Diagnostic) => void,
    private readonly importModule: (url: string) => Promise<PluginModule> = (url) =>
      import(/* @vite-ignore */ url) as Promise<PluginModule>,
  ) {}

  /** (Re)loads the configured plugins that contribute commands or views; the previous ones go away. */
  async configure(payload: PluginsPayload): Promise<void> {
    await this.dispose();
    const seen = new Set<string>();
    const page: Array<PluginsPayload['configs'][number]['plugins'][number]> = [];
    for (const config of payload.configs) {
      for (const p of config.plugins) {
        const m = p.manifest as { id?: unknown; contributes?: { commands?: unknown[]; views?: unknown[] } } | null;
        // A plugin listed by several configurations runs once here, with the first one's settings.
        if (!m || typeof m.id !== 'string' || seen.has(m.id)) continue;
        if (!m.contributes?.commands?.length && !m.contributes?.views?.length) continue;
        seen.add(m.id);
        page.push(p);
      }
    }
    if (page.length === 0) return;
    const { PluginHost } = await import('../../engine/plugins/host.js');
    const host = new PluginHost({ engineVersion: VERSION, workbench: this.api });
    for (const p of page) {
      const entry = p.entry;
      host.addPlugin({
        manifest: p.manifest,
        manifestFile: p.manifestFile,
        load: entry === null ? null : () => this.importModule(entry),
        settings: p.settings,
      });
    }
    // Problems with the manifests themselves are the worker's to report (it loads the same plugins).
    host.drainDiagnostics();
    this.host = host;
    this.configs = payload.configs;
    await host.activateEager();
    this.drain();
    this.register(host);
  }

  /** Whether a plugin is one the plan's configuration lists. */
  governs(plugin: string, plan: string | null): boolean {
    if (plan === null) return false;
    return (
      governing(this.configs, plan)?.plugins.some((p) => (p.manifest as { id?: unknown } | null)?.id === plugin) ??
      false
    );
  }

  private drain(): void {
    for (const d of this.host?.drainDiagnostics() ?? []) this.onProblem(d);
  }

  private register(host: PluginHost): void {
    const plugins = new Set([...host.commands().map((c) => c.plugin), ...host.views().map((v) => v.plugin)]);
    for (const plugin of plugins) {
      const id = registryId(plugin);
      this.registry.activate({ id, activate: (ctx) => this.contribute(host, plugin, ctx) });
      this.active.push(id);
    }
  }

  /** A configured plugin's commands and views, registered through its workbench context. */
  private contribute(host: PluginHost, plugin: string, ctx: PluginContext): void {
    const taken = (point: 'command' | 'view', pointZh: string, name: string): void => {
      // A built-in id: the built-in keeps it.
      this.onProblem(
        pluginDiagnostic('P0005', host.plugin(plugin)?.manifestFile ?? plugin, {
          plugin,
          point,
          pointZh,
          name,
          other: 'luoshi',
        }),
      );
    };
    for (const c of host.commands().filter((x) => x.plugin === plugin)) {
      if (this.registry.commands.has(c.id)) {
        taken('command', '命令', c.id);
        continue;
      }
      ctx.registerCommand({
        id: c.id,
        title: c.title,
        hidden: !c.palette,
        ...(c.keybinding ? { keybinding: c.keybinding } : {}),
        run: async (...args: unknown[]) => {
          try {
            return await host.executeCommand(c.id, ...args);
          } catch (e) {
            this.drain();
            throw e;
          }
        },
      });
    }
    for (const v of host.views().filter((x) => x.plugin === plugin)) {
      if (this.registry.views.has(v.id)) {
        taken('view', '视图', v.id);
        continue;
      }
      ctx.registerView({
        id: v.id,
        title: v.title,
        location: v.location,
        order: 1000 + v.order,
        when: (s: State) => this.governs(plugin, s.entry),
        render: (el) => this.renderView(host, v.id, el),
      });
    }
  }

  /** Mounts a plugin's view: activates its plugin, then hands the element over; its failures stay inside. */
  private renderView(host: PluginHost, id: string, el: HTMLElement): ViewInstance {
    let inner: { update?(): void; dispose?(): void } | null = null;
    let disposed = false;
    message(el, pick('正在加载插件…', 'loading the plugin…'), 'muted');
    const fail = (e: unknown): void => {
      inner = null;
      const why = e instanceof Error ? e.message : String(e);
      message(el, `${pick('插件视图出错', 'the plugin view failed')} (${id}): ${why}`, 'error');
    };
    void host.resolveView(id).then((provider) => {
      this.drain();
      if (disposed) return;
      const p = provider as WorkbenchViewProvider | undefined;
      if (!p || typeof p.render !== 'function') {
        message(
          el,
          pick(`插件没有提供视图 ${id}（见问题面板）`, `the plugin did not provide view ${id} (see the problems)`),
          'error',
        );
        return;
      }
      try {
        el.replaceChildren();
        // The DOM element is what HTMLElementLike describes (the engine's API cannot name DOM types).
        inner = p.render(el as unknown as HTMLElementLike, { workbench: this.api }) ?? null;
      } catch (e) {
        fail(e);
      }
    }, fail);
    return {
      update: (changed) => {
        if (!VIEW_STATE.some((k) => changed.has(k))) return;
        try {
          inner?.update?.();
        } catch (e) {
          fail(e);
        }
      },
      dispose: () => {
        disposed = true;
        try {
          inner?.dispose?.();
        } catch {
          /* going away anyway */
        }
      },
    };
  }

  async dispose(): Promise<void> {
    for (const id of this.active.splice(0)) this.registry.deactivate(id);
    const host = this.host;
    this.host = null;
    if (host) await host.dispose();
  }
}
