// CPU time per thread of this process (Linux /proc), for benchmarks on a shared machine: wall times there
// depend on the other jobs, while a run's critical path — this thread's CPU plus the busiest worker's — is
// about the wall time the run would take on idle cores. Null where /proc is not there.
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

export type ThreadCpu = Map<number, number>;

/** Each thread's CPU time so far (ms), by thread id; null without /proc. */
export function threadCpu(): ThreadCpu | null {
  try {
    const out: ThreadCpu = new Map();
    for (const t of readdirSync('/proc/self/task')) {
      const fields = readFileSync(`/proc/self/task/${t}/stat`, 'utf8').split(') ')[1]!.split(' ');
      out.set(Number(t), (Number(fields[11]) + Number(fields[12])) * TICK_MS);
    }
    return out;
  } catch {
    return null;
  }
}

/**
 * Between two readings: this thread's CPU, the busiest of `workers` (thread ids; every other thread when
 * omitted, the engine's helpers such as its garbage collector included) and all threads' together.
 */
export function cpuBetween(
  a: ThreadCpu | null,
  b: ThreadCpu | null,
  workers?: readonly number[],
): { main: number; busiest: number; all: number } | null {
  if (!a || !b) return null;
  const d = (t: number): number => (b.get(t) ?? 0) - (a.get(t) ?? 0);
  let all = 0;
  for (const t of b.keys()) all += d(t);
  const others = workers ?? [...b.keys()].filter((t) => t !== process.pid);
  return { main: d(process.pid), busiest: Math.max(0, ...others.map(d)), all };
}

/** Threads that appeared between two readings (a pool's workers, started in between). */
export function newThreads(a: ThreadCpu | null, b: ThreadCpu | null): number[] {
  if (!a || !b) return [];
  return [...b.keys()].filter((t) => !a.has(t));
}
