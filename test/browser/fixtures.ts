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
 *   plus what the worker option `folderExtras` writes (`test.use({ folderExtras: { write: (dir) => … } })`;
 *   an object, since Playwright takes a bare function for a fixture): such a spec gets a worker, a folder
 *   and a server of its own.
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
 * The helpers are in workbench-page.ts, the folder and its server in folder.ts (both re-exported here).
 * What page.evaluate callbacks touch is typed by page-types.ts: a spec declares
 *   `declare const window: PageWindow; declare const document: PageDocument;` (this project has no DOM types).
 */
import { rmSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import { makeFolder, PLAN, serveFolder, type ServedFolder } from './folder.js';
import { openWorkbench } from './workbench-page.js';

export * from './folder.js';
export * from './workbench-page.js';

export interface Fixtures {
  /** The interface language of the `workbench` page. */
  lang: 'zh' | 'en';
  workbench: Page;
}

export interface WorkerFixtures {
  /** Writes more files into the served folder (a spec with its own gets its own worker and server). */
  folderExtras: { write(dir: string): void } | undefined;
  server: ServedFolder;
}

/** The files of the folder that tests may change and later restore. */
const RESTORABLE = [PLAN, 'luoshi.config.yaml', 'fujin/kpi.plan', 'hang/hang.plan'];

export const test = base.extend<Fixtures, WorkerFixtures>({
  folderExtras: [undefined, { scope: 'worker', option: true }],
  server: [
    async ({ folderExtras }, use) => {
      const folder = makeFolder(folderExtras ? (dir) => folderExtras.write(dir) : undefined);
      const served = await serveFolder(folder, { restorable: RESTORABLE });
      try {
        await use(served);
      } finally {
        await served.running.close().catch(() => undefined);
        rmSync(folder, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  lang: ['zh', { option: true }],
  workbench: async ({ browser, server, lang }, use) => {
    const errors: string[] = [];
    const page = await openWorkbench(browser, server, lang, errors);
    await use(page);
    await page.context().close();
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };
