// What the contribution services (this folder) need of the plugin host (../host.ts): the live entries of a
// point, an entry with its plugin activated, the plugins' records, and the host's way of reporting and
// watching a call. Also the shapes the services hand out.
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { FunctionTable } from '../../eval/expr.js';
import type { Day } from '../../time/calendar.js';
import type { Disposable, FormatDecl, PluginManifest, PluginModule, RecordKind, Settings, Title } from '../api.js';
import type { PluginCode } from '../diagnostics.js';
import type { Outcome } from '../timeout.js';

export type PluginState = 'inactive' | 'activating' | 'active' | 'failed' | 'disabled';

export interface PluginRecord {
  id: string;
  manifest: PluginManifest;
  manifestFile: string;
  builtin: boolean;
  state: PluginState;
  settings: Settings;
  load: (() => Promise<PluginModule>) | null;
  module: PluginModule | null;
  api: unknown;
  activation: Promise<boolean> | null;
  events: Set<string>;
  subscriptions: Disposable[];
  /** Bumped on each activation, so a late registration from an abandoned activation is ignored. */
  generation: number;
}

/** One contributed item: who declared it, its declaration, and (once active) its implementation. */
export interface Entry<D, I> {
  key: string;
  plugin: string;
  decl: D;
  impl: I | undefined;
}

export interface FormatInfo {
  name: string;
  title: Title;
  kinds: FormatDecl['kinds'];
  extension: string | null;
  mediaType: string | null;
  plugin: string;
}
export interface ImporterInfo {
  name: string;
  title: Title;
  patterns: string[];
  kinds: RecordKind[];
  plugin: string;
}
export interface CalendarInfo {
  id: string;
  title: Title;
  plugin: string;
}
/** A command as the workbench lists it (its palette and keybindings); `run` through `executeCommand`. */
export interface CommandInfo {
  id: string;
  title: Title;
  keybinding: string | null;
  category: string | null;
  palette: boolean;
  plugin: string;
}
export interface ViewInfo {
  id: string;
  title: Title;
  location: 'panel' | 'sidebar';
  order: number;
  icon: string | null;
  plugin: string;
}

/** What the evaluator needs from the plugins for one plan. */
export interface EvalHooks {
  /** The configured calendar; undefined: Monday–Friday (the evaluator's default). */
  addWorkdays?: (day: Day, n: number) => Day;
  functions: FunctionTable;
  calendar: string;
  /** Functions the plan calls that no active plugin implements (the plan cannot be evaluated). */
  unavailable: string[];
  /** The plan needs plugin code in this thread (functions or a calendar): no worker threads. */
  inProcessOnly: boolean;
}

export interface HostCore {
  readonly callTimeoutMs: number;
  /** The entries of a point whose plugins are not disabled or failed. */
  live<D, I>(point: string): Array<Entry<D, I>>;
  /** An entry, its plugin activated first. */
  implOf<D, I>(point: string, key: string): Promise<Entry<D, I> | undefined>;
  record(id: string): PluginRecord | undefined;
  activateByEvent(event: string): Promise<void>;
  report(code: PluginCode, rec: { manifestFile: string } | string, params: Record<string, string | number>): void;
  trouble(
    rec: PluginRecord,
    code: 'P0006' | 'P0007' | 'P0008',
    when: string,
    extra: Record<string, string | number>,
  ): void;
  guard<T>(rec: PluginRecord, what: string, whatZh: string, f: () => T | Promise<T>, ms: number): Promise<Outcome<T>>;
  /** The diagnostic reported last. */
  lastDiagnostic(): Diagnostic;
}
