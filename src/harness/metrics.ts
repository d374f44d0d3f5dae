// `--metrics` on check, replay and test: a recorder on the process's monotonic clock, and its table on
// stderr (text) or under `metrics` in the JSON output. Without --metrics nothing is recorded and the output
// is byte for byte what it was.
import { performance } from 'node:perf_hooks';
import { Metrics } from '../engine/pipeline/metrics.js';
import { metricsJson, metricsTable } from '../engine/pipeline/render.js';
import type { Lang } from '../engine/report/diagnostics-format.js';
import type { CliIO } from './io.js';

export const METRICS_OPTION = { metrics: { type: 'boolean', default: false } } as const;

/** The help line, its text starting at `column` like the command's other options. */
export function metricsHelp(column: number): string {
  return (
    '  --metrics'.padEnd(column) + 'time each stage (docs/metrics.md): a table on stderr; in JSON output, `metrics`'
  );
}

export function metricsRecorder(wanted: boolean | undefined): Metrics | undefined {
  return wanted ? new Metrics(() => performance.now()) : undefined;
}

/**
 * The output with the timings: JSON gets a `metrics` member (an object's; several reports become
 * `{ "reports": […], "metrics": […] }`); any other format is printed as it is, the table going to stderr.
 */
export function withMetrics(
  output: string,
  format: string,
  metrics: Metrics | undefined,
  lang: Lang | 'both',
  io: Pick<CliIO, 'stderr'>,
): string {
  if (!metrics) return output;
  const timings = metrics.timings();
  if (format !== 'json') {
    io.stderr(metricsTable(timings, lang));
    return output;
  }
  const value: unknown = JSON.parse(output);
  const withIt = Array.isArray(value)
    ? { reports: value, metrics: metricsJson(timings) }
    : { ...(value as object), metrics: metricsJson(timings) };
  return JSON.stringify(withIt, null, 2) + '\n';
}
