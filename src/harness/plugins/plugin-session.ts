// The plugins' own thread: a worker that holds the plugin session of one configuration (its host, the
// plugins' modules and everything they registered) and runs each call into plugin code the main thread
// asks for — activation, lints, report formats, importers — telling the main thread which call runs
// (src/harness/plugins/watchdog.ts). A call that never returns blocks only this thread; the main thread
// sees it, stops the worker and names the plugin and the call. Only plain data crosses.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { Diagnostic } from '../../engine/diagnostics/diagnostic.js';
import type { PlanIR } from '../../engine/ir/types.js';
import type { CallWatcher, EvalHooks } from '../../engine/plugins/host.js';
import type { Value } from '../../engine/eval/expr.js';
import type { FormatInput, FormatOptions } from '../../engine/plugins/api.js';
import type { RecordKind } from '../../engine/data/tabular.js';
import { openPluginSession, type PluginSession } from './session.js';
import { readWithImporter } from './importers.js';
import type { RawItem, ReadContext } from '../loaders/index.js';
import { parseEncodingOption } from '../loaders/decode.js';
import { displayPath } from '../host.js';
import { UsageError } from '../io.js';
import type {
  ImportBatch,
  PluginSessionOptions,
  PluginWorkerMethods,
  PluginWorkerReply,
  PluginWorkerRequest,
  SyncCall,
} from './thread-protocol.js';

const port = parentPort!;
/** Slot 0: plugin calls finished and records imported so far (the main thread watches it move). */
const progress = new Int32Array((workerData as { progress: SharedArrayBuffer }).progress);

let calls = 0;
const watch: CallWatcher = (call) => {
  const n = ++calls;
  port.postMessage({ call: 'start', n, ...call } satisfies PluginWorkerReply);
  return () => {
    Atomics.add(progress, 0, 1);
    port.postMessage({ call: 'end', n } satisfies PluginWorkerReply);
  };
};

let session: PluginSession | null = null;
/** The plan's functions and calendar from the last `prepare`. */
let hooks: EvalHooks | null = null;
const opened = (): PluginSession => {
  if (!session) throw new Error('plugin session not open');
  return session;
};

/** Imports in progress, by id: the generator and what it found. */
const imports = new Map<
  number,
  {
    items: AsyncGenerator<RawItem>;
    found: ReadContext['found'];
    label: { plugin: string; manifestFile: string; what: string; whatZh: string };
  }
>();
let importIds = 0;
const BATCH_ITEMS = 2000,
  BATCH_MS = 50;

const methods: PluginWorkerMethods = {
  /** Opens the configuration; what registering reports the main thread has reported itself: only activation's is new. */
  async open(opts: PluginSessionOptions): Promise<void> {
    session = await openPluginSession({ ...opts, inThisThread: true }, { watch, eager: false });
    session.takeDiagnostics();
    await session.host.activateEager();
  },
  lint(ir: PlanIR, files: string[], entry: string): Promise<Diagnostic[]> {
    return opened().host.lint(ir, files, entry);
  },
  render(format: string, input: FormatInput, options: FormatOptions): Promise<string | null> {
    return opened().host.render(format, input, options);
  },
  async prepare(
    ir: PlanIR,
    calendar: string | null,
    configFile: string | null,
  ): Promise<{ unavailable: string[]; inProcessOnly: boolean; calendar: string }> {
    const h = await opened().host.prepareEvaluation(ir, {
      ...(calendar !== null ? { calendar } : {}),
      ...(configFile !== null ? { configFile } : {}),
    });
    hooks = h;
    return { unavailable: h.unavailable, inProcessOnly: h.inProcessOnly, calendar: h.calendar };
  },
  importOpen(name: string, path: string, kind: RecordKind, encoding: string, maxWholeBytes: number): number {
    const s = opened();
    const info = s.host.importers().find((i) => i.name === name);
    if (!info) throw new Error(`no importer ${name}`);
    const found: ReadContext['found'] = {};
    const ctx: ReadContext = { encoding: parseEncodingOption(encoding), maxWholeBytes, found };
    const file = displayPath(s.workerOptions.cwd, path);
    const manifestFile = s.host.plugin(info.plugin)?.manifestFile ?? info.plugin;
    const id = ++importIds;
    imports.set(id, {
      items: readWithImporter(s.host, info, path, kind, ctx),
      found,
      label: {
        plugin: info.plugin,
        manifestFile,
        what: `importer ${name} reading ${file}`,
        whatZh: `用导入器 ${name} 读取 ${file} `,
      },
    });
    return id;
  },
  /** The next items of an import: a batch, watched as one call that moves with every item. */
  async importNext(id: number): Promise<ImportBatch> {
    const imp = imports.get(id);
    if (!imp) throw new Error(`no import ${id}`);
    const items: RawItem[] = [];
    const done = watch({ ...imp.label, ms: opened().callTimeoutMs });
    const t0 = Date.now();
    try {
      while (items.length < BATCH_ITEMS && Date.now() - t0 < BATCH_MS) {
        const step = await imp.items.next();
        Atomics.add(progress, 0, 1);
        if (step.done) {
          imports.delete(id);
          return { items, done: true, encoding: imp.found.encoding ?? null };
        }
        items.push(step.value);
      }
    } finally {
      done();
    }
    return { items, done: false, encoding: imp.found.encoding ?? null };
  },
  async importClose(id: number): Promise<void> {
    const imp = imports.get(id);
    imports.delete(id);
    await imp?.items.return(undefined);
  },
  /** Answers `callSync` (watchdog.ts) on `port` with the hooks of the last `prepare`, raising `flag` after each answer. */
  syncPort(sync: MessagePort, flag: SharedArrayBuffer): void {
    const raised = new Int32Array(flag);
    sync.on('message', (call: SyncCall) => {
      let answer: { ok: true; value: unknown } | { ok: false; why: string };
      try {
        if (!hooks) throw new Error('no plan prepared');
        const h = hooks;
        const f = call.kind === 'function' ? h.functions.get(call.name) : undefined;
        if (call.kind === 'function' && !f) throw new Error(`no function ${call.name}`);
        if (call.kind === 'workdays' && !h.addWorkdays) throw new Error('no calendar');
        const value = call.kind === 'function' ? f!(call.args as Value[]) : h.addWorkdays!(call.day, call.n);
        answer = { ok: true, value };
      } catch (e) {
        answer = { ok: false, why: (e as Error).message };
      }
      sync.postMessage(answer);
      Atomics.store(raised, 0, 1);
      Atomics.notify(raised, 0);
    });
  },
  async dispose(): Promise<void> {
    await session?.dispose();
    session = null;
  },
};

port.on('message', (m: PluginWorkerRequest) => {
  void (async () => {
    const method = methods[m.method] as (...a: unknown[]) => unknown;
    let reply: PluginWorkerReply;
    try {
      const value = await method(...m.args);
      reply = { id: m.id, ok: true, value, diagnostics: session?.takeDiagnostics() ?? [] };
    } catch (e) {
      reply = {
        id: m.id,
        ok: false,
        message: (e as Error).message ?? String(e),
        usage: e instanceof UsageError,
        diagnostics: session?.takeDiagnostics() ?? [],
      };
    }
    port.postMessage(reply);
  })();
});
