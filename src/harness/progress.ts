// Progress bars for long work on a terminal (loading data, generating it, replaying): cli-progress on
// stderr, so stdout stays the command's output. Nothing is drawn when stderr is not a terminal, in CI
// (the CI variable set), with --quiet, or when a test's IO has no `progress` — the same command prints the
// same bytes wherever it runs.
import { SingleBar } from 'cli-progress';

/** One bar: `update` with the work done so far (in the bar's unit), `stop` when finished or abandoned. */
export interface Progress {
  update(done: number): void;
  stop(): void;
}

/** What a bar counts; 'bytes' are shown as MB, the others as counts. */
export type ProgressUnit = 'bytes' | 'cases' | 'steps' | 'jobs' | 'records' | 'tests';

/** Starts bars: a label, the total in its unit. */
export type ProgressFactory = (label: string, total: number, unit: ProgressUnit) => Progress;

/**
 * How much work draws a bar (less is over before a bar could be read): bytes of files read, cases evaluated,
 * rows written to a database, tests run — or the cases those tests run over.
 */
export const BAR_FROM = {
  readBytes: 16 * 2 ** 20,
  evaluatedCases: 100_000,
  writtenRows: 50_000,
  tests: 200,
  testedCases: 100_000,
};

export const NO_PROGRESS: Progress = {
  update() {
    /* nothing drawn */
  },
  stop() {
    /* nothing drawn */
  },
};

/** Bars on this process's stderr when it is a terminal and not CI; null otherwise. */
export function terminalProgress(
  stream: NodeJS.WriteStream = process.stderr,
  env: NodeJS.ProcessEnv = process.env,
): ProgressFactory | null {
  if (!stream.isTTY || env.CI || env.NO_PROGRESS) return null;
  return (label, total, unit) => {
    const mb = unit === 'bytes';
    const bar = new SingleBar({
      stream,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 8,
      format: `${label} [{bar}] {percentage}% · {shown} · {eta_formatted}`,
    });
    const shown = (n: number): string =>
      mb
        ? `${(n / 2 ** 20).toFixed(0)} / ${(total / 2 ** 20).toFixed(0)} MB`
        : `${n.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`;
    bar.start(Math.max(total, 1), 0, { shown: shown(0) });
    return {
      update: (done) => bar.update(Math.min(done, total), { shown: shown(done) }),
      stop: () => bar.stop(),
    };
  };
}

/**
 * A bar fed by a `(done, total)` callback (the engine's EvaluateInput.onProgress): drawn from the first report,
 * with that report's total, and ended when done reaches the total. `stop` ends it early (an error, a cancel).
 * Without a factory there is no callback at all, so the engine does no reporting work.
 */
export function progressCallback(
  start: ProgressFactory | null | undefined,
  label: string,
  unit: ProgressUnit,
): { onProgress?: (done: number, total: number) => void; stop(): void } {
  if (!start) return { stop: () => undefined };
  let bar: Progress | null = null;
  let finished = false;
  const stop = (): void => {
    bar?.stop();
    bar = null;
    finished = true;
  };
  return {
    onProgress: (done, total) => {
      if (finished) return;
      bar ??= start(label, total, unit);
      bar.update(done);
      if (done >= total) stop();
    },
    stop,
  };
}
