// Times the DuckDB peer on NDJSON case files: load (read_json into tables) and query (every indicator
// as of T) separately, the query repeated to show warm timings. For the benchmark that compares the
// engine with it.
//
//   npx tsx bench/peer/time-duckdb.ts FILE.ndjson [FILE…] --as-of 2018-12-31 [--from 2018-01-01]
//     [--to 2018-12-31] [--group court|handler|team] [--threads N] [--repeat N] [--print]
//
// Prints one JSON object: { cases, events, threads, loadMs, queryMs: [...], result? }.

import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  loadCases,
  openPeer,
  queryIndicators,
  type GroupBy,
  type PeerResult,
  type PeerWindow,
} from './duckdb-indicators.js';

export interface TimeOptions extends PeerWindow {
  files: string[];
  threads?: number;
  /** How many times to run the queries on the loaded data (≥ 1). */
  repeat?: number;
}

export interface Timing {
  cases: number;
  events: number;
  threads: number | null;
  loadMs: number;
  /** One entry per repetition; the first is cold. */
  queryMs: number[];
  result: PeerResult;
}

export async function timeDuckdb(opts: TimeOptions): Promise<Timing> {
  const { instance, con } = await openPeer(opts.threads);
  try {
    const t0 = performance.now();
    const { cases, events } = await loadCases(con, opts.files);
    const loadMs = performance.now() - t0;
    const queryMs: number[] = [];
    let result: PeerResult | undefined;
    for (let i = 0; i < Math.max(1, opts.repeat ?? 1); i++) {
      const t1 = performance.now();
      result = await queryIndicators(con, opts);
      queryMs.push(performance.now() - t1);
    }
    return { cases, events, threads: opts.threads ?? null, loadMs, queryMs, result: result! };
  } finally {
    con.closeSync();
    instance.closeSync();
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'as-of': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      group: { type: 'string' },
      threads: { type: 'string' },
      repeat: { type: 'string' },
      print: { type: 'boolean' },
    },
  });
  const asOf = values['as-of'];
  if (positionals.length === 0 || asOf === undefined) {
    process.stderr.write(
      'usage: time-duckdb FILE.ndjson [FILE…] --as-of YYYY-MM-DD [--from D] [--to D] ' +
        '[--group court|handler|team] [--threads N] [--repeat N] [--print]\n',
    );
    return 2;
  }
  const group = values.group ?? null;
  if (group !== null && group !== 'court' && group !== 'handler' && group !== 'team') {
    process.stderr.write(`time-duckdb: --group must be court, handler or team, got ${group}\n`);
    return 2;
  }
  const year = asOf.slice(0, 4);
  const t = await timeDuckdb({
    files: positionals,
    asOf,
    from: values.from ?? `${year}-01-01`,
    to: values.to ?? `${year}-12-31`,
    groupBy: group as GroupBy,
    ...(values.threads === undefined ? {} : { threads: Number(values.threads) }),
    repeat: values.repeat === undefined ? 3 : Number(values.repeat),
  });
  const out = {
    cases: t.cases,
    events: t.events,
    threads: t.threads,
    loadMs: round(t.loadMs),
    queryMs: t.queryMs.map(round),
    ...(values.print ? { result: t.result } : {}),
  };
  process.stdout.write(JSON.stringify(out, null, values.print ? 2 : undefined) + '\n');
  return 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`time-duckdb: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
