// What a command needs from the outside world, so commands can be run in tests without a process.
import { terminalProgress, type ProgressFactory } from './progress.js';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  /** Colour and tables for a person at a terminal; plain text otherwise. */
  isTTY: boolean;
  /** Progress bars for long work (./progress.ts); absent when nobody watches a terminal. */
  progress?: ProgressFactory | null;
}

/** Exit codes of every `luoshi` command (README.md, "Check a plan"; docs/testing.md). */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_CANNOT_RUN = 2;

/** A user's mistake that stops a command: printed as one line, never as a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** True once stdout's reader has gone (`luoshi … | head`): the rest of the output is dropped. */
let stdoutClosed = false;

export function processIO(): CliIO {
  // A reader that stops early (head, less quitting) closes the pipe: that ends the output, not the program
  // with a stack trace. Whatever the command decided (its exit code) still stands.
  if (process.stdout.listenerCount('error') === 0) {
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      stdoutClosed = true;
    });
  }
  return {
    stdout: (t) => {
      if (!stdoutClosed) process.stdout.write(t);
    },
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    isTTY: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    progress: terminalProgress(),
  };
}
