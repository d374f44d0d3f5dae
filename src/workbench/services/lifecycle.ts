// Lifetimes, VS Code's way: every timer, listener and subscription a service starts is a `Disposable`,
// held in the service's `DisposableStore`, so disposing the service stops everything it started.
import type { Disposable } from '../../engine/plugins/api.js';

export type { Disposable };

/** A disposable that runs `fn` once, however often it is disposed. */
export function toDisposable(fn: () => void): Disposable {
  let done = false;
  return {
    dispose: () => {
      if (!done) {
        done = true;
        fn();
      }
    },
  };
}

/** Disposables owned together; disposed in reverse order of adding. Adding to a disposed store disposes at once. */
export class DisposableStore implements Disposable {
  private readonly items = new Set<Disposable>();
  private disposed = false;

  add<T extends Disposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.items.add(d);
    return d;
  }

  /** Forgets a disposable without disposing it (it disposed itself). */
  delete(d: Disposable): void {
    this.items.delete(d);
  }

  /** How many disposables are held (the tests count them). */
  get size(): number {
    return this.items.size;
  }

  /** Disposes what is held; the store stays usable. */
  clear(): void {
    const all = [...this.items].reverse();
    this.items.clear();
    for (const d of all) {
      try {
        d.dispose();
      } catch (e) {
        console.error(e);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }
}

/** `setTimeout` as a disposable. */
export function timeout(fn: () => void, ms: number): Disposable {
  const id = setTimeout(fn, ms);
  return toDisposable(() => clearTimeout(id));
}

/** `setInterval` as a disposable. */
export function interval(fn: () => void, ms: number): Disposable {
  const id = setInterval(fn, ms);
  return toDisposable(() => clearInterval(id));
}

/** An event listener as a disposable. */
export function listen<K extends keyof WindowEventMap>(
  target: Window,
  type: K,
  fn: (e: WindowEventMap[K]) => void,
  options?: boolean | AddEventListenerOptions,
): Disposable;
export function listen(
  target: EventTarget,
  type: string,
  fn: (e: Event) => void,
  options?: boolean | AddEventListenerOptions,
): Disposable;
export function listen(
  target: EventTarget,
  type: string,
  fn: (e: Event) => void,
  options?: boolean | AddEventListenerOptions,
): Disposable {
  target.addEventListener(type, fn, options);
  return toDisposable(() => target.removeEventListener(type, fn, options));
}

/** One re-armable timer: each `schedule` replaces the one waiting (debouncing); `pending` says whether one waits. */
export class Debouncer implements Disposable {
  private id: ReturnType<typeof setTimeout> | null = null;

  schedule(fn: () => void, ms: number): void {
    this.cancel();
    this.id = setTimeout(() => {
      this.id = null;
      fn();
    }, ms);
  }

  get pending(): boolean {
    return this.id !== null;
  }

  cancel(): void {
    if (this.id !== null) clearTimeout(this.id);
    this.id = null;
  }

  dispose(): void {
    this.cancel();
  }
}
