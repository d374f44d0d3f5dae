// Shared by the browser tests and the workbench benchmark: a temporary workspace, `luoshi serve` on it
// (in this process, on a free port), Debian's Chromium through playwright-core, and screenshots.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startServer, type Running } from '../../src/harness/serve/server.js';
import type { PageDocument, PageObserverCtor, PageWindow } from './page-types.js';

declare const window: PageWindow;
declare const document: PageDocument;
declare const PerformanceObserver: PageObserverCtor;

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHOTS = join(ROOT, 'test-results', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export function requireBuild(): void {
  if (!existsSync(join(ROOT, 'dist', 'workbench', 'index.html'))) {
    console.error('dist/workbench is missing: run `npm run build:workbench` first');
    process.exit(2);
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM)`);
    process.exit(2);
  }
}

/** A temporary folder holding the 宁波 plan and its example data (and whatever `extra` copies in). */
export function makeWorkspace(extra?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-wb-'));
  cpSync(join(ROOT, 'policies', 'ningbo-2018.plan'), join(dir, 'ningbo-2018.plan'));
  mkdirSync(join(dir, 'data'));
  for (const f of ['ningbo-2018.ndjson', 'progress-ningbo-2018.ndjson', 'staffing-2018.ndjson']) cpSync(join(ROOT, 'examples', 'data', f), join(dir, 'data', f));
  // The plan's data, named (the workbench never picks data by a file's name).
  writeFileSync(join(dir, 'luoshi.config.yaml'), 'data:\n  - plans: ningbo-2018.plan\n    cases: data/ningbo-2018.ndjson\n    progress: data/progress-ningbo-2018.ndjson\n    staffing: data/staffing-2018.ndjson\n');
  // A folder with its own luoshi.config.yaml: 富锦's KPI plan with the fujin-kpi plugin (functions, a lint,
  // a report format, a command and a view).
  mkdirSync(join(dir, 'fujin'));
  cpSync(join(ROOT, 'examples', 'plugins', 'fujin-kpi', 'kpi.plan'), join(dir, 'fujin', 'kpi.plan'));
  cpSync(join(ROOT, 'examples', 'data', 'fujin-2011.ndjson'), join(dir, 'fujin', 'fujin-2011.ndjson'));
  writeFileSync(join(dir, 'fujin', 'luoshi.config.yaml'), `plugins:\n  - path: ${JSON.stringify(join(ROOT, 'examples', 'plugins', 'fujin-kpi'))}\n    settings:\n      净执结下限: 30\ndata:\n  - plans: kpi.plan\n    cases: fujin-2011.ndjson\n`);
  // A plugin whose function never returns, and a plan that calls it (the engine worker gets stuck).
  mkdirSync(join(dir, 'hang', 'plugin'), { recursive: true });
  writeFileSync(join(dir, 'hang', 'plugin', 'plugin.json'), JSON.stringify({
    id: 'test.hang', name: 'never returns', version: '1.0.0', engines: { luoshi: '>=0.1.0' }, main: 'index.js',
    contributes: { functions: [{ name: '永不返回', params: [{ name: 'x', type: 'money' }], returns: 'number' }] },
  }));
  writeFileSync(join(dir, 'hang', 'plugin', 'index.js'), "export function activate(c) { c.functions.register('永不返回', () => { for (;;) { /* never */ } }); }\n");
  writeFileSync(join(dir, 'hang', 'luoshi.config.yaml'), 'plugins:\n  - ./plugin\n');
  writeFileSync(join(dir, 'hang', 'hang.plan'), '方案 卡住 {\n  期间 2011-01-01 至 2011-12-31\n  使用 std\n}\n指标 卡住数 (件) = 计数(结案 其中 永不返回(到位金额) > 0)\n');
  cpSync(join(ROOT, 'examples', 'data', 'fujin-2011.ndjson'), join(dir, 'hang', 'cases.ndjson'));
  extra?.(dir);
  return dir;
}

export function removeWorkspace(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * `luoshi serve` on `dir`; its `url` holds the session token (pass `token` to keep one across a restart).
 * The tests' workspace is theirs: served with --trust (its plugins run; nothing is written to the user's
 * trust store). `trust: false` serves it untrusted, remembering trust in `trustFile`.
 */
export async function serve(dir: string, port = 0, opts: { trust?: boolean; trustFile?: string; token?: string } = {}): Promise<Running> {
  return startServer({ dirs: [dir], port, trust: opts.trust ?? true, ...(opts.trustFile ? { trustFile: opts.trustFile } : {}), ...(opts.token ? { token: opts.token } : {}) });
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Starts recording main-thread long tasks in the page (PerformanceObserver 'longtask'). */
export async function recordLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const tasks: Array<{ start: number; duration: number }> = [];
    window.__longtasks = tasks;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: false });
  });
}

export async function longTasks(page: Page): Promise<Array<{ start: number; duration: number }>> {
  return page.evaluate(() => window.__longtasks ?? []);
}

/** Waits until the page shows an evaluation at `asOf` (or any, when absent) and nothing is running. */
export async function waitEvaluated(page: Page, asOf?: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction((d) => {
    const b = document.body.dataset;
    return !!b.evaluatedAsOf && (!d || b.evaluatedAsOf === d) && !document.querySelector('[data-testid=busy]');
  }, asOf ?? null, { timeout });
}
