// What the workbench is made of, as contributions: commands (with keybindings, in the command palette)
// and views (in the panel or the sidebar). The built-in features register here like any plugin, through
// `activate(context)`: VS Code's model, small. Everything registered returns a disposable, and a plugin's
// context disposes all it registered when it is deactivated. Built-in plugins, the plugins
// luoshi.config.yaml lists (src/workbench/plugins/configured.ts) and page-only ones
// (`window.luoshi.plugins.activate`) all receive the same `PluginContext`.
import type { Store, State, Words } from './state.js';
import type { EngineClient } from './engine-client.js';
import type { Diagnostic } from '../engine/diagnostics/diagnostic.js';
import type { Disposable, Title } from '../engine/plugins/api.js';
import type { CasesRequest, DataSelection } from '../workers/protocol.js';

export type { Disposable, Title };

/**
 * What views and plugins may ask of the workbench: the narrow face of its services (the services
 * themselves are src/workbench/services/*; app.ts wires them).
 */
export interface WorkbenchServices {
  /** The engine worker (read at each use: restarting the engine replaces it). */
  readonly client: Pick<EngineClient, 'engine' | 'request'>;
  notify(text: Words, kind: 'info' | 'error' | 'ok', opts?: { cause?: string; sticky?: boolean }): number;
  openFile(path: string): Promise<void>;
  revealLine(file: string, line: number): Promise<void>;
  revealDiagnostic(d: Diagnostic): void;
  /** Shows a view (a built-in one or a plugin's) in its place. */
  showView(id: string): void;
  setAsOf(date: string, immediate?: boolean): void;
  selectData(sel: DataSelection): void;
  generateData(cases: number, preset?: string, seed?: number): Promise<void>;
  /** Fetches the cases behind a number into the state (`cases`); the cases view shows them. */
  showCases(q: CasesRequest): Promise<void>;
  /** Runs a registered command (a view's button doing what the palette does). */
  executeCommand(id: string, ...args: unknown[]): Promise<unknown>;
}

export interface CommandContribution {
  id: string;
  title: Title;
  /** VS Code notation: 'Ctrl+S', 'Ctrl+Shift+P', 'F12', 'Shift+Alt+F'. */
  keybinding?: string;
  /** Hidden from the palette (internal commands, code lens targets). */
  hidden?: boolean;
  run(...args: unknown[]): unknown;
}

export interface ViewInstance {
  /** Called when the state changes while the view is visible. */
  update(changed: ReadonlySet<string>): void;
  dispose?(): void;
}

export interface ViewContribution {
  id: string;
  title: Title;
  location: 'panel' | 'sidebar';
  order: number;
  /** Shown only while this holds (a plugin's views: only for the plans its configuration governs). */
  when?(state: State): boolean;
  render(host: HTMLElement, ctx: ViewContext): ViewInstance;
}

export interface ViewContext {
  store: Store;
  workbench: WorkbenchServices;
}

export interface PluginContext {
  readonly id: string;
  subscriptions: Disposable[];
  registerCommand(c: CommandContribution): Disposable;
  registerView(v: ViewContribution): Disposable;
  executeCommand(id: string, ...args: unknown[]): Promise<unknown>;
  store: Store;
  workbench: WorkbenchServices;
}

export interface WorkbenchPlugin {
  id: string;
  version?: string;
  /** What the plugin contributes, declared (as in plugin.json), for listing before activation. */
  contributes?: {
    commands?: Array<{ id: string; title: Title; keybinding?: string }>;
    views?: Array<{ id: string; title: Title }>;
  };
  activate(ctx: PluginContext): void | unknown;
  deactivate?(): void;
}

/** What changed: the commands (palette, keybindings) or the views (panels, sidebar). */
type Listener = (what: 'commands' | 'views') => void;

export class Registry {
  readonly commands = new Map<string, CommandContribution>();
  readonly views = new Map<string, ViewContribution>();
  private readonly plugins = new Map<string, { plugin: WorkbenchPlugin; ctx: PluginContext; api: unknown }>();
  private readonly listeners = new Set<Listener>();

  constructor(
    private readonly store: Store,
    private readonly workbench: () => WorkbenchServices,
  ) {}

  onChange(l: Listener): Disposable {
    this.listeners.add(l);
    return { dispose: () => this.listeners.delete(l) };
  }

  private changed(what: 'commands' | 'views'): void {
    for (const l of this.listeners) l(what);
  }

  registerCommand(c: CommandContribution): Disposable {
    if (this.commands.has(c.id)) throw new Error(`command ${c.id} is already registered`);
    this.commands.set(c.id, c);
    this.changed('commands');
    return {
      dispose: () => {
        if (this.commands.get(c.id) === c) {
          this.commands.delete(c.id);
          this.changed('commands');
        }
      },
    };
  }

  registerView(v: ViewContribution): Disposable {
    if (this.views.has(v.id)) throw new Error(`view ${v.id} is already registered`);
    this.views.set(v.id, v);
    this.changed('views');
    return {
      dispose: () => {
        if (this.views.get(v.id) === v) {
          this.views.delete(v.id);
          this.changed('views');
        }
      },
    };
  }

  async executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
    const c = this.commands.get(id);
    if (!c) throw new Error(`no such command: ${id}`);
    return await c.run(...args);
  }

  /** Activates a plugin; its contributions go away with deactivate(). Returns the plugin's API, if any. */
  activate(plugin: WorkbenchPlugin): unknown {
    if (this.plugins.has(plugin.id)) return this.plugins.get(plugin.id)!.api;
    const subscriptions: Disposable[] = [];
    const ctx: PluginContext = {
      id: plugin.id,
      subscriptions,
      registerCommand: (c) => {
        const d = this.registerCommand(c);
        subscriptions.push(d);
        return d;
      },
      registerView: (v) => {
        const d = this.registerView(v);
        subscriptions.push(d);
        return d;
      },
      executeCommand: (id, ...args) => this.executeCommand(id, ...args),
      store: this.store,
      workbench: this.workbench(),
    };
    let api: unknown;
    try {
      api = plugin.activate(ctx);
    } catch (e) {
      for (const d of subscriptions.splice(0)) d.dispose();
      throw e;
    }
    this.plugins.set(plugin.id, { plugin, ctx, api });
    return api;
  }

  deactivate(id: string): void {
    const p = this.plugins.get(id);
    if (!p) return;
    try {
      p.plugin.deactivate?.();
    } finally {
      for (const d of p.ctx.subscriptions.splice(0).reverse()) d.dispose();
      this.plugins.delete(id);
    }
  }

  pluginIds(): string[] {
    return [...this.plugins.keys()];
  }
}

/** Parses 'Ctrl+Shift+P' and matches a keyboard event against it. */
export function matchesKeybinding(binding: string, e: KeyboardEvent): boolean {
  const parts = binding.split('+').map((p) => p.trim().toLowerCase());
  const key = parts[parts.length - 1]!;
  const want = {
    ctrl: parts.includes('ctrl') || parts.includes('cmd'),
    shift: parts.includes('shift'),
    alt: parts.includes('alt'),
  };
  const ctrl = e.ctrlKey || e.metaKey;
  if (ctrl !== want.ctrl || e.shiftKey !== want.shift || e.altKey !== want.alt) return false;
  const code = e.code.toLowerCase();
  return (
    e.key.toLowerCase() === key || code === `key${key}` || code === key || (key.length === 1 && code === `digit${key}`)
  );
}
