// The workbench page in a test or a benchmark: opening it signed in and evaluated, waiting on its state
// (body data attributes the app sets), and moving around the editor and the views.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { PLAN, type ServedFolder } from './folder.js';
import type { PageDocument, PageStorage, PageWindow } from './page-types.js';

declare const window: PageWindow;
declare const document: PageDocument;
declare const localStorage: PageStorage;
declare const sessionStorage: PageStorage;

/** A new page on `server`, signed in, loaded and evaluated once (what the `workbench` fixture gives);
 * `errors` collects the page's uncaught errors from its first script on. */
export async function openWorkbench(
  browser: Browser,
  server: Pick<ServedFolder, 'url'>,
  lang: 'zh' | 'en' = 'zh',
  errors?: string[],
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  if (errors) page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript((l) => {
    // The language once per tab (a reload keeps what the page chose since).
    if (!sessionStorage.getItem('luoshi.test.init')) {
      localStorage.setItem('luoshi.lang', l);
      sessionStorage.setItem('luoshi.test.init', '1');
    }
    // A stuck engine is said after 8 s here (30 s by default).
    localStorage.setItem('luoshi.engineSilentMs', '8000');
  }, lang);
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
  await evaluated(page, undefined, 60_000);
  return page;
}

/** Waits until the page shows an evaluation at `asOf` (or any, when absent) and nothing is running. */
export async function evaluated(page: Page, asOf?: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (d) => {
      const b = document.body.dataset;
      return !!b.evaluatedAsOf && (!d || b.evaluatedAsOf === d) && !document.querySelector('[data-testid=busy]');
    },
    asOf ?? null,
    { timeout },
  );
}

/** Waits until the check of exactly the editor's current text has come back. */
export async function checked(page: Page, timeout = 20_000): Promise<void> {
  await page.waitForFunction(
    () => document.body.dataset.checkedVersion === String(window.luoshi.workbench.editor.getModel()!.getVersionId()),
    null,
    { timeout },
  );
}

/** The editor's text (through Monaco's model, as the page holds it). */
export const editorText = (page: Page): Promise<string> =>
  page.evaluate(() => window.luoshi.workbench.editor.getValue());

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
  await page.evaluate((t) => {
    window.luoshi.workbench.editor.getModel()!.setValue(t);
  }, text);
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
