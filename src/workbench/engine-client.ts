// The page's handle on the engine worker. Every request on a channel gets the next sequence number; an
// answer that arrives after a newer request on the same channel was sent is dropped (resolved as null),
// and the worker stops superseded work early. Progress comes back through a comlink callback.
//
// A worker that stops answering — a configured plugin's function that never returns runs there, and
// synchronous code cannot be interrupted — is noticed (`silentFor`) and can be replaced (`restart`):
// requests still waiting on the old one resolve as null, as superseded ones do.
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import type { EngineService } from '../workers/engine.js';
import type { Channel, ProgressMessage, Result } from '../workers/protocol.js';

export type Engine = Remote<EngineService>;

const spawn = (): Worker =>
  new Worker(new URL('../workers/web-worker.ts', import.meta.url), { type: 'module', name: 'luoshi-engine' });

/** The first worker, started by main.ts before the editor's code loads, so that the engine's own code
 * loads and starts on the other core meanwhile; the first EngineClient takes it (with an error it met). */
let early: { worker: Worker; error: string | null } | null = null;

export function startEngineEarly(): void {
  if (early) return;
  const e: { worker: Worker; error: string | null } = { worker: spawn(), error: null };
  e.worker.addEventListener('error', (ev) => {
    e.error ??= ev.message || 'worker error';
  });
  early = e;
}

export class EngineClient {
  private worker!: Worker;
  private current!: Engine;
  private readonly seq: Record<Channel, number> = { check: 0, load: 0, evaluate: 0, replay: 0, cases: 0 };
  /** Requests sent and not yet answered, and when the worker was last heard from. */
  private waiting = 0;
  private lastHeard = performance.now();
  private abandon: Array<() => void> = [];

  constructor(
    private readonly onProgress: (m: ProgressMessage) => void,
    private readonly onCrash: (message: string) => void,
  ) {
    this.start();
  }

  private start(): void {
    const taken = early;
    early = null;
    this.worker = taken?.worker ?? spawn();
    this.worker.addEventListener('error', (e) => this.onCrash(e.message || 'worker error'));
    if (taken?.error) this.onCrash(taken.error);
    this.current = wrap<EngineService>(this.worker);
    void this.current.onProgress(
      proxy((m: ProgressMessage) => {
        this.lastHeard = performance.now();
        this.onProgress(m);
      }),
    );
  }

  /** The engine (the current worker's: read it at each use, a restart replaces it). */
  get engine(): Engine {
    return this.current;
  }

  /**
   * Runs `call` as the newest request on `channel`. Resolves to null when a newer request was made
   * before the answer came (the answer is stale), when the worker said so itself, or when the worker
   * was replaced meanwhile.
   */
  async request<T>(channel: Channel, call: (seq: number) => Promise<Result<T>>): Promise<Result<T> | null> {
    const seq = ++this.seq[channel];
    this.waiting++;
    let gone!: () => void;
    const abandoned = new Promise<null>((r) => {
      gone = () => r(null);
    });
    this.abandon.push(gone);
    try {
      const r = await Promise.race([call(seq), abandoned]);
      if (r === null) return null;
      this.lastHeard = performance.now();
      if (seq !== this.seq[channel]) return null;
      if (!r.ok && r.stale) return null;
      return r;
    } finally {
      this.waiting--;
      this.abandon = this.abandon.filter((g) => g !== gone);
    }
  }

  /** Milliseconds the worker has kept a request waiting without a word (answer or progress); 0 when idle. */
  silentFor(): number {
    return this.waiting > 0 ? performance.now() - this.lastHeard : 0;
  }

  /** Abandons whatever runs on a channel. */
  cancel(channel: Channel): void {
    const seq = ++this.seq[channel];
    void this.current.cancel(channel, seq);
  }

  /** Replaces the worker: the old one is stopped, its waiting requests resolve as null. The caller sends files, plugins and data again. */
  restart(): void {
    const old = this.worker;
    try {
      this.current[releaseProxy]();
    } catch {
      /* already gone */
    }
    old.terminate();
    for (const g of this.abandon.splice(0)) g();
    this.lastHeard = performance.now();
    this.start();
  }
}
