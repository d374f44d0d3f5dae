// `--threads N` (and its older name `--workers N`), shared by the commands that evaluate or replay: how many
// worker threads of the resident pool (../pool.ts) load and evaluate the data. Without it the pool is used
// where it pays — files and stores past the thresholds measured in docs/performance.md —, with it always
// (1: everything in this thread).
import { UsageError } from '../io.js';
import { defaultThreads, POOL_MIN_BYTES, POOL_MIN_CASES, rangeLoader } from '../pool.js';
import type { RangeLoader } from '../loaders/types.js';

export const THREADS_OPTIONS = { threads: { type: 'string' }, workers: { type: 'string' } } as const;

export interface ThreadsValues {
  threads?: string | undefined;
  workers?: string | undefined;
}

export interface Threads {
  threads: number;
  /** Case files smaller than this load in this thread. */
  poolMinBytes: number;
  /** Stores of fewer cases are evaluated in this thread (unless the pool already holds them). */
  poolMinCases: number;
}

/** The threads of a command's flags. */
export function threadsOption(values: ThreadsValues): Threads {
  const flag = values.threads !== undefined ? '--threads' : '--workers';
  const v = values.threads ?? values.workers;
  if (v === undefined) return { threads: defaultThreads(), poolMinBytes: POOL_MIN_BYTES, poolMinCases: POOL_MIN_CASES };
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isInteger(n) || n < 1 || n > 256)
    throw new UsageError(`${flag} 应为 1–256 的整数 / ${flag} must be a whole number from 1 to 256, not "${v}"`);
  return { threads: n, poolMinBytes: 0, poolMinCases: 0 };
}

/** What loadCases needs of them (../loaders/index.ts). */
export function loadThreads(t: Threads): { ranges?: RangeLoader; poolMinBytes: number } {
  return t.threads > 1 ? { ranges: rangeLoader(t.threads), poolMinBytes: t.poolMinBytes } : { poolMinBytes: 0 };
}
