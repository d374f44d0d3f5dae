// Waiting for a plugin, but not forever.

export type Outcome<T> =
  | { ok: true; value: T }
  | { ok: false; timedOut: true }
  | { ok: false; timedOut: false; error: unknown };

/** Runs `f` (sync or async); its result, what it threw, or a time-out after `ms`. */
export async function guarded<T>(f: () => T | Promise<T>, ms: number): Promise<Outcome<T>> {
  if (!Number.isFinite(ms) || ms > 2 ** 31 - 1) {
    try {
      return { ok: true, value: await f() };
    } catch (error) {
      return { ok: false, timedOut: false, error };
    }
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Outcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ ok: false, timedOut: true }), ms);
  });
  const run = (async (): Promise<Outcome<T>> => {
    try {
      return { ok: true, value: await f() };
    } catch (error) {
      return { ok: false, timedOut: false, error };
    }
  })();
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** What a plugin threw, as one line. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  try {
    return typeof e === 'string' ? e : (JSON.stringify(e) ?? String(e));
  } catch {
    return String(e);
  }
}
