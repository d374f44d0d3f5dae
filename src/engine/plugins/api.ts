// The plugin API: what a plugin's `activate(context)` receives and what it registers. VS Code's model,
// small: a plugin declares its contributions in `plugin.json` (`contributes`), and its code binds the
// implementations of what it declared, each registration returning a disposable. Platform-neutral: the
// same plugin runs in the harness (Node) and in the workbench (a Web Worker / the page).
// The author's guide: docs/plugins.md.
import type { PlanIR } from '../ir/types.js';
import type { PlanReport } from '../report/model.js';
import type { ReplayResult } from '../replay/types.js';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { FunctionParamType, FunctionReturnType } from '../check/functions.js';
import type { Bilingual, Lang } from '../lang.js';
import type { RecordKind } from '../data/fields.js';

/** What a registration returns, and what owns a timer or a listener: disposing it undoes the registration. */
export interface Disposable {
  dispose(): void;
}

/** A title in both languages (a manifest may give one string: it is used for both). */
export type Title = Bilingual;

export type { Lang };

/** Plugin settings: validated against the plugin's `settings` schema, defaults filled in. */
export type Settings = Readonly<Record<string, unknown>>;

// ---------------------------------------------------------------- the manifest (plugin.json)

export interface FunctionDecl {
  name: string;
  params: Array<{ name: string; type: FunctionParamType; optional?: boolean }>;
  returns: FunctionReturnType;
  description?: string;
}
export interface EventTypeDecl {
  name: string;
  nameEn?: string;
  description?: string;
}
export interface LintDecl {
  id: string;
  title?: string | Title;
  /** The codes its findings use (two or more capital letters, then digits: `FJ001`), with their severity. */
  codes: Record<string, { severity: Severity; title?: string }>;
}
export type { RecordKind };
export interface ImporterDecl {
  name: string;
  title?: string | Title;
  /** File-name patterns (`*.xlsx`, `执行案件导出*.csv`); the most specific matching pattern wins. */
  patterns: string[];
  /** What the files hold (default: cases). */
  kinds?: RecordKind[];
}
export type FormatKind = 'report' | 'diagnostics' | 'replay';
export interface FormatDecl {
  name: string;
  title?: string | Title;
  /** What it renders: an evaluation report, compile diagnostics, a replay. */
  kinds: FormatKind[];
  /** File extension, for `--out` and downloads (`.xlsx`). */
  extension?: string;
  mediaType?: string;
}
export interface CalendarDecl {
  id: string;
  title?: string | Title;
  /** Days off beyond the weekend: 'YYYY-MM-DD' or a range 'YYYY-MM-DD..YYYY-MM-DD'. */
  holidays?: string[];
  /** Weekend days that are working days (调休 make-up days). */
  workdays?: string[];
  /** Days of the week off (0 = Sunday … 6 = Saturday); default [0, 6]. */
  weekend?: number[];
}
export interface CommandDecl {
  id: string;
  title: string | Title;
  keybinding?: string;
  category?: string;
  palette?: boolean;
}
export interface ViewDecl {
  id: string;
  title: string | Title;
  location?: 'panel' | 'sidebar';
  order?: number;
  icon?: string;
}

export interface Contributes {
  functions?: FunctionDecl[];
  eventTypes?: EventTypeDecl[];
  lints?: LintDecl[];
  importers?: ImporterDecl[];
  formats?: FormatDecl[];
  calendars?: CalendarDecl[];
  commands?: CommandDecl[];
  views?: ViewDecl[];
}

export interface PluginManifest {
  id: string;
  name: string;
  version: string;
  description?: string;
  publisher?: string;
  /** `{ "luoshi": "^0.1.0" }`: the engine versions it works with (a semver range). */
  engines: { luoshi: string };
  /** The ES module exporting `activate` (relative to the plugin folder); none for a declarative plugin. */
  main?: string;
  activationEvents?: string[];
  contributes?: Contributes;
  /** A JSON Schema (2020-12) for the plugin's settings in luoshi.config.yaml. */
  settings?: Record<string, unknown>;
}

// ---------------------------------------------------------------- implementations

/** Values a function receives and returns: dates as 'YYYY-MM-DD', money in yuan, null for "none". */
export type PluginValue = number | string | boolean | null;

export interface CalendarApi {
  readonly id: string;
  isWorkday(date: string): boolean;
  /** The date `n` working days after `date` (before, for negative n); 0 gives the date itself. */
  addWorkdays(date: string, n: number): string;
  /** Working days after `from` up to and including `to` (negative when `to` is earlier). */
  workdaysBetween(from: string, to: string): number;
}

export interface FunctionContext {
  /** The configured calendar (luoshi.config.yaml `calendar`; default Monday–Friday). */
  readonly calendar: CalendarApi;
  readonly settings: Settings;
}

/** A function's implementation: pure over its arguments (no I/O), called once per case. */
export type FunctionImplementation = (args: PluginValue[], ctx: FunctionContext) => PluginValue;

export interface CalendarProvider {
  isWorkday(date: string): boolean;
}

export interface LintContext {
  readonly ir: PlanIR;
  /** The plan's files, in bind order. */
  readonly files: readonly string[];
  readonly settings: Settings;
}
export interface LintFinding {
  /** One of the codes the lint declared. */
  code: string;
  /** Default: the code's declared severity. */
  severity?: 'error' | 'warning' | 'info';
  message: string;
  messageEn?: string;
  /** Where: a file and a 1-based line (an IR element's `source` fits). Default: the plan's file. */
  source?: { file: string; line: number };
}
export interface LintProvider {
  check(ctx: LintContext): LintFinding[] | Promise<LintFinding[]>;
}

export interface ImportSource {
  /** The file's name as the user gave it. */
  readonly name: string;
  /** Its path on disk, in Node (the built-in importers stream from it); absent in the browser. */
  readonly path?: string;
  bytes(): Promise<Uint8Array>;
}
export interface ImportContext {
  readonly kind: RecordKind;
  /** The encoding the user asked for ('auto' unless --encoding). */
  readonly encoding: string;
  readonly maxWholeBytes: number;
  readonly settings: Settings;
  /** Decodes bytes ('utf-8', 'gbk', 'gb18030', …). */
  decode(bytes: Uint8Array, encoding: string): string;
  /** Tells the loader what encoding the file turned out to be (shown in its statistics). */
  foundEncoding(encoding: string): void;
}
/** One item of a file: a record (validated by the loader like any other), a rejected record, or a file problem. */
export type ImportItem =
  | {
      kind?: 'record';
      line?: number;
      column?: number;
      value: unknown;
      problems?: Array<{
        severity: 'error' | 'warning';
        code: string;
        field: string;
        message: string;
        messageEn: string;
      }>;
    }
  | { kind: 'reject'; line?: number; column?: number; code?: string; message: string; messageEn?: string }
  | {
      kind: 'file';
      line?: number;
      column?: number;
      code?: string;
      severity?: 'error' | 'warning';
      field?: string;
      message: string;
      messageEn?: string;
    };
export interface Importer {
  parse(
    source: ImportSource,
    ctx: ImportContext,
  ): AsyncIterable<ImportItem> | Iterable<ImportItem> | Promise<ImportItem[]>;
}

export type FormatInput =
  | { kind: 'report'; reports: PlanReport[] }
  | {
      kind: 'diagnostics';
      diagnostics: Diagnostic[];
      files: string[];
      errors: number;
      warnings: number;
      version: string;
    }
  /** `charts`: indicator name → its chart as SVG markup, drawn by the host (the harness, for `--format html`). */
  | { kind: 'replay'; result: ReplayResult & { method?: string }; charts?: Record<string, string> };
export interface FormatOptions {
  lang: Lang;
  color: boolean;
  quiet: boolean;
}
export interface FormatRenderer {
  render(input: FormatInput, options: FormatOptions): string | Promise<string>;
}

export type CommandHandler = (...args: unknown[]) => unknown;
/** A view's implementation is the workbench's business: the engine keeps it and hands it over. */
export type ViewProvider = unknown;

export interface PluginContext {
  readonly id: string;
  readonly manifest: PluginManifest;
  readonly settings: Settings;
  readonly engineVersion: string;
  /** Everything registered through this context is also put here and disposed on deactivation. */
  readonly subscriptions: Disposable[];
  log(message: string): void;
  readonly functions: { register(name: string, impl: FunctionImplementation): Disposable };
  readonly lints: { register(id: string, provider: LintProvider): Disposable };
  readonly importers: { register(name: string, importer: Importer): Disposable };
  readonly formats: { register(name: string, renderer: FormatRenderer): Disposable };
  readonly calendars: { register(id: string, provider: CalendarProvider): Disposable };
  readonly commands: { register(id: string, handler: CommandHandler): Disposable };
  readonly views: { register(id: string, provider: ViewProvider): Disposable };
  /** The workbench, when the plugin runs in the page (for commands and views); undefined headless. */
  readonly workbench?: WorkbenchApi;
}

/**
 * What the workbench offers a plugin running in the page (absent headless): the state it shows, and a
 * few things a command or a view does. Plain values in and out; the page's internals stay private.
 */
export interface WorkbenchApi {
  /** The interface language now. */
  lang(): Lang;
  notify(text: string, kind?: 'info' | 'error' | 'ok'): void;
  /** The open plan, the as-of date and the last evaluation report (null before the first). */
  state(): { entry: string | null; asOf: string | null; report: PlanReport | null };
  /** Called after the state changes (another plan, as-of date, report, or language). */
  onDidChange(listener: () => void): Disposable;
  setAsOf(date: string): void;
  /** Shows a view (a built-in one or a plugin's) in its place. */
  showView(id: string): void;
  /** Opens a workspace file in the editor, at a 1-based line. */
  openFile(path: string, line?: number): Promise<void>;
  executeCommand(id: string, ...args: unknown[]): Promise<unknown>;
  /** The current report in a report format (built-in or a plugin's), rendered by the engine. */
  render(format: string): Promise<string | null>;
}

/** A view's implementation in the workbench: draws into `host` and follows the state until disposed. */
export interface WorkbenchViewProvider {
  render(host: HTMLElementLike, ctx: { workbench: WorkbenchApi }): { update?(): void; dispose?(): void } | void;
}
/** The element a view draws into: a DOM element in the page, typed here by what a view may use so the engine needs no DOM. */
export interface HTMLElementLike extends ElementLike {
  replaceChildren(...nodes: Array<ElementLike | string>): void;
  readonly ownerDocument: { createElement(tag: string): ElementLike };
}
export interface ElementLike {
  textContent: string | null;
  setAttribute(name: string, value: string): void;
  append(...nodes: Array<ElementLike | string>): void;
  addEventListener(type: string, listener: (event: unknown) => void): void;
}

/** What a plugin's entry module exports. */
export interface PluginModule {
  activate?(context: PluginContext): unknown;
  deactivate?(): unknown;
}
