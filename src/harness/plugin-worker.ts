// A plan that calls plugin code (functions, a plugin calendar) is evaluated or replayed in a worker thread
// that opens the same plugin configuration, while this thread watches the heartbeat the worker writes
// around each call (src/harness/plugin-beat.ts). Plugin functions are synchronous: one that never returns
// cannot be interrupted where it runs, but here the same call is seen still running after the plugins'
// call limit (`limits.callMs`, default 10 s), the worker is stopped, and the command ends with a
// diagnostic naming the function and its plugin (exit 2) instead of hanging.
import { Worker } from 'node:worker_threads';
import * as Comlink from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { Diagnostic } from '../engine/diagnostics/diagnostic.js';
import type { PlanIR } from '../engine/ir/types.js';
import type { PlanReport } from '../engine/report/model.js';
import type { ReplayResult } from '../engine/replay/types.js';
import { pluginDiagnostic } from '../engine/plugins/diagnostics.js';
import type { EngineWorkerApi, PluginFreeEvaluateInput, PluginFreeReplayInput, WorkerAnswer } from './node-engine.js';
import {
  BEAT_DONE,
  BEAT_RUNNING,
  BEAT_SLOTS,
  CALENDAR,
  PLUGIN_CALLS,
  pluginCallOf,
  watchedNames,
} from './plugin-beat.js';
import type { PluginSession } from './plugins/session.js';
import { workerUrl } from './pool.js';
import { UsageError } from './io.js';
import { GRACE_MS, PluginHangError, hangDiagnostic } from './plugins/watchdog.js';

export { PluginHangError };

const WATCH_EVERY_MS = 100;

/** Who runs in heartbeat slot `running`: a function and its plugin, or the calendar's. */
function culprit(
  session: PluginSession,
  ir: PlanIR,
  running: number,
): { plugin: string; manifestFile: string; what: string; whatZh: string; activation?: boolean } {
  const host = session.host;
  if (running >= PLUGIN_CALLS && running !== CALENDAR) {
    const call = pluginCallOf(running, pluginIds(session));
    return { ...call, manifestFile: host.plugin(call.plugin)?.manifestFile ?? call.plugin };
  }
  if (running === CALENDAR) {
    const id = session.config.calendar ?? 'weekdays';
    const plugin = host.calendars().find((c) => c.id === id)?.plugin ?? id;
    return {
      plugin,
      manifestFile: host.plugin(plugin)?.manifestFile ?? session.configFile ?? plugin,
      what: `calendar ${id}`,
      whatZh: `计算 calendar ${id} `,
    };
  }
  const fn = watchedNames(ir)[running - 1] ?? '?';
  const plugin = host.functionSignatures().find((f) => f.name === fn)?.plugin ?? '?';
  return { plugin, manifestFile: host.plugin(plugin)?.manifestFile ?? plugin, what: fn, whatZh: `计算 ${fn} ` };
}

/** The session's plugins in the order both threads' hosts hold them (the heartbeat refers to them by index). */
const pluginIds = (session: PluginSession): string[] => session.host.plugins().map((p) => p.id);

async function inWorker<T>(
  session: PluginSession,
  ir: PlanIR,
  call: (
    api: Comlink.Remote<EngineWorkerApi>,
    beat: SharedArrayBuffer,
  ) => Promise<WorkerAnswer<{ value: T; diagnostics: Diagnostic[] }>>,
): Promise<{ value: T; diagnostics: Diagnostic[] }> {
  const worker = new Worker(workerUrl());
  const api = Comlink.wrap<EngineWorkerApi>(nodeEndpoint(worker));
  const buffer = new SharedArrayBuffer(BEAT_SLOTS * Int32Array.BYTES_PER_ELEMENT);
  const beat = new Int32Array(buffer);
  const limit = session.callTimeoutMs;
  let timer: ReturnType<typeof setInterval> | null = null;
  // The same call (same slot, no call finished since) seen running for longer than the limit.
  const stuck = new Promise<never>((_, fail) => {
    let seen = { running: 0, done: -1, since: 0 };
    timer = setInterval(() => {
      const running = Atomics.load(beat, BEAT_RUNNING),
        done = Atomics.load(beat, BEAT_DONE),
        now = Date.now();
      if (running === 0 || running !== seen.running || done !== seen.done) {
        seen = { running, done, since: now };
        return;
      }
      const who = culprit(session, ir, running);
      if (who.activation === undefined) {
        if (now - seen.since < limit) return;
        fail(
          new PluginHangError(
            pluginDiagnostic('P0007', who.manifestFile, {
              plugin: who.plugin,
              when: `computing ${who.what}`,
              whenZh: who.whatZh,
              ms: limit,
            }),
          ),
        );
        return;
      }
      // Loading, activating: the host's own time-out in the worker fires first for a promise that never settles.
      const ms = (who.activation ? session.workerOptions.activationTimeoutMs : undefined) ?? limit;
      if (now - seen.since <= ms + GRACE_MS) return;
      fail(new PluginHangError(hangDiagnostic(who, ms)));
    }, WATCH_EVERY_MS);
  });
  try {
    const a = await Promise.race([call(api, buffer), stuck]);
    if (!a.ok) {
      const usage = a.diagnostics.find((d) => d.code === 'USAGE');
      if (usage) throw new UsageError(usage.message);
      throw new Error(a.diagnostics.map((d) => `${d.code}: ${d.message}`).join('; '));
    }
    return a.value;
  } finally {
    if (timer) clearInterval(timer);
    api[Comlink.releaseProxy]();
    await worker.terminate();
  }
}

/** Evaluates in a watched worker; what the plugins reported while it ran is returned with the report. */
export function evaluateWithPlugins(
  input: PluginFreeEvaluateInput,
  session: PluginSession,
): Promise<{ value: PlanReport; diagnostics: Diagnostic[] }> {
  return inWorker(session, input.ir, (api, beat) =>
    api.evaluateWithPlugins(input, session.workerOptions, pluginIds(session), beat),
  );
}

/** Replays in a watched worker. */
export function replayWithPlugins(
  input: PluginFreeReplayInput,
  session: PluginSession,
): Promise<{ value: ReplayResult & { method: string }; diagnostics: Diagnostic[] }> {
  return inWorker(session, input.ir, (api, beat) =>
    api.replayWithPlugins(input, session.workerOptions, pluginIds(session), beat),
  );
}
