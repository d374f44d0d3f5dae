// The page's handle on the engine worker. Every request on a channel gets the next sequence number; an
// answer that arrives after a newer request on the same channel was sent is dropped (resolved as null),
// and the worker stops superseded work early. Progress comes back through a comlink callback.
import { proxy, wrap, type Remote } from 'comlink';
import type { EngineService } from '../workers/engine.js';
import type { Channel, ProgressMessage, Result } from '../workers/protocol.js';

export type Engine = Remote<EngineService>;

export class EngineClient {
  readonly worker: Worker;
  readonly engine: Engine;
  private readonly seq: Record<Channel, number> = { check: 0, load: 0, evaluate: 0, replay: 0, cases: 0 };

  constructor(onProgress: (m: ProgressMessage) => void, onCrash: (message: string) => void) {
    this.worker = new Worker(new URL('../workers/web-worker.ts', import.meta.url), { type: 'module', name: 'luoshi-engine' });
    this.worker.addEventListener('error', (e) => onCrash(e.message || 'worker error'));
    this.engine = wrap<EngineService>(this.worker);
    void this.engine.onProgress(proxy(onProgress));
  }

  /**
   * Runs `call` as the newest request on `channel`. Resolves to null when a newer request was made
   * before the answer came (the answer is stale), or when the worker said so itself.
   */
  async request<T>(channel: Channel, call: (seq: number) => Promise<Result<T>>): Promise<Result<T> | null> {
    const seq = ++this.seq[channel];
    const r = await call(seq);
    if (seq !== this.seq[channel]) return null;
    if (!r.ok && r.stale) return null;
    return r;
  }

  /** Abandons whatever runs on a channel. */
  cancel(channel: Channel): void {
    const seq = ++this.seq[channel];
    void this.engine.cancel(channel, seq);
  }
}
