// The workbench on a server with a database source (docs/sql.md, "serve with a database"): the plan's data
// comes from the views over a court's own tables (examples/court-db), the data view names the source, and
// the command 刷新数据库数据 reads it again after the court's system changed it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { expect, makeFolder, openWorkbench, ROOT, serveFolder, showView, type ServedFolder } from './fixtures.js';
import type { PageWindow } from './page-types.js';
import { openDatabaseUrl } from '../../src/harness/sql/database.js';
import { makeViews, readMappingConfig } from '../../src/harness/sql/mapping.js';

declare const window: PageWindow;

const test = base.extend<object, { dbServer: { server: ServedFolder; url: string } }>({
  dbServer: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern (none here)
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'luoshi-wb-db-'));
      const url = `duckdb:${join(dir, 'court.duckdb')}`;
      const db = await openDatabaseUrl(url, { create: true });
      const court = join(ROOT, 'examples', 'court-db');
      await db.exec(readFileSync(join(court, 'schema.sql'), 'utf8') + readFileSync(join(court, 'data.sql'), 'utf8'));
      await makeViews(db, readMappingConfig(ROOT, 'examples/court-db/luoshi.config.yaml')!, 'zh', url, () => undefined);
      await db.close();
      const folder = makeFolder(undefined, { plugins: false });
      const server = await serveFolder(folder, {
        database: { url, schema: 'luoshi', configFile: 'luoshi.config.yaml' },
      });
      try {
        await use({ server, url });
      } finally {
        await server.running.close().catch(() => undefined);
        rmSync(folder, { recursive: true, force: true });
        rmSync(dir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 60_000 },
  ],
});

test("the plan's data is the database's, and a refresh reads it again", async ({ browser, dbServer }) => {
  const { server, url } = dbServer;
  const errors: string[] = [];
  const page = await openWorkbench(browser, server, 'zh', errors);
  try {
    await expect.poll(() => page.evaluate(() => window.luoshi.workbench.store.s.data?.cases)).toBe(300);
    expect(await page.evaluate(() => window.luoshi.workbench.store.s.dataOrigin)).toBe('database');
    await showView(page, 'data');
    const source = page.locator('[data-testid=data-view-database]');
    await expect(source).toContainText(`数据来源：数据库（只读） ${url} · luoshi · 命令“刷新数据库数据”重新读取`);
    const db = await openDatabaseUrl(url);
    await db.exec("UPDATE zx_ajxx SET sfsc = '1' WHERE ajbs IN (18000001, 18000002)");
    await db.close();
    await page.evaluate(() => window.luoshi.commands.execute('luoshi.refreshDatabase'));
    await expect.poll(() => page.evaluate(() => window.luoshi.workbench.store.s.data?.cases)).toBe(298);
    await expect(page.locator('[data-testid=notice-ok]')).toContainText('已重新读取数据库：298 件案件');
    await expect(source).toContainText(`数据来源：数据库（只读） ${url} · luoshi · 读取于 `);
    await expect(page.locator('.data-summary')).toContainText('298 件案件');
  } finally {
    await page.context().close();
  }
  expect(errors, 'uncaught errors in the page').toEqual([]);
});
