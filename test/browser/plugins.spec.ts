// Plugins in the workbench: a page-only plugin's command, a configured plugin (富锦's KPIs: functions, a
// command, a view, a keybinding and a report format, checked against the plugin's own functions over the
// CLI's report), a plugin function that never returns, and a folder not trusted.
import { cpSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, evaluated, PLAN, quickOpen, ROOT, serveFolder, showView } from './fixtures.js';
import type { Page } from '@playwright/test';
import type { PageDocument, PageWindow } from './page-types.js';
import { MARKER_PLAN, writeMarkerPlugin } from '../trust/fixture.js';
import type { PlanReport } from '../../src/engine/report/model.js';

// The plugin's own functions (plain JS with JSDoc types, outside this project's typecheck), typed by what
// the test uses: what its view and its report format must show.
interface FujinKpi {
  kpiSettings(s: Record<string, unknown>): object;
  assess(r: PlanReport, k: object): { mean: number; rows: Array<{ officer: string; 净执结: number }> };
  renderTable(reports: PlanReport[], k: object, lang: 'zh' | 'en'): string;
}
const { assess, kpiSettings, renderTable } = (await import(
  new URL('../../examples/plugins/fujin-kpi/kpi.js', import.meta.url).href
)) as FujinKpi;

declare const window: PageWindow;
declare const document: PageDocument;

/** Ctrl+Shift+P, `typed`, Enter on the first command listed. */
async function runFromPalette(page: Page, typed: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector('[data-testid=palette-input]');
  await page.keyboard.type(typed);
  await expect(page.locator('[data-testid=palette-commands] [data-testid=palette-item]').first()).toBeVisible();
  await page.keyboard.press('Enter');
}

test('a plugin command runs from the command palette; deactivating removes it', async ({ workbench: page }) => {
  // A string, so the function reaches the page exactly as written (no bundler helpers).
  await page.evaluate(`window.luoshi.plugins.activate({
    id: 'test.hello', version: '0.0.1',
    activate: function (c) {
      c.registerCommand({ id: 'test.hello', title: { zh: '问候测试插件', en: 'Hello test plugin' }, run: function () { document.body.dataset.hello = 'yes'; c.workbench.notify('你好，落实', 'ok'); } });
    },
  })`);
  await runFromPalette(page, '问候');
  await expect(page.locator('body')).toHaveAttribute('data-hello', 'yes');
  await expect(page.locator('[data-testid=notice-ok]', { hasText: '你好，落实' })).toBeVisible();
  // A built-in plugin's command the same way.
  await runFromPalette(page, '排名');
  await expect(page.locator('[data-view=ranking]')).toBeVisible();
  await page.evaluate(() => window.luoshi.plugins.deactivate('test.hello'));
  expect(await page.evaluate(() => window.luoshi.commands.list())).not.toContain('test.hello');
});

test('a configured plugin: its functions, its command, its view, its keybinding and its report format', async ({
  workbench: page,
  server,
}) => {
  const k = kpiSettings({ 净执结下限: 30 });
  await quickOpen(page, 'kpi.plan', 'fujin/kpi.plan');
  // The plan calls the plugin's functions (是否净执结, 接卷日期): it compiles and evaluates only with them.
  await evaluated(page, '2011-12-31');
  expect(await page.evaluate(() => window.luoshi.workbench.store.s.check?.blocked)).toBe(false);
  // The command from plugin.json shows the plugin's view: a row per officer, as the plugin assesses the
  // CLI's report over the same data (fujin-2011.ndjson, the data configured for the plan).
  await runFromPalette(page, '干警考核表');
  const view = page.locator('[data-view="fujin.assessment"] [data-testid=fujin-assessment]');
  const atEnd = assess(await server.report('fujin/kpi.plan', { asOf: '2011-12-31' }), k);
  expect(atEnd.rows.length).toBeGreaterThanOrEqual(2);
  expect(atEnd.mean).toBeGreaterThan(0);
  await expect(view.locator('tr[data-officer]')).toHaveText(
    atEnd.rows.map((r) => new RegExp(`^${r.officer}${r.净执结} `)),
  );
  await expect(view).toContainText(`截至 2011-12-31 · 人均净执结 ${atEnd.mean.toFixed(1)}`);
  expect(await page.evaluate(() => window.luoshi.workbench.store.s.data?.cases)).toBe(799);
  // Its keybinding (Ctrl+Alt+K) from another view.
  await showView(page, 'tasks');
  await page.keyboard.press('Control+Alt+K');
  await expect(page.locator('[data-view="fujin.assessment"]')).toBeVisible();
  // The view follows the as-of date.
  await page.fill('[data-testid=asof-date]', '2011-06-30');
  await page.dispatchEvent('[data-testid=asof-date]', 'change');
  await evaluated(page, '2011-06-30');
  const report = await server.report('fujin/kpi.plan', { asOf: '2011-06-30' });
  const june = assess(report, k);
  await expect(view).toContainText(`截至 2011-06-30 · 人均净执结 ${june.mean.toFixed(1)}`);
  await expect(view.locator('tr[data-officer]')).toHaveText(
    june.rows.map((r) => new RegExp(`^${r.officer}${r.净执结} `)),
  );
  // The plugin's report format exports the report (rendered in the worker): the plugin's own table.
  const download = page.waitForEvent('download');
  await runFromPalette(page, '导出报告：执行干警');
  const text = readFileSync(await (await download).path(), 'utf8');
  expect(text.trimEnd()).toBe(renderTable([report], k, 'zh').trimEnd());
  await page.click(`.tab[data-path="${PLAN}"]`);
  await evaluated(page);
});

test('bad input: a plugin function that never returns — the page stays usable and restarts the engine', async ({
  workbench: page,
}) => {
  await quickOpen(page, 'hang.plan', 'hang/hang.plan');
  // The evaluation calls 永不返回 on every closed case: the worker never answers; the watchdog says so.
  const notice = page.locator('[data-testid=notice-error]', { has: page.locator('[data-testid=notice-action]') });
  await expect(notice).toBeVisible({ timeout: 30_000 });
  await expect(notice).toContainText('永不返回');
  await expect(notice).toContainText('test.hang');
  // The page itself is not stuck: views switch and the editor takes input.
  await showView(page, 'problems');
  await showView(page, 'tasks');
  await notice.locator('[data-testid=notice-action]').click();
  await expect(page.locator('.notices')).toContainText('引擎已重启');
  // The new engine works: another plan evaluates.
  await page.evaluate(() => {
    document.body.dataset.evaluatedAsOf = '';
  });
  await page.click(`.tab[data-path="${PLAN}"]`);
  await evaluated(page, '2018-12-31');
});

test('a folder not trusted: restricted mode names its plugins; trusting loads them without a reload', async ({
  browser,
}) => {
  // Its own folder and server, not trusted; trust is remembered in a store of its own.
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-wb-trust-'));
  writeMarkerPlugin(join(dir, 'plugin'), false);
  writeFileSync(join(dir, 'luoshi.config.yaml'), 'plugins:\n  - ./plugin\n');
  writeFileSync(join(dir, 'twice.plan'), MARKER_PLAN);
  cpSync(join(ROOT, 'examples', 'data', 'fujin-2011.ndjson'), join(dir, 'fujin-2011.ndjson'));
  const served = await serveFolder(dir, { trust: false, trustFile: `${dir}-trust.json` });
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  const pluginRequests: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/plugins/')) pluginRequests.push(r.url());
  });
  try {
    await page.goto(served.url);
    await page.waitForSelector('body[data-ready="1"]');
    const banner = page.locator('[data-testid=trust-banner]');
    await expect(banner.locator('[data-testid=restricted-plugin][data-plugin="test.marker"]')).toBeVisible();
    await expect(banner).toHaveClass(/restricted/);
    for (const s of ['受限模式', 'test.marker', '函数：加倍', '数据导入器：mark'])
      await expect(banner).toContainText(s);
    // Untrusted, the plan cannot call the plugin's function, and nothing of the plugin was fetched.
    await expect
      .poll(() => page.evaluate(() => (window.luoshi.workbench.store.s.check?.diagnostics ?? []).map((d) => d.code)))
      .toContain('E0201');
    expect(pluginRequests).toEqual([]);
    await page.click('[data-testid=trust-folder]');
    await expect(banner).not.toHaveClass(/restricted/);
    // Trusted: the function evaluates, over the folder's 799 cases.
    const expected = (await served.report('twice.plan', { data: ['fujin-2011.ndjson'] })).indicators.find(
      (i) => i.name === '加倍数',
    )!.overall.numerator;
    expect(expected).toBeGreaterThan(0);
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              window.luoshi.workbench.store.s.report?.indicators.find((i) => i.name === '加倍数')?.overall.numerator ??
              null,
          ),
        { timeout: 30_000 },
      )
      .toBe(expected);
    expect(pluginRequests.some((u) => u.endsWith('/index.js'))).toBe(true);
    // Revoked from the palette: restricted again.
    await page.evaluate(() => window.luoshi.commands.execute('luoshi.trust.revoke'));
    await expect(banner).toHaveClass(/restricted/);
    expect(await page.evaluate(() => window.luoshi.commands.execute('luoshi.trust.show'))).toMatchObject({
      trusted: false,
    });
  } finally {
    await context.close();
    await served.running.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-trust.json`, { force: true });
  }
});
