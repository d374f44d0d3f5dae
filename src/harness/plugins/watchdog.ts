// The watchdog over plugin code: the plugins of a configuration run in their own worker thread
// (src/harness/plugins/plugin-session.ts), which tells this thread each call into plugin code it begins and ends
// and moves a shared counter as calls finish and records are imported. A call still open while nothing
// moved for longer than its limit (`limits.activationMs` / `limits.callMs`) means the worker is stuck in
// code that never returns — synchronous code cannot be interrupted in its own thread — so the worker is
// terminated and every request waiting on it fails with P0007 naming the plugin and the call. Async hangs
// are the host's own time-outs in the worker (a diagnostic, and the work goes on). This thread never
// waits on plugin code, so `luoshi serve` keeps answering while a plugin loops — except in `callSync`,
// where an evaluation in this thread (`luoshi test`) waits for one function call, at most its limit.
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { Diagnostic } from '../../engine/diagnostics/diagnostic.js';
import type { WatchedCall } from '../../engine/plugins/host.js';
import { pluginDiagnostic } from '../../engine/plugins/diagnostics.js';
import type { RawItem, ReadContext } from '../loaders/index.js';
import type { RemoteImporter } from './importers.js';
import type { RecordKind } from '../../engine/data/tabular.js';
import { UsageError } from '../io.js';
import type {
  ImportBatch,
  PluginSessionOptions,
  PluginWorkerMethod as Method,
  PluginWorkerMethods,
  PluginWorkerReply,
  PluginWorkerRequest,
  SyncCall,
} from './thread-protocol.js';

/** A plugin's code did not return within the limit: the message is the P0007 diagnostic's. */
export class PluginHangError extends UsageError {
  constructor(readonly diagnostic: Diagnostic) {
    super(`${diagnostic.file}: ${diagnostic.code}: ${diagnostic.message} / ${diagnostic.messageEn}`);
  }
}

/** P0007 for a call that never returned. */
export function hangDiagnostic(call: Omit<WatchedCall, 'ms'>, ms: number): Diagnostic {
  return pluginDiagnostic('P0007', call.manifestFile, {
    plugin: call.plugin,
    when: `running ${call.what}`,
    whenZh: call.whatZh,
    ms,
  });
}

/** How long past its limit a call may stay open before the worker counts as stuck (the worker's own timers fire at the limit). */
export const GRACE_MS = 400;
const WATCH_EVERY_MS = 50;

function workerUrl(): URL {
  const fromSource = import.meta.url.endsWith('.ts');
  return new URL(fromSource ? './plugin-session-source.mjs' : './plugin-session.js', import.meta.url);
}

export class PluginWatchdog {
  private worker: Worker | null = null;
  private opening: Promise<void> | null = null;
  private readonly pending = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>();
  private readonly open = new Map<number, WatchedCall & { at: number }>();
  private progress: Int32Array<ArrayBufferLike> = new Int32Array(1);
  private seen = { value: 0, at: 0 };
  private timer: ReturnType<typeof setInterval> | null = null;
  private sync: { port: MessagePort; flag: Int32Array } | null = null;
  private ids = 0;
  /** Why the worker stopped (a hang, a crash); every later request fails with it. */
  stopped: UsageError | null = null;

  /** `report`: the plugins' diagnostics that come back with each answer. */
  constructor(
    private readonly options: PluginSessionOptions,
    private readonly report: (d: Diagnostic[]) => void,
  ) {}

  /** Starts the worker and opens the configuration there (its eager plugins activated); once. */
  start(): Promise<void> {
    this.opening ??= this.spawn();
    return this.opening;
  }

  private spawn(): Promise<void> {
    const buffer = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    this.progress = new Int32Array(buffer);
    const w = new Worker(workerUrl(), { workerData: { progress: buffer } });
    this.worker = w;
    w.unref();
    w.on('message', (m: PluginWorkerReply) => this.receive(m));
    w.on('error', (e) =>
      this.stop(new UsageError(`插件工作线程意外停止 / the plugins' worker thread stopped: ${e.message}`)),
    );
    w.on('exit', (code) => {
      if (this.worker === w)
        this.stop(new UsageError(`插件工作线程意外退出（${code}） / the plugins' worker thread exited (${code})`));
    });
    return this.send('open', [this.options]) as Promise<void>;
  }

  /** A request to the worker (started if need be): its answer; what the plugins reported goes to `report`. */
  async call<M extends Method>(
    method: M,
    ...args: Parameters<PluginWorkerMethods[M]>
  ): Promise<Awaited<ReturnType<PluginWorkerMethods[M]>>> {
    await this.start();
    return this.send(method, args) as Promise<Awaited<ReturnType<PluginWorkerMethods[M]>>>;
  }

  private send(method: Method, args: unknown[], transfer: MessagePort[] = []): Promise<unknown> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = ++this.ids;
    return new Promise((ok, fail) => {
      this.pending.set(id, { ok, fail });
      if (this.pending.size === 1) this.watch(true);
      this.worker!.postMessage({ id, method, args } satisfies PluginWorkerRequest, transfer);
    });
  }

  /**
   * Prepares calls this thread waits for (`callSync`): for an evaluation in this thread (`luoshi test`)
   * of a plan whose functions or calendar the worker has activated (`prepare`).
   */
  async openSync(): Promise<void> {
    if (this.sync) return;
    await this.start();
    const { port1, port2 } = new MessageChannel();
    const flag = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
    await this.send('syncPort', [port2, flag], [port2]);
    port1.unref();
    this.sync = { port: port1, flag: new Int32Array(flag) };
  }

  /**
   * A plan's function (or the calendar's `addWorkdays`) run in the worker while this thread waits, at most
   * the call's limit (plus the grace): past it, the worker is stopped and P0007 thrown.
   */
  callSync(call: SyncCall, who: Omit<WatchedCall, 'ms'>): unknown {
    if (this.stopped) throw this.stopped;
    const { port, flag } = this.sync!;
    const ms = this.options.callTimeoutMs ?? 10_000;
    Atomics.store(flag, 0, 0);
    port.postMessage(call);
    if (Atomics.wait(flag, 0, 0, ms + GRACE_MS) === 'timed-out') {
      const why = new PluginHangError(
        pluginDiagnostic('P0007', who.manifestFile, {
          plugin: who.plugin,
          when: `computing ${who.what}`,
          whenZh: who.whatZh,
          ms,
        }),
      );
      this.stop(why);
      throw why;
    }
    const answer = receiveMessageOnPort(port)?.message as
      | { ok: true; value: unknown }
      | { ok: false; why: string }
      | undefined;
    if (!answer) throw new Error("the plugins' worker did not answer");
    if (!answer.ok) throw new Error(answer.why);
    return answer.value;
  }

  private receive(m: PluginWorkerReply): void {
    if ('call' in m) {
      const now = Date.now();
      if (m.call === 'start') {
        const { call: _c, n, ...call } = m;
        this.open.set(n, { ...call, at: now });
      } else this.open.delete(m.n);
      this.seen.at = now;
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (this.pending.size === 0) this.watch(false);
    if (m.diagnostics.length) this.report(m.diagnostics);
    if (m.ok) p.ok(m.value);
    else p.fail(m.usage ? new UsageError(m.message) : new Error(m.message));
  }

  /** The worker keeps the process alive and is watched only while a request waits on it. */
  private watch(on: boolean): void {
    if (on) {
      this.worker?.ref();
      this.seen = { value: Atomics.load(this.progress, 0), at: Date.now() };
      this.timer ??= setInterval(() => this.check(), WATCH_EVERY_MS);
    } else {
      this.worker?.unref();
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
    }
  }

  private check(): void {
    const now = Date.now();
    const value = Atomics.load(this.progress, 0);
    if (value !== this.seen.value) this.seen = { value, at: now };
    // Stuck in synchronous code: the call begun last is the one that runs.
    let last: (WatchedCall & { at: number }) | undefined,
      lastN = -1;
    for (const [n, c] of this.open)
      if (n > lastN) {
        last = c;
        lastN = n;
      }
    if (!last) return;
    if (now - Math.max(this.seen.at, last.at) <= last.ms + GRACE_MS) return;
    this.stop(new PluginHangError(hangDiagnostic(last, last.ms)));
  }

  /** Terminates the worker; waiting requests fail with `why`. */
  private stop(why: UsageError): void {
    if (this.stopped) return;
    this.stopped = why;
    this.watch(false);
    const w = this.worker;
    this.worker = null;
    void w?.terminate();
    this.open.clear();
    for (const p of this.pending.values()) p.fail(why);
    this.pending.clear();
  }

  /** Reads a file with a plugin's importer in the worker, a batch of items at a time. */
  readonly importer: RemoteImporter = (info, path, kind, ctx) => this.readRemote(info.name, path, kind, ctx);

  private async *readRemote(name: string, path: string, kind: RecordKind, ctx: ReadContext): AsyncGenerator<RawItem> {
    const id = await this.call('importOpen', name, path, kind, ctx.encoding, ctx.maxWholeBytes);
    let finished = false;
    // The worker reads the next batch while the loader takes this one.
    // (Marked handled: a loader that stops early never awaits the last one.)
    const ahead = (): Promise<ImportBatch> => {
      const p = this.call('importNext', id);
      p.catch(() => undefined);
      return p;
    };
    let next: Promise<ImportBatch> | null = ahead();
    try {
      while (next) {
        const batch: ImportBatch = await next;
        next = batch.done ? null : ahead();
        if (batch.encoding) ctx.found.encoding = batch.encoding;
        yield* batch.items;
      }
      finished = true;
    } finally {
      if (!finished && !this.stopped) await this.call('importClose', id);
    }
  }

  /** Deactivates the plugins (watched too) and ends the worker. */
  async dispose(): Promise<void> {
    if (!this.worker || this.stopped) return;
    try {
      await this.send('dispose', []);
    } catch {
      /* stopped meanwhile: nothing left to deactivate */
    }
    const w = this.worker;
    this.worker = null;
    this.stopped = new UsageError('插件会话已关闭 / the plugin session is closed');
    this.watch(false);
    await w?.terminate();
  }
}
