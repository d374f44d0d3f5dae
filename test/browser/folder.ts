// The served folder of the browser tests and benchmarks: a temporary copy of the example folder, `luoshi
// serve` on it (the harness's startServer, in this process), and the CLI's JSON report for the same inputs.
// The fixtures (fixtures.ts) describe what the folder holds.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type Running } from '../../src/harness/serve/server.js';
import type { PlanReport } from '../../src/engine/report/model.js';
import type { DatabaseSourceOptions } from '../../src/harness/serve/database.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PLAN = 'ningbo-2018.plan';

export interface ReportOptions {
  asOf?: string;
  data?: string[];
  progress?: string[];
  staffing?: string[];
  lang?: 'zh' | 'en';
}

export interface ServedFolder {
  url: string;
  origin: string;
  token: string;
  cookie: string;
  folder: string;
  running: Running;
  report(plan: string, opts?: ReportOptions): Promise<PlanReport>;
  restore(path: string): void;
}

/** A temporary folder holding the 宁波 plan and its example data, fujin/ and hang/ (the folders with
 * plugins; not with `plugins: false`), and whatever `extras` writes into it (fixtures.ts lists it all). */
export function makeFolder(extras?: (dir: string) => void, opts: { plugins?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-wb-'));
  cpSync(join(ROOT, 'policies', PLAN), join(dir, PLAN));
  mkdirSync(join(dir, 'data'));
  for (const f of ['ningbo-2018.ndjson', 'progress-ningbo-2018.ndjson', 'staffing-2018.ndjson'])
    cpSync(join(ROOT, 'examples', 'data', f), join(dir, 'data', f));
  // The plan's data, named (the workbench never picks data by a file's name).
  writeFileSync(
    join(dir, 'luoshi.config.yaml'),
    `data:\n  - plans: ${PLAN}\n    cases: data/ningbo-2018.ndjson\n    progress: data/progress-ningbo-2018.ndjson\n    staffing: data/staffing-2018.ndjson\n`,
  );
  if (opts.plugins === false) {
    extras?.(dir);
    return dir;
  }
  // A folder with its own luoshi.config.yaml: 富锦's KPI plan with the fujin-kpi plugin (functions, a lint,
  // a report format, a command and a view).
  mkdirSync(join(dir, 'fujin'));
  cpSync(join(ROOT, 'examples', 'plugins', 'fujin-kpi', 'kpi.plan'), join(dir, 'fujin', 'kpi.plan'));
  cpSync(join(ROOT, 'examples', 'data', 'fujin-2011.ndjson'), join(dir, 'fujin', 'fujin-2011.ndjson'));
  writeFileSync(
    join(dir, 'fujin', 'luoshi.config.yaml'),
    `plugins:\n  - path: ${JSON.stringify(join(ROOT, 'examples', 'plugins', 'fujin-kpi'))}\n    settings:\n      净执结下限: 30\ndata:\n  - plans: kpi.plan\n    cases: fujin-2011.ndjson\n`,
  );
  // A plugin whose function never returns, and a plan that calls it (the engine worker gets stuck).
  mkdirSync(join(dir, 'hang', 'plugin'), { recursive: true });
  writeFileSync(
    join(dir, 'hang', 'plugin', 'plugin.json'),
    JSON.stringify({
      id: 'test.hang',
      name: 'never returns',
      version: '1.0.0',
      engines: { luoshi: '>=0.1.0' },
      main: 'index.js',
      contributes: { functions: [{ name: '永不返回', params: [{ name: 'x', type: 'money' }], returns: 'number' }] },
    }),
  );
  writeFileSync(
    join(dir, 'hang', 'plugin', 'index.js'),
    "export function activate(c) { c.functions.register('永不返回', () => { for (;;) { /* never */ } }); }\n",
  );
  writeFileSync(join(dir, 'hang', 'luoshi.config.yaml'), 'plugins:\n  - ./plugin\n');
  writeFileSync(
    join(dir, 'hang', 'hang.plan'),
    '方案 卡住 {\n  期间 2011-01-01 至 2011-12-31\n  使用 std\n}\n指标 卡住数 (件) = 计数(结案 其中 永不返回(到位金额) > 0)\n',
  );
  cpSync(join(ROOT, 'examples', 'data', 'fujin-2011.ndjson'), join(dir, 'hang', 'cases.ndjson'));
  extras?.(dir);
  return dir;
}

/** What `luoshi check --format json` prints for these inputs, in `folder` (exit 0 or 1: a report). */
function cliReport(folder: string, plan: string, opts: ReportOptions): Promise<PlanReport> {
  const args = [join(ROOT, 'bin', 'luoshi.js'), 'check', plan, '--format', 'json', '--lang', opts.lang ?? 'zh'];
  for (const d of opts.data ?? [dirname(plan)]) args.push('--data', d);
  for (const p of opts.progress ?? []) args.push('--progress', p);
  for (const s of opts.staffing ?? []) args.push('--staffing', s);
  if (opts.asOf) args.push('--as-of', opts.asOf);
  return new Promise((ok, fail) => {
    // Asynchronously: the server answering the page runs in this same process.
    execFile(
      process.execPath,
      args,
      { cwd: folder, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 2) : 0;
        if (code > 1) {
          fail(new Error(`luoshi ${args.slice(1).join(' ')} (in ${folder}) exited ${code}:\n${stderr}`));
          return;
        }
        try {
          ok(JSON.parse(stdout) as PlanReport);
        } catch (e) {
          fail(new Error(`luoshi check printed no JSON report: ${(e as Error).message}\n${stderr}`));
        }
      },
    );
  });
}

/** `luoshi serve` on `folder`, trusted unless `trust: false` (trust then remembered in `trustFile`). */
export async function serveFolder(
  folder: string,
  opts: {
    trust?: boolean;
    trustFile?: string;
    token?: string;
    port?: number;
    restorable?: string[];
    database?: DatabaseSourceOptions;
  } = {},
): Promise<ServedFolder> {
  if (!existsSync(join(ROOT, 'dist', 'workbench', 'index.html')))
    throw new Error('dist/workbench is missing: run `npm run build:workbench` first');
  if (!existsSync(join(ROOT, 'dist', 'harness', 'cli.js')))
    throw new Error('dist/ is missing: run `npm run build` first');
  const running = await startServer({
    dirs: [folder],
    port: opts.port ?? 0,
    trust: opts.trust ?? true,
    ...(opts.trustFile ? { trustFile: opts.trustFile } : {}),
    ...(opts.token ? { token: opts.token } : {}),
    ...(opts.database ? { database: opts.database } : {}),
  });
  const reports = new Map<string, Promise<PlanReport>>();
  // The files `restore` can put back, as they are now.
  const made = new Map((opts.restorable ?? []).map((p) => [p, readFileSync(join(folder, p))] as const));
  return {
    url: running.url,
    origin: running.origin,
    token: running.token,
    cookie: running.cookie,
    folder,
    running,
    report(plan, o = {}) {
      const key = JSON.stringify([plan, o.asOf, o.data, o.progress, o.staffing, o.lang]);
      let r = reports.get(key);
      if (!r) {
        r = cliReport(folder, plan, o);
        reports.set(key, r);
        r.catch(() => reports.delete(key));
      }
      return r;
    },
    restore(path) {
      const original = made.get(path);
      if (!original)
        throw new Error(
          `restore: ${path} is not one of the files this server can restore (${[...made.keys()].join(', ')})`,
        );
      writeFileSync(join(folder, path), original);
    },
  };
}
