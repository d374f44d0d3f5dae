// What crosses between the main thread's watchdog (watchdog.ts) and the plugins' own thread
// (plugin-session.ts): the options that open a session, the methods the thread answers, and the messages
// both ways. Its own module so that neither side imports the other (and session.ts, which starts the
// watchdog, is not imported back by it). Plain data only.
import type { Diagnostic } from '../../engine/diagnostics/diagnostic.js';
import type { PlanIR } from '../../engine/ir/types.js';
import type { WatchedCall } from '../../engine/plugins/host.js';
import type { FormatInput, FormatOptions } from '../../engine/plugins/api.js';
import type { RecordKind } from '../../engine/data/tabular.js';
import type { MessagePort } from 'node:worker_threads';
import type { RawItem, ReadContext } from '../loaders/index.js';

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
  /** Run the plugins' code in this thread (a worker that is itself watched), not in a watched worker. */
  inThisThread?: boolean;
}

/** What the plugins' thread answers (plugin-session.ts implements it). */
export interface PluginWorkerMethods {
  /** Opens the configuration; what registering reports the main thread has reported itself: only activation's is new. */
  open(opts: PluginSessionOptions): Promise<void>;
  lint(ir: PlanIR, files: string[], entry: string): Promise<Diagnostic[]>;
  render(format: string, input: FormatInput, options: FormatOptions): Promise<string | null>;
  prepare(
    ir: PlanIR,
    calendar: string | null,
    configFile: string | null,
  ): Promise<{ unavailable: string[]; inProcessOnly: boolean; calendar: string }>;
  importOpen(name: string, path: string, kind: RecordKind, encoding: string, maxWholeBytes: number): number;
  /** The next items of an import: a batch, watched as one call that moves with every item. */
  importNext(id: number): Promise<ImportBatch>;
  importClose(id: number): Promise<void>;
  /** Answers `callSync` (watchdog.ts) on `port` with the hooks of the last `prepare`, raising `flag` after each answer. */
  syncPort(sync: MessagePort, flag: SharedArrayBuffer): void;
  dispose(): Promise<void>;
}

export type PluginWorkerMethod = keyof PluginWorkerMethods;
export interface PluginWorkerRequest {
  id: number;
  method: PluginWorkerMethod;
  args: unknown[];
}
export type PluginWorkerReply =
  | { id: number; ok: true; value: unknown; diagnostics: Diagnostic[] }
  | { id: number; ok: false; message: string; usage: boolean; diagnostics: Diagnostic[] }
  | ({ call: 'start'; n: number } & WatchedCall)
  | { call: 'end'; n: number };
/** A call `callSync` makes: a function of the plan, or the calendar's working days. */
export type SyncCall =
  | { kind: 'function'; name: string; args: unknown[] }
  | { kind: 'workdays'; day: number; n: number };
export interface ImportBatch {
  items: RawItem[];
  done: boolean;
  encoding: ReadContext['found']['encoding'] | null;
}
