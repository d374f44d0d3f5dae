// The workbench's document commands: 导出公文 (.docx), 导出通报 (.xlsx), and 导入任务分解表, which writes the
// imported plan next to the open one and opens it.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test, PLAN, ROOT } from './fixtures.js';
import type { Page } from '@playwright/test';
import type { PageWindow } from './page-types.js';

declare const window: PageWindow;

/** Runs a palette command and returns the file it downloads. */
async function downloaded(page: Page, command: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.evaluate((id) => window.luoshi.commands.execute(id), command),
  ]);
  return { name: dl.suggestedFilename(), bytes: readFileSync((await dl.path())!) };
}

test("导出公文 downloads the plan's .docx", async ({ workbench: page }) => {
  const got = await downloaded(page, 'luoshi.exportGongwen');
  expect(got.name).toBe('ningbo-2018.docx');
  const xml = strFromU8(unzipSync(new Uint8Array(got.bytes))['word/document.xml']!);
  expect(xml).toContain('宁波市中级人民法院决胜“基本解决执行难”实施方案');
});

test("导出通报 (.xlsx) downloads the 通报 over the selected data, with the report's sources", async ({
  workbench: page,
  server,
}) => {
  const asOf = await page.evaluate(() => window.luoshi.workbench.store.s.report!.asOf);
  const report = await server.report(PLAN, { asOf });
  const got = await downloaded(page, 'luoshi.exportBulletinXlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(got.bytes as unknown as ExcelJS.Buffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['概况', '目标完成情况', '排名', '逾期任务', '数据来源']);
  // The sources: each file of the report with what was read, accepted and rejected from it.
  const rows = (name: string): unknown[][] => {
    const out: unknown[][] = [];
    wb.getWorksheet(name)!.eachRow((r, i) => {
      if (i > 1) out.push((r.values as unknown[]).slice(1));
    });
    return out;
  };
  expect(rows('数据来源')).toEqual(report.data.sources!.map((s) => [s.file, s.read, s.accepted, s.rejected]));
  // The ranking: per target, the courts in the report's order with their ranks (tied courts share one).
  expect(rows('排名').map((r) => r.slice(1, 3))).toEqual(
    report.rankings.flatMap((rk) => rk.rows.map((r) => [r.rank, r.court])),
  );
});

test('导入任务分解表 writes the plan beside the open one and opens it with its diagnostics', async ({
  workbench: page,
  server,
}) => {
  try {
    const csv = [...readFileSync(join(ROOT, 'test', 'documents', 'fixtures', 'court-list.csv'))];
    const r = (await page.evaluate(
      (bytes) =>
        window.luoshi.commands.execute('luoshi.importTaskTable', 'court-list.csv', new Uint8Array(bytes).buffer),
      csv,
    )) as { path: string; diagnostics: string[] } | null;
    expect(r).toEqual({
      path: 'court-list.plan',
      diagnostics: ['court-list.csv:8:5: 待定：2018年2月没有30日：“2018年2月30日前”'],
    });
    expect(existsSync(join(server.folder, 'court-list.plan'))).toBe(true);
    await expect
      .poll(() => page.evaluate(() => window.luoshi.workbench.editor.getValue()))
      .toContain('任务 2 "落实两次查控" {');
    // It compiles in the page's engine too: no errors (a warning: the table gives no 期间).
    await expect.poll(() => page.evaluate(() => window.luoshi.workbench.store.s.check?.entry)).toBe('court-list.plan');
    expect(await page.evaluate(() => window.luoshi.workbench.store.s.check!.errorCount)).toBe(0);
  } finally {
    rmSync(join(server.folder, 'court-list.plan'), { force: true });
  }
});
