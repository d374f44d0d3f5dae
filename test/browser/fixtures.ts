/**
 * Fixtures for the browser tests on Playwright's test runner (playwright.config.ts). A spec imports `test`
 * and `expect` from here, never from @playwright/test:
 *
 *   import { expect, test, showView, evaluated } from './fixtures.js';
 *   test('the ranking shows the report', async ({ workbench: page, server }) => {
 *     const report = await server.report('ningbo-2018.plan', { asOf: '2018-12-31' });
 *     await showView(page, 'ranking');
 *     await expect(page.locator('[data-testid=rank-count]')).toHaveText(report.rankings[0]!.rows.map(…));
 *   });
 *
 * `server` (one per worker): `luoshi serve` (the harness's startServer, in the worker's process, trusted as
 *   with --trust) on a temporary copy of the example folder, made by `makeFolder`:
 *     ningbo-2018.plan            the 宁波 plan; its data under data/, named by luoshi.config.yaml's data:
 *     data/ningbo-2018.ndjson, data/progress-ningbo-2018.ndjson, data/staffing-2018.ndjson
 *     fujin/kpi.plan              富锦's KPI plan with the fujin-kpi plugin and fujin-2011.ndjson (configured)
 *     hang/hang.plan              calls a plugin function that never returns (the engine gets stuck)
 *   plus what the worker option `folderExtras` adds (`test.use({ folderExtras: (dir) => … })`, a function
 *   writing more files: such a spec gets a worker, a folder and a server of its own).
 *   Its fields:
 *     url, origin, token, cookie   the address to open (with ?token=), the address alone, the session token,
 *                                  and the Cookie header a signed-in browser sends
 *     folder                       the folder's absolute path (read or change its files from the test)
 *     running                      the harness's Running (its workspace, trust(), close())
 *     report(plan, opts)           the JSON report (`luoshi check PLAN --format json`, the CLI of dist/) for
 *                                  the same inputs: plan and data paths relative to the folder; opts.asOf
 *                                  (default the plan's period end), opts.data/progress/staffing (default: the
 *                                  plan's folder, so the data luoshi.config.yaml names for it), opts.lang.
 *                                  Memoised per worker; a run that cannot finish (exit 2) throws its stderr.
 *     restore(path)                puts a file of the folder back as it was made (after a test saved over it)
 * `workbench` (one per test): a Page, signed in (the token traded for the cookie), the workbench loaded
 *   (body[data-ready="1"]) and its first evaluation done (body[data-evaluated-as-of] set, nothing busy). The
 *   interface language is the `lang` option (`test.use({ lang: 'en' })`, zh by default); a stuck engine is
 *   said after 8 s (30 s by default). Uncaught page errors fail the test.
 * Helpers for a page: `evaluated(page, asOf?)` (waits on the condition above), `checked(page)` (the check of
 *   the editor's current text has come back), `showView`, `quickOpen`, `cursorAfter`, `editorText`,
 *   `resetPlan`, `serveFolder` (a server of a test's own, e.g. untrusted), `openWorkbench` (another page).
 * What page.evaluate callbacks touch is typed by page-types.ts: a spec declares
 *   `declare const window: PageWindow; declare const document: PageDocument;` (this project has no DOM types).
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { startServer, type Running } from '../../src/harness/serve/server.js';
import type { PlanReport } from '../../src/engine/report/model.js';
import type { PageDocument, PageStorage, PageWindow } from './page-types.js';

declare const window: PageWindow;
declare const document: PageDocument;
declare const localStorage: PageStorage;
declare const sessionStorage: PageStorage;

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

/** A temporary folder holding the 宁波 plan and its example data, fujin/ and hang/ (see the comment above),
 * and whatever `extras` writes into it. */
export function makeFolder(extras?: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-wb-'));
  cpSync(join(ROOT, 'policies', PLAN), join(dir, PLAN));
  mkdirSync(join(dir, 'data'));
  for (const f of ['ningbo-2018.ndjson', 'progress-ningbo-2018.ndjson', 'staffing-2018.ndjson']) cpSync(join(ROOT, 'examples', 'data', f), join(dir, 'data', f));
  // The plan's data, named (the workbench never picks data by a file's name).
  writeFileSync(join(dir, 'luoshi.config.yaml'), `data:\n  - plans: ${PLAN}\n    cases: data/ningbo-2018.ndjson\n    progress: data/progress-ningbo-2018.ndjson\n    staffing: data/staffing-2018.ndjson\n`);
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
    execFile(process.execPath, args, { cwd: folder, maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 2) : 0;
      if (code > 1) { fail(new Error(`luoshi ${args.slice(1).join(' ')} (in ${folder}) exited ${code}:\n${stderr}`)); return; }
      try { ok(JSON.parse(stdout) as PlanReport); } catch (e) { fail(new Error(`luoshi check printed no JSON report: ${(e as Error).message}\n${stderr}`)); }
    });
  });
}

/** `luoshi serve` on `folder`, trusted unless `trust: false` (trust then remembered in `trustFile`). */
export async function serveFolder(folder: string, opts: { trust?: boolean; trustFile?: string; token?: string; port?: number; restorable?: string[] } = {}): Promise<ServedFolder> {
  if (!existsSync(join(ROOT, 'dist', 'workbench', 'index.html'))) throw new Error('dist/workbench is missing: run `npm run build:workbench` first');
  if (!existsSync(join(ROOT, 'dist', 'harness', 'cli.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const running = await startServer({
    dirs: [folder], port: opts.port ?? 0, trust: opts.trust ?? true,
    ...(opts.trustFile ? { trustFile: opts.trustFile } : {}), ...(opts.token ? { token: opts.token } : {}),
  });
  const reports = new Map<string, Promise<PlanReport>>();
  // The files `restore` can put back, as they are now.
  const made = new Map((opts.restorable ?? []).map((p) => [p, readFileSync(join(folder, p))] as const));
  return {
    url: running.url, origin: running.origin, token: running.token, cookie: running.cookie, folder, running,
    report(plan, o = {}) {
      const key = JSON.stringify([plan, o.asOf, o.data, o.progress, o.staffing, o.lang]);
      let r = reports.get(key);
      if (!r) { r = cliReport(folder, plan, o); reports.set(key, r); r.catch(() => reports.delete(key)); }
      return r;
    },
    restore(path) {
      const original = made.get(path);
      if (!original) throw new Error(`restore: ${path} is not one of the files this server can restore (${[...made.keys()].join(', ')})`);
      writeFileSync(join(folder, path), original);
    },
  };
}

export interface Fixtures {
  /** The interface language of the `workbench` page. */
  lang: 'zh' | 'en';
  workbench: Page;
}

export interface WorkerFixtures {
  /** Writes more files into the served folder (a spec with its own gets its own worker and server). */
  folderExtras: ((dir: string) => void) | undefined;
  server: ServedFolder;
}

/** The files of the folder that tests may change and later restore. */
const RESTORABLE = [PLAN, 'luoshi.config.yaml', 'fujin/kpi.plan', 'hang/hang.plan'];

/** A new page on `server`, signed in, loaded and evaluated once (what the `workbench` fixture gives). */
export async function openWorkbench(browser: Browser, server: Pick<ServedFolder, 'url'>, lang: 'zh' | 'en' = 'zh'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.addInitScript((l) => {
    // The language once per tab (a reload keeps what the page chose since).
    if (!sessionStorage.getItem('luoshi.test.init')) { localStorage.setItem('luoshi.lang', l); sessionStorage.setItem('luoshi.test.init', '1'); }
    // A stuck engine is said after 8 s here (30 s by default).
    localStorage.setItem('luoshi.engineSilentMs', '8000');
  }, lang);
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
  await evaluated(page, undefined, 60_000);
  return page;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  folderExtras: [undefined, { scope: 'worker', option: true }],
  server: [async ({ folderExtras }, use) => {
    const folder = makeFolder(folderExtras);
    const served = await serveFolder(folder, { restorable: RESTORABLE });
    try {
      await use(served);
    } finally {
      await served.running.close().catch(() => undefined);
      rmSync(folder, { recursive: true, force: true });
    }
  }, { scope: 'worker', timeout: 60_000 }],
  lang: ['zh', { option: true }],
  workbench: async ({ browser, server, lang }, use) => {
    const page = await openWorkbench(browser, server, lang);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await use(page);
    await page.context().close();
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };

/** Waits until the page shows an evaluation at `asOf` (or any, when absent) and nothing is running. */
export async function evaluated(page: Page, asOf?: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction((d) => {
    const b = document.body.dataset;
    return !!b.evaluatedAsOf && (!d || b.evaluatedAsOf === d) && !document.querySelector('[data-testid=busy]');
  }, asOf ?? null, { timeout });
}

/** Waits until the check of exactly the editor's current text has come back. */
export async function checked(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.checkedVersion === String(window.luoshi.workbench.editor.getModel()!.getVersionId()), null, { timeout });
}

/** The editor's text (through Monaco's model, as the page holds it). */
export const editorText = (page: Page): Promise<string> => page.evaluate(() => window.luoshi.workbench.editor.getValue());

/** Puts the cursor at the end of the first line containing `needle` and focuses the editor. */
export async function cursorAfter(page: Page, needle: string): Promise<void> {
  await page.evaluate((n) => {
    const ed = window.luoshi.workbench.editor;
    const m = ed.getModel()!;
    const line = m.getLinesContent().findIndex((l) => l.includes(n)) + 1;
    if (line === 0) throw new Error(`no line with ${n}`);
    ed.setPosition({ lineNumber: line, column: m.getLineMaxColumn(line) });
    ed.revealLineInCenter(line);
    ed.focus();
  }, needle);
}

/** Puts the open plan back to its text on disk, checked and evaluated. */
export async function resetPlan(page: Page, server: ServedFolder, path = PLAN): Promise<void> {
  const text = readFileSync(join(server.folder, path), 'utf8');
  await page.evaluate((t) => { window.luoshi.workbench.editor.getModel()!.setValue(t); }, text);
  await checked(page);
  await evaluated(page);
}

/** Ctrl+P, the name typed, Enter; with `path`, until that file is the active tab. */
export async function quickOpen(page: Page, typed: string, path?: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('[data-testid=palette-files]');
  await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
  if (path) await page.waitForSelector(`.tab.active[data-path="${path}"]`);
}

/** Clicks a view's tab and waits until the view shows. */
export async function showView(page: Page, id: string): Promise<void> {
  await page.click(`[data-tab="${id}"]`);
  await page.waitForSelector(`[data-view="${id}"]:not([hidden])`);
}
