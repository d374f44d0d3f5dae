// Engines at scale: the 宁波 plan over N generated cases on the memory engine, DuckDB and a real PostgreSQL
// server (one started here as the postgres user in a temporary folder on loopback, as .ci/run does), each
// step timed apart, each a child process of `luoshi` timed by /usr/bin/time (wall, CPU, peak RSS):
//   load      memory: `check --data` with an empty snapshot cache (reading the file, writing the snapshot);
//             DuckDB, PostgreSQL: `db init` + `db load FILE --db URL` (the file loaders' validation, then the rows)
//   evaluate  memory: the same `check` with the snapshot warm; DuckDB, PostgreSQL: `check --db URL` in place
//   replay    2018 weekly: memory from the warm snapshot; DuckDB, PostgreSQL: `replay --db URL`
// For PostgreSQL the server's own CPU (the postmaster and its backends, exited ones included) and its peak
// memory (the sum of its processes' proportional set sizes) are sampled from /proc. The load average is
// sampled during each step. Reports must be the same across engines, but for where the data came from
// (`data.sources`: a file or a database's tables) and `--metrics`' timings.
// Usage: tsx bench/scale/engines.bench.ts [--cases N] (default 3000) [--data FILE] [--engines memory,duckdb,postgres]
//        [--replay] (also replay 2018 weekly) [--keep DIR] (keep the DuckDB file, the snapshot and the PostgreSQL
//        cluster in DIR; a later run finds them there and skips their load) [--timeout-min M] (stop any step after
//        M minutes: a stopped PostgreSQL load says which table its COPY had reached)
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { PACKAGE_ROOT } from '../../src/harness/host.js';
import { ensureBenchData } from '../data.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '3000' },
    data: { type: 'string' },
    engines: { type: 'string', default: 'memory,duckdb,postgres' },
    replay: { type: 'boolean', default: false },
    keep: { type: 'string' },
    'timeout-min': { type: 'string' },
  },
});
const file = values.data ?? (await ensureBenchData(Number(values.cases)));
const engines = values.engines.split(',');
const staffing = join(PACKAGE_ROOT, 'examples/data/staffing-2018.ndjson');
const plan = 'policies/ningbo-2018.plan';
const timeoutMs = values['timeout-min'] ? Number(values['timeout-min']) * 60_000 : 0;
const scratch = mkdtempSync(join(tmpdir(), 'luoshi-scale-'));
const work = values.keep ?? scratch;
mkdirSync(work, { recursive: true });
chmodSync(work, 0o755); // the PostgreSQL cluster in it belongs to the postgres user

interface Server {
  url: string;
  /** The postmaster's pid, whose children are the server's processes. */
  pid: () => number;
  stop: () => void;
}

/** A PostgreSQL server for the run on a cluster in `dir` (made here unless it is there), or null where none is installed. */
function startPostgres(dir: string): Server | null {
  const bin = existsSync('/usr/lib/postgresql')
    ? spawnSync('sh', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1'], { encoding: 'utf8' }).stdout.trim()
    : '';
  if (!bin) return null;
  mkdirSync(dir, { recursive: true });
  const root = process.getuid?.() === 0;
  if (root) spawnSync('chown', ['postgres', dir]);
  const as = (cmd: string[]) =>
    spawnSync(root ? 'runuser' : cmd[0]!, root ? ['-u', 'postgres', '--', ...cmd] : cmd.slice(1), { encoding: 'utf8' });
  const port = String(54_000 + (process.pid % 900));
  if (!existsSync(join(dir, 'data'))) {
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
  }
  const start = as([
    `${bin}/pg_ctl`,
    '-D',
    `${dir}/data`,
    '-o',
    `-k ${dir} -p ${port} -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c work_mem=256MB -c max_wal_size=8GB`,
    '-l',
    `${dir}/server.log`,
    '-w',
    'start',
  ]);
  if (start.status !== 0) throw new Error(start.stderr);
  return {
    url: `postgres://luoshi@127.0.0.1:${port}/postgres`,
    pid: () => Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]),
    stop: () => {
      as([`${bin}/pg_ctl`, '-D', `${dir}/data`, '-m', 'fast', 'stop']);
    },
  };
}

/** Clock ticks → seconds (USER_HZ is 100 on Linux). */
const TICK = 0.01;
/** A process's CPU seconds, with those of its waited-for children when `reaped`. */
function cpuOf(pid: number, reaped: boolean): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // After "pid (comm) ": state=0 … utime=11 stime=12 cutime=13 cstime=14.
    const t = Number(f[11]) + Number(f[12]) + (reaped ? Number(f[13]) + Number(f[14]) : 0);
    return t * TICK;
  } catch {
    return 0;
  }
}
function childrenOf(pid: number): number[] {
  const kids: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${d}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      if (ppid === pid) kids.push(Number(d));
    } catch {
      /* gone */
    }
  }
  return kids;
}
function pssKB(pid: number): number {
  try {
    const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}
/** The server's CPU so far: the postmaster, its exited children (reaped) and its live ones. */
function serverCpu(pm: number): number {
  return cpuOf(pm, true) + childrenOf(pm).reduce((s, k) => s + cpuOf(k, false), 0);
}
function serverPssKB(pm: number): number {
  return [pm, ...childrenOf(pm)].reduce((s, k) => s + pssKB(k), 0);
}
const load1 = (): number => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

interface Run {
  wall: number;
  cpu: number;
  rssMB: number;
  /** The reports' hash, where the step prints one. */
  sha: string;
  /** Milliseconds per stage from --metrics. */
  stages: Record<string, number>;
  load: { mean: number; max: number };
  server?: { cpu: number; pssMB: number };
  /** What luoshi said when it refused the command's arguments (exit 2, "… is required"). */
  refused?: string;
  /** Why the step did not finish, if it did not. */
  stopped?: string;
}

/** Runs `luoshi ARGS` to its end (or the timeout), sampling the load average and the server's figures every second. */
async function run(name: string, args: string[], server: Server | null): Promise<Run> {
  const times = join(scratch, `${name}.time`);
  const child = spawn(
    '/usr/bin/time',
    ['-f', '%e %U %S %M', '-o', times, process.execPath, join(PACKAGE_ROOT, 'bin/luoshi.js'), ...args],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (b: Buffer) => out.push(b));
  child.stderr.on('data', (b: Buffer) => err.push(b));
  const pm = server?.pid() ?? 0;
  const cpu0 = pm ? serverCpu(pm) : 0;
  const loads: number[] = [load1()];
  let pss = 0;
  let stopped: string | undefined;
  const sample = async () => {
    loads.push(load1());
    if (pm) pss = Math.max(pss, serverPssKB(pm));
    if (server && timeoutMs && !stopped && Date.now() - t0 > timeoutMs) {
      stopped = `stopped after ${values['timeout-min']} min${await copyProgress(server.url)}`;
      process.kill(-child.pid!, 'SIGTERM');
    }
  };
  const t0 = Date.now();
  const timer = setInterval(() => void sample(), 1000);
  const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
  clearInterval(timer);
  if (!stopped && timeoutMs && !server && Date.now() - t0 > timeoutMs) stopped = 'over the timeout';
  const stderr = Buffer.concat(err).toString();
  if (!stopped && code === 2 && /is required/.test(stderr)) return { refused: stderr } as Run;
  if (!stopped && code !== 0 && code !== 1) throw new Error(`${name} exited ${code}\n${stderr.slice(-2000)}`);
  const [wall, user, sys, rss] = existsSync(times)
    ? readFileSync(times, 'utf8').trim().split('\n').pop()!.split(' ').map(Number)
    : [(Date.now() - t0) / 1000, NaN, NaN, NaN];
  const stdout = Buffer.concat(out).toString();
  const { sha, stages } = digest(stdout);
  const result: Run = {
    wall: stopped ? (Date.now() - t0) / 1000 : wall!,
    cpu: user! + sys!,
    rssMB: rss! / 1024,
    sha,
    stages,
    load: { mean: loads.reduce((a, b) => a + b, 0) / loads.length, max: Math.max(...loads) },
    ...(pm ? { server: { cpu: serverCpu(pm) - cpu0, pssMB: pss / 1024 } } : {}),
    ...(stopped ? { stopped } : {}),
  };
  console.error(`${name}: ${JSON.stringify(result)}`); // as each step ends: a long run's figures survive its end
  return result;
}

/** How far a PostgreSQL load had gone: the statement the load was running (COPY: its table; INSERT: its first row's key too). */
async function copyProgress(url: string): Promise<string> {
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
    // Its rows are uncommitted (one transaction) and its statistics are not reported until it ends, but the
    // statement names its table (`COPY events FROM STDIN`; a batched INSERT starts with its first row's key).
    const r = await c.query(
      "SELECT left(query, 48) AS q FROM pg_stat_activity WHERE (query LIKE 'COPY %' OR query LIKE 'INSERT INTO %') AND pid <> pg_backend_pid()",
    );
    return `: it was at ${r.rows.map((x: { q: string }) => `"${x.q}…"`).join(', ') || 'no COPY or INSERT'}`;
  } catch (e) {
    return ` (progress unknown: ${(e as Error).message})`;
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** The report's hash without what names the data's source and without timings, and --metrics' stages. */
function digest(stdout: string): { sha: string; stages: Record<string, number> } {
  if (!stdout.trimStart().startsWith('{') && !stdout.trimStart().startsWith('[')) return { sha: '', stages: {} };
  const v = JSON.parse(stdout) as Record<string, unknown>;
  const stages: Record<string, number> = {};
  for (const m of (v.metrics as Array<{ stage: string; ms: number }> | undefined) ?? []) stages[m.stage] = m.ms;
  delete v.metrics;
  const strip = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(strip);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      const data = o.data as Record<string, unknown> | undefined;
      if (data && typeof data === 'object' && 'sources' in data) delete data.sources;
      Object.values(o).forEach(strip);
    }
  };
  strip(v);
  return { sha: createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 12), stages };
}

const EVAL_STAGES = ['plan', 'jobs', 'aggregate', 'status', 'assemble'];
const asOf = ['--as-of', '2018-12-31'];
const weekly = ['--from', '2018-01-01', '--to', '2018-12-31', '--step', 'week'];
const json = ['--format', 'json'];

/** A database engine's steps: load it unless `loaded`, then evaluate and replay in place. */
async function inPlace(e: string, url: string, loaded: boolean, server: Server | null): Promise<Array<[string, Run]>> {
  const rows: Array<[string, Run]> = [];
  const db = ['--db', url];
  if (loaded) console.error(`${e}: loaded before, in ${work}: load skipped`);
  else {
    const init = spawnSync(process.execPath, [join(PACKAGE_ROOT, 'bin/luoshi.js'), 'db', 'init', ...db], {
      encoding: 'utf8',
    });
    if (init.status !== 0) throw new Error(init.stderr);
    const r = await run(`load-${e}`, ['db', 'load', file, '--staffing', staffing, ...db], server);
    rows.push([`load ${e}`, r]);
    if (r.stopped) return rows;
  }
  rows.push([`evaluate ${e}`, await run(`check-${e}`, ['check', plan, ...db, ...asOf, ...json, '--metrics'], server)]);
  if (values.replay) {
    const r = await run(`replay-${e}`, ['replay', plan, ...db, ...weekly, ...json], server);
    if (r.refused?.includes('--data is required')) {
      // A luoshi whose replay does not read a database in place: it loads the file into the engine first.
      const from = ['--data', file, '--staffing', staffing, ...(e === 'duckdb' ? ['--engine', 'duckdb'] : db)];
      rows.push([
        `replay ${e} (--data)`,
        await run(`replay-${e}`, ['replay', plan, ...from, ...weekly, ...json], server),
      ]);
    } else rows.push([`replay ${e}`, r]);
  }
  return rows;
}

const rows: Array<[string, Run]> = [];
let pg: Server | null = null;
try {
  for (const e of engines) {
    console.error(`${e}…`);
    if (e === 'memory') {
      const cache = join(work, 'cache');
      const common = [plan, '--data', file, '--staffing', staffing, '--cache-dir', cache, ...json];
      const warm = existsSync(join(cache, 'snapshots')) && values.keep !== undefined;
      if (!warm) {
        rmSync(cache, { recursive: true, force: true });
        rows.push(['load memory', await run('load-memory', ['check', ...common, ...asOf, '--metrics'], null)]);
      } else console.error(`memory: snapshot kept in ${work}: load skipped`);
      rows.push(['evaluate memory', await run('check-memory', ['check', ...common, ...asOf, '--metrics'], null)]);
      if (values.replay)
        rows.push(['replay memory', await run('replay-memory', ['replay', ...common, ...weekly], null)]);
    } else if (e === 'duckdb') {
      const f = join(work, 'ningbo.duckdb');
      const loaded = values.keep !== undefined && existsSync(f);
      if (!loaded) rmSync(f, { force: true });
      rows.push(...(await inPlace(e, `duckdb:${f}`, loaded, null)));
    } else if (e === 'postgres') {
      const dir = join(work, 'pg');
      const loaded = values.keep !== undefined && existsSync(join(dir, 'data'));
      if (!values.keep) rmSync(dir, { recursive: true, force: true });
      pg = startPostgres(dir);
      if (!pg) {
        console.log('postgres: no server installed (/usr/lib/postgresql), skipped');
        continue;
      }
      rows.push(...(await inPlace(e, pg.url, loaded, pg)));
    } else throw new Error(`unknown engine ${e} (memory, duckdb, postgres)`);
  }
  console.log(`${file}: the 宁波 plan, ${engines.join(', ')}`);
  const f1 = (x: number, w = 7) => (Number.isFinite(x) ? x.toFixed(1) : '—').padStart(w);
  for (const [what, r] of rows) {
    const evalMs = EVAL_STAGES.reduce((s, k) => s + (r.stages[k] ?? 0), 0);
    const parts = [
      `  ${what.padEnd(24)} ${f1(r.wall)} s wall ${f1(r.cpu)} s CPU ${f1(r.rssMB, 6).replace(/\.\d$/, '')} MB peak`,
      r.server ? `   server ${f1(r.server.cpu)} s CPU ${f1(r.server.pssMB, 6).replace(/\.\d$/, '')} MB` : '',
      `   load avg ${r.load.mean.toFixed(1)} (max ${r.load.max.toFixed(1)})`,
      r.stages.load !== undefined ? `   stage load ${(r.stages.load / 1000).toFixed(1)} s` : '',
      evalMs ? `   evaluation stages ${(evalMs / 1000).toFixed(1)} s` : '',
      r.sha ? `   report ${r.sha}` : '',
      r.stopped ? `   ${r.stopped}` : '',
    ];
    console.log(parts.join(''));
  }
  const get = (what: string) => rows.find(([w]) => w === what)?.[1];
  const ratio = (a: number | undefined, b: number | undefined) =>
    a !== undefined && b !== undefined && Number.isFinite(a) && Number.isFinite(b) && b > 0 ? (a / b).toFixed(2) : '—';
  for (const step of ['load', 'evaluate', 'replay']) {
    const [m, d, p] = ['memory', 'duckdb', 'postgres'].map((e) => get(`${step} ${e}`) ?? get(`${step} ${e} (--data)`));
    if (d && m && !d.stopped && !m.stopped)
      console.log(`  ${step}: DuckDB / memory ${ratio(d.wall, m.wall)} wall, ${ratio(d.cpu, m.cpu)} CPU`);
    if (p && d && !p.stopped && !d.stopped)
      console.log(
        `  ${step}: PostgreSQL / DuckDB ${ratio(p.wall, d.wall)} wall, ${ratio(p.cpu + (p.server?.cpu ?? 0), d.cpu)} CPU (client + server)`,
      );
  }
  for (const kind of ['evaluate', 'replay']) {
    const shas = new Set(rows.filter(([w, r]) => w.startsWith(kind) && !r.stopped).map(([, r]) => r.sha));
    if (shas.size > 1) {
      console.log(`  ${kind}: the reports DIFFER`);
      process.exitCode = 1;
    } else if (shas.size === 1) console.log(`  ${kind}: identical reports`);
  }
} finally {
  pg?.stop();
  if (!values.keep) rmSync(join(work, 'pg'), { recursive: true, force: true });
  rmSync(scratch, { recursive: true, force: true });
}
