// The heartbeat of plugin code running in a worker thread: a shared Int32Array the worker writes around
// every call into a plugin (a function, the calendar) and the main thread watches. A synchronous call
// that never returns cannot be interrupted in its own thread, but the main thread sees the same call
// still running after the time limit, stops the worker, and names the function and its plugin.
import type { FunctionTable } from '../engine/eval/expr.js';
import type { PlanIR } from '../engine/ir/types.js';
import { irCalls, type CallWatcher } from '../engine/plugins/host.js';
import type { Day } from '../engine/time/calendar.js';

/**
 * Slots: calls finished so far; what runs now (1 + its index in `watchedNames`, CALENDAR, a plugin's
 * loading or activation from PLUGIN_CALLS on, or 0 for nothing).
 */
export const BEAT_DONE = 0,
  BEAT_RUNNING = 1,
  BEAT_SLOTS = 2;
export const CALENDAR = 0x7fffffff;
export const PLUGIN_CALLS = 0x40000000;

/** Plugin calls other than functions and the calendar (loading, activation, …) as heartbeat values, and back. */
const KINDS = ['module evaluation', 'activate', 'deactivate'] as const;
const KINDS_ZH = ['执行模块顶层代码', '激活', '停用'];

/** A watcher for the host that marks its calls in the heartbeat; `plugins`: the host's plugin ids, in order. */
export function beatWatcher(beat: Int32Array, plugins: readonly string[]): CallWatcher {
  return (call) => {
    const kind = KINDS.indexOf(call.what as (typeof KINDS)[number]);
    Atomics.store(
      beat,
      BEAT_RUNNING,
      PLUGIN_CALLS + Math.max(0, plugins.indexOf(call.plugin)) * 4 + (kind < 0 ? 3 : kind),
    );
    return () => {
      Atomics.store(beat, BEAT_RUNNING, 0);
      Atomics.add(beat, BEAT_DONE, 1);
    };
  };
}

/** The plugin call a heartbeat value from PLUGIN_CALLS on stands for. */
export function pluginCallOf(
  running: number,
  plugins: readonly string[],
): { plugin: string; what: string; whatZh: string; activation: boolean } {
  const k = running - PLUGIN_CALLS,
    kind = k % 4;
  return {
    plugin: plugins[Math.floor(k / 4)] ?? '?',
    what: KINDS[kind] ?? 'a call',
    whatZh: KINDS_ZH[kind] ?? '调用',
    activation: kind < 3,
  };
}

/** The functions a plan calls, in a fixed order both threads derive from the IR. */
export function watchedNames(ir: PlanIR): string[] {
  return [...irCalls(ir)].sort();
}

/** The plan's functions and calendar, each call marked in the heartbeat. */
export function watched(
  beat: Int32Array,
  ir: PlanIR,
  functions: FunctionTable,
  addWorkdays: ((d: Day, n: number) => Day) | undefined,
): { functions: FunctionTable; addWorkdays?: (d: Day, n: number) => Day } {
  const names = watchedNames(ir);
  const mark =
    <A extends unknown[], R>(slot: number, f: (...a: A) => R) =>
    (...a: A): R => {
      Atomics.store(beat, BEAT_RUNNING, slot);
      try {
        return f(...a);
      } finally {
        Atomics.store(beat, BEAT_RUNNING, 0);
        Atomics.add(beat, BEAT_DONE, 1);
      }
    };
  const table = new Map<string, ReturnType<FunctionTable['get']>>();
  for (const [k, name] of names.entries()) {
    const f = functions.get(name);
    if (f) table.set(name, mark(k + 1, f));
  }
  return {
    functions: { get: (n) => table.get(n) },
    ...(addWorkdays ? { addWorkdays: mark(CALENDAR, addWorkdays) } : {}),
  };
}
