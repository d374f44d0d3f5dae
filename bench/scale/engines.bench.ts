// Engines at scale: the 宁波 plan over N generated cases — `luoshi check` (load + the whole plan) and
// `luoshi replay` (2018 weekly) — on the memory engine, on DuckDB (`--engine duckdb`) and on a real
// PostgreSQL server (`--db`: one started here as the postgres user in a temporary folder on loopback, as
// .ci/run does, stopped at the end). Each run is a child process timed by /usr/bin/time (wall, CPU, peak
// RSS — for PostgreSQL the client's; the server's own CPU is not counted); the JSON reports must be
// byte-identical across engines.
// Usage: tsx bench/scale/engines.bench.ts [--cases N] (default 3000) [--data FILE] [--engines memory,duckdb,postgres]
//        [--replay] (also replay 2018 weekly)
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { PACKAGE_ROOT } from '../../src/harness/host.js';
import { ensureBenchData } from '../data.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '3000' },
    data: { type: 'string' },
    engines: { type: 'string', default: 'memory,duckdb,postgres' },
    replay: { type: 'boolean', default: false },
  },
});
const file = values.data ?? (await ensureBenchData(Number(values.cases)));
const engines = values.engines.split(',');
const staffing = join(PACKAGE_ROOT, 'examples/data/staffing-2018.ndjson');
const plan = 'policies/ningbo-2018.plan';
const out = mkdtempSync(join(tmpdir(), 'luoshi-scale-'));

/** A PostgreSQL server for the run, or null where none is installed. */
function startPostgres(): { url: string; stop: () => void } | null {
  const bins = ['/usr/lib/postgresql'].filter(existsSync);
  const bin = bins.length
    ? spawnSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1'], { encoding: 'utf8' }).stdout.trim()
    : '';
  if (!bin) return null;
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-pg-'));
  const root = process.getuid?.() === 0;
  if (root) spawnSync('chown', ['postgres', dir]);
  const as = (cmd: string[]) =>
    spawnSync(root ? 'runuser' : cmd[0]!, root ? ['-u', 'postgres', '--', ...cmd] : cmd.slice(1), { encoding: 'utf8' });
  const port = String(54_000 + (process.pid % 900));
  const init = as([
    `${bin}/initdb`,
    '-D',
    `${dir}/data`,
    '-U',
    'luoshi',
    '--auth=trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  if (init.status !== 0) throw new Error(init.stderr);
  const start = as([
    `${bin}/pg_ctl`,
    '-D',
    `${dir}/data`,
    '-o',
    `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c work_mem=256MB`,
    '-l',
    `${dir}/server.log`,
    '-w',
    'start',
  ]);
  if (start.status !== 0) throw new Error(start.stderr);
  return {
    url: `postgres://luoshi@127.0.0.1:${port}/postgres`,
    stop: () => {
      as([`${bin}/pg_ctl`, '-D', `${dir}/data`, '-m', 'fast', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Run {
  wall: number;
  cpu: number;
  rssMB: number;
  sha: string;
}
function run(name: string, args: string[]): Run {
  const times = join(out, `${name}.time`);
  const r = spawnSync(
    '/usr/bin/time',
    ['-f', '%e %U %S %M', '-o', times, process.execPath, join(PACKAGE_ROOT, 'bin/luoshi.js'), ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 30,
    },
  );
  if (r.status !== 0 && r.status !== 1) throw new Error(`${name} exited ${r.status}`);
  const [wall, user, sys, rss] = readFileSync(times, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return {
    wall: wall!,
    cpu: user! + sys!,
    rssMB: rss! / 1024,
    sha: createHash('sha256').update(r.stdout).digest('hex').slice(0, 12),
  };
}

const pg = engines.includes('postgres') ? startPostgres() : null;
try {
  const engineArgs: Record<string, string[]> = {
    memory: [],
    duckdb: ['--engine', 'duckdb'],
    postgres: pg ? ['--db', pg.url] : [],
  };
  const rows: Array<[string, Run]> = [];
  for (const e of engines) {
    if (e === 'postgres' && !pg) {
      console.log('postgres: no server installed (/usr/lib/postgresql), skipped');
      continue;
    }
    const common = [plan, '--data', file, '--staffing', staffing, '--format', 'json', ...engineArgs[e]!];
    rows.push([
      `check ${e}`,
      run(`check-${e}`, ['check', ...common.slice(0, 1), ...common.slice(1), '--as-of', '2018-12-31']),
    ]);
    if (values.replay)
      rows.push([
        `replay ${e}`,
        run(`replay-${e}`, ['replay', ...common, '--from', '2018-01-01', '--to', '2018-12-31', '--step', 'week']),
      ]);
  }
  console.log(
    `${file}: the 宁波 plan; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
  );
  for (const [what, r] of rows)
    console.log(
      `  ${what.padEnd(16)} ${r.wall.toFixed(1).padStart(7)} s wall ${r.cpu.toFixed(1).padStart(7)} s CPU ${r.rssMB.toFixed(0).padStart(6)} MB peak   report ${r.sha}`,
    );
  for (const kind of ['check', 'replay']) {
    const shas = new Set(rows.filter(([w]) => w.startsWith(kind)).map(([, r]) => r.sha));
    if (shas.size > 1) {
      console.log(`  ${kind}: the reports DIFFER`);
      process.exitCode = 1;
    } else if (shas.size === 1) console.log(`  ${kind}: identical reports`);
  }
} finally {
  pg?.stop();
  rmSync(out, { recursive: true, force: true });
}
