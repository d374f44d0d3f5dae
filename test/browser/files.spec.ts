// Files and the server: saving, a conflict with a change on disk, unsaved edits across a reload, the
// server going away and coming back, and a page opened without the session token.
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, makeFolder, openWorkbench, PLAN, serveFolder } from './fixtures.js';
import type { Page } from '@playwright/test';
import type { PageStorage, PageWindow } from './page-types.js';

declare const window: PageWindow;
declare const localStorage: PageStorage;

/** Types `text` at the start of the plan. */
async function typeAtTop(page: Page, text: string): Promise<void> {
  await page.evaluate(() => {
    const ed = window.luoshi.workbench.editor;
    ed.setPosition({ lineNumber: 1, column: 1 });
    ed.focus();
  });
  await page.keyboard.type(text);
}

test('saving writes the file on disk, with no temporary file left', async ({ workbench: page, server }) => {
  const before = readFileSync(join(server.folder, PLAN), 'utf8');
  try {
    await typeAtTop(page, '// 已审阅 e2e\n');
    await page.keyboard.press('Control+S');
    await expect(page.locator('[data-testid=notice-ok]')).toBeVisible();
    await expect(page.locator('.tab.dirty')).toHaveCount(0);
    expect(readFileSync(join(server.folder, PLAN), 'utf8')).toBe(`// 已审阅 e2e\n${before}`);
    expect(readdirSync(server.folder).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  } finally {
    server.restore(PLAN);
  }
});

test('a save over a file changed on disk is a conflict that keeps the change on disk', async ({
  workbench: page,
  server,
}) => {
  try {
    await typeAtTop(page, '// 页面中的修改\n');
    const external = `// 其他程序的修改\n${readFileSync(join(server.folder, PLAN), 'utf8')}`;
    writeFileSync(join(server.folder, PLAN), external);
    await page.keyboard.press('Control+S');
    await expect(page.locator('[data-testid=conflict-dialog]')).toBeVisible();
    expect(readFileSync(join(server.folder, PLAN), 'utf8')).toBe(external);
    await page.click('[data-testid=conflict-dialog] button:last-child');
    await expect(page.locator('[data-testid=conflict-dialog]')).toHaveCount(0);
    expect(readFileSync(join(server.folder, PLAN), 'utf8')).toBe(external);
  } finally {
    server.restore(PLAN);
  }
});

test('a conflict compares the buffer with the file on disk, side by side, in a diff editor fetched then', async ({
  workbench: page,
  server,
}) => {
  try {
    await typeAtTop(page, '// 页面中的修改\n');
    writeFileSync(join(server.folder, PLAN), `// 其他程序的修改\n${readFileSync(join(server.folder, PLAN), 'utf8')}`);
    await page.keyboard.press('Control+S');
    await page.click('[data-testid=conflict-dialog] button:text-is("比较")');
    const diff = page.locator('.diff-host .monaco-diff-editor');
    await expect(diff).toBeVisible();
    // The disk's text on the left, the buffer's on the right; each side's first line marked as changed.
    await expect(diff.locator('.editor.original .view-line').first()).toHaveText('// 其他程序的修改');
    await expect(diff.locator('.editor.modified .view-line').first()).toHaveText('// 页面中的修改');
    await expect(diff.locator('.editor.original .line-delete')).not.toHaveCount(0);
    await expect(diff.locator('.editor.modified .line-insert')).not.toHaveCount(0);
    await page.click('.modal-overlay button:text-is("关闭")');
    await expect(diff).toHaveCount(0);
    // The buffer is untouched and still unsaved.
    await expect(page.locator(`.tab.dirty[data-path="${PLAN}"]`)).toBeVisible();
  } finally {
    server.restore(PLAN);
  }
});

test('an unsaved edit survives a reload', async ({ workbench: page }) => {
  await typeAtTop(page, '// 未保存的修改\n');
  // Kept once typing pauses (src/workbench/persist.ts).
  await page.waitForFunction(() => {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      if (k.startsWith('luoshi.unsaved.') && localStorage.getItem(k)!.includes('// 未保存的修改')) return true;
    }
    return false;
  });
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]');
  await expect
    .poll(() => page.evaluate(() => window.luoshi.workbench.editor.getValue()))
    .toMatch(/^\/\/ 未保存的修改\n/);
  await expect(page.locator(`.tab.dirty[data-path="${PLAN}"]`)).toBeVisible();
});

test('bad input: the server went away; a save says so; the page reconnects when it is back', async ({ browser }) => {
  const folder = makeFolder();
  let served = await serveFolder(folder);
  try {
    const page = await openWorkbench(browser, served);
    const port = Number(new URL(served.origin).port);
    await served.running.close();
    await expect(page.locator('[data-testid=server-down]')).toBeVisible();
    await typeAtTop(page, '// 离线编辑\n');
    await page.keyboard.press('Control+S');
    await expect(page.locator('[data-testid=notice-error]').first()).toBeVisible();
    expect(readFileSync(join(folder, PLAN), 'utf8')).not.toContain('离线编辑');
    // Restarted with the same token: the page's cookie is still good.
    served = await serveFolder(folder, { port, token: served.token });
    await expect(page.locator('[data-testid=server-down]')).toHaveCount(0);
    await page.context().close();
  } finally {
    await served.running.close().catch(() => undefined);
    rmSync(folder, { recursive: true, force: true });
  }
});

test('bad input: opened without the token, the page says what to open', async ({ browser, server }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${server.origin}/`);
    await expect(page.locator('[data-testid=signed-out]')).toBeVisible();
    const notice = page.locator('[data-testid=notice-error]');
    await expect(notice).toContainText('luoshi serve');
    await expect(notice).not.toContainText('Failed to fetch');
  } finally {
    await context.close();
  }
});
