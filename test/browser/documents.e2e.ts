// The workbench's document commands in a real browser: 导出公文 (.docx), 导出通报 (.xlsx), and 导入任务分解表,
// which writes the imported plan next to the open one and opens it. Run: npm run build:workbench && tsx test/browser/documents.e2e.ts
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import type { PageDocument, PageStorage, PageWindow } from './page-types.js';
import { ROOT, launch, makeWorkspace, removeWorkspace, requireBuild, serve, shot, waitEvaluated } from './lib.js';

declare const window: PageWindow;
declare const document: PageDocument;
declare const localStorage: PageStorage;
declare const sessionStorage: PageStorage;

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

/** Runs a palette command and returns the file it downloads. */
async function downloaded(page: Page, command: string, dir: string): Promise<{ name: string; bytes: Buffer }> {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.evaluate((id) => window.luoshi.commands.execute(id), command)]);
  const path = join(dir, dl.suggestedFilename());
  await dl.saveAs(path);
  return { name: dl.suggestedFilename(), bytes: readFileSync(path) };
}

async function main(): Promise<void> {
  requireBuild();
  const dir = makeWorkspace();
  const out = join(ROOT, 'test-results', 'documents');
  mkdirSync(out, { recursive: true });
  const browser = await launch();
  const server = await serve(dir);
  let passed = 0, failed = 0;
  const test = async (name: string, run: () => Promise<void>): Promise<void> => {
    const t0 = Date.now();
    try { await run(); passed++; console.log(`  ✓ ${name} (${Date.now() - t0} ms)`); } catch (e) {
      failed++;
      console.log(`  ✗ ${name}\n    ${(e as Error).message}`);
    }
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
    page.on('pageerror', (e) => console.log(`    pageerror: ${e.message}`));
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('luoshi.test.init')) { localStorage.clear(); localStorage.setItem('luoshi.lang', 'zh'); sessionStorage.setItem('luoshi.test.init', '1'); }
    });
    await page.goto(server.url);
    await page.waitForFunction(() => document.body.dataset.ready === '1', null, { timeout: 60_000 });
    await waitEvaluated(page);

    await test('导出公文 downloads the plan\'s .docx', async () => {
      const got = await downloaded(page, 'luoshi.exportGongwen', out);
      check(got.name === 'ningbo-2018.docx', `name ${got.name}`);
      const xml = strFromU8(unzipSync(new Uint8Array(got.bytes))['word/document.xml']!);
      check(xml.includes('宁波市中级人民法院决胜“基本解决执行难”实施方案'), 'the title is in the document');
    });

    await test('导出通报 (.xlsx) downloads the 通报 over the selected data', async () => {
      const got = await downloaded(page, 'luoshi.exportBulletinXlsx', out);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(got.bytes as unknown as ExcelJS.Buffer);
      const names = wb.worksheets.map((w) => w.name).join(',');
      check(names === '概况,目标完成情况,排名,逾期任务,数据来源', `sheets ${names}`);
      const src = String(wb.getWorksheet('数据来源')!.getCell(2, 1).value);
      check(src === 'data/ningbo-2018.ndjson', `source ${src}`);
    });

    await test('导入任务分解表 writes the plan beside the open one and opens it with its diagnostics', async () => {
      const csv = [...readFileSync(join(ROOT, 'test', 'documents', 'fixtures', 'court-list.csv'))];
      const r = await page.evaluate((bytes) => window.luoshi.commands.execute('luoshi.importTaskTable', 'court-list.csv', new Uint8Array(bytes).buffer), csv) as { path: string; diagnostics: string[] } | null;
      check(r !== null && r.path === 'court-list.plan', `path ${JSON.stringify(r)}`);
      check(JSON.stringify(r!.diagnostics) === JSON.stringify(['court-list.csv:8:5: 待定：2018年2月没有30日：“2018年2月30日前”']), `diagnostics ${JSON.stringify(r!.diagnostics)}`);
      check(existsSync(join(dir, 'court-list.plan')), 'the plan is written in the workspace');
      const text = await page.evaluate(() => window.luoshi.workbench.editor.getValue());
      check(text.includes('任务 2 "落实两次查控" {'), 'the editor shows the imported plan');
      // It compiles in the page's engine too: no errors (a warning: the table gives no 期间).
      await page.waitForFunction(() => window.luoshi.workbench.store.s.check?.entry === 'court-list.plan', null, { timeout: 30_000 });
      const errors = await page.evaluate(() => window.luoshi.workbench.store.s.check!.errorCount);
      check(errors === 0, `${errors} errors in the imported plan`);
      await shot(page, 'documents-imported-plan');
    });
  } finally {
    await browser.close();
    await server.close().catch(() => {});
    removeWorkspace(dir);
  }
  console.log(`${passed} passed, ${failed} failed`);
  writeFileSync(join(ROOT, 'test-results', 'browser-documents.json'), JSON.stringify({ passed, failed }) + '\n');
  process.exitCode = failed ? 1 : 0;
}

await main();
