// Data and big input in the workbench: a data file with half its rows broken and a broken CSV (the counts
// and problems the CLI gives for the same file), generated or guessed data (a banner until the user picks
// data), a plan with 1,000 errors and a 50,000-line plan (the page stays responsive).
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, checked, evaluated, PLAN, quickOpen, ROOT, showView } from './fixtures.js';
import type { Page } from '@playwright/test';
import type { PageDocument, PageObserverCtor, PageWindow } from './page-types.js';
import { generateRows, isBrokenRow } from '../../src/engine/generate/index.js';
import { grouped } from './shown.js';

declare const window: PageWindow;
declare const document: PageDocument;
declare const PerformanceObserver: PageObserverCtor;

/** The bad input these tests open, written into the served folder. */
function writeBadInput(dir: string): void {
  const errors: string[] = ['方案 错误很多 {', '  期间 2018-01-01 至 2018-12-31', '}'];
  for (let i = 0; i < 1000; i++) errors.push(`目标 坏${i} : 不存在的指标${i} >= 90%`);
  writeFileSync(join(dir, 'errors-1000.plan'), `${errors.join('\n')}\n`);
  const long: string[] = [
    '方案 很长的方案 {',
    '  期间 2018-01-01 至 2018-12-31',
    '  使用 std',
    '}',
    '人员 张三 "院长"',
    '角色 分管领导 = 张三',
  ];
  for (let i = 0; long.length < 50_000; i++) {
    long.push(
      `任务 T${i} "第${i}项任务" {`,
      '  责任人 分管领导',
      `  节点 "交付${i}" 完成 2018-${String((i % 12) + 1).padStart(2, '0')}-15`,
      '  完成 2018-12-31',
      '}',
    );
  }
  writeFileSync(join(dir, 'long-50000.plan'), `${long.join('\n')}\n`);
  cpSync(join(ROOT, 'examples', 'data', 'broken', 'broken-sample.csv'), join(dir, 'data', 'broken-sample.csv'));
  // Half the rows broken, each in one of the generator's ways (a malformed line cut short).
  const lines: string[] = [];
  for (const row of generateRows({ preset: 'ningbo', cases: 400, seed: 3, broken: 0.5 })) {
    if (!isBrokenRow(row)) lines.push(JSON.stringify(row));
    else if (row.defect === 'malformed') lines.push(JSON.stringify(row.value).slice(0, 40));
    else lines.push(JSON.stringify(row.value));
  }
  writeFileSync(join(dir, 'data', 'half-broken.ndjson'), `${lines.join('\n')}\n`);
  // A plan with no configured data and one case file beside it (a guess).
  mkdirSync(join(dir, 'guess'));
  writeFileSync(join(dir, 'guess', 'guess.plan'), '方案 猜测 {\n  期间 2011-01-01 至 2011-12-31\n  使用 std\n}\n');
  cpSync(join(ROOT, 'examples', 'data', 'fujin-2011.ndjson'), join(dir, 'guess', 'cases.ndjson'));
}

test.use({ folderExtras: { write: writeBadInput } });

const NINGBO = {
  cases: ['data/ningbo-2018.ndjson'],
  progress: ['data/progress-ningbo-2018.ndjson'],
  staffing: ['data/staffing-2018.ndjson'],
};

/** Selects data files as the data view would, and waits until they are loaded and evaluated. */
async function selectData(page: Page, sel: { cases: string[]; progress: string[]; staffing: string[] }): Promise<void> {
  await page.evaluate((s) => window.luoshi.workbench.selectData(s), sel);
  await page.waitForFunction(
    (s) =>
      JSON.stringify(window.luoshi.workbench.store.s.dataSelection?.cases) === JSON.stringify(s.cases) &&
      window.luoshi.workbench.store.s.data !== null &&
      !document.querySelector('[data-testid=busy]'),
    sel,
  );
  await evaluated(page);
}

test('bad input: a data file with half its rows broken, and a broken CSV, are reported as the CLI reports them', async ({
  workbench: page,
  server,
}) => {
  for (const file of ['data/half-broken.ndjson', 'data/broken-sample.csv']) {
    const report = await server.report(PLAN, { data: [file] });
    const d = report.data;
    expect(d.rejected).toBeGreaterThan(0);
    await selectData(page, { cases: [file], progress: [], staffing: [] });
    expect(
      await page.evaluate(() => {
        const x = window.luoshi.workbench.store.s.data!;
        return { read: x.read, rejected: x.rejected };
      }),
    ).toEqual({ read: d.read, rejected: d.rejected });
    await showView(page, 'data');
    const view = page.locator('[data-testid=data-view]');
    await expect(view.locator('.data-summary')).toContainText(
      `读取 ${grouped(d.read)} · 接受 ${grouped(d.accepted)} · 拒收 ${grouped(d.rejected)} · 警告 ${grouped(d.warnings)}`,
    );
    // The problems listed: the CLI's, line by line (the page lists its first 500).
    const rows = view.locator('.data-problems tbody tr');
    const expected = d.problems.slice(0, 20);
    expect(expected.length).toBeGreaterThan(0);
    for (const [k, p] of expected.entries()) {
      await expect(rows.nth(k).locator('td:nth-child(2)')).toHaveText(`${p.line}${p.column ? `:${p.column}` : ''}`);
      await expect(rows.nth(k).locator('td:nth-child(4)')).toHaveText(p.code);
      await expect(rows.nth(k)).toHaveClass(`sev-${p.severity}`);
    }
  }
  await selectData(page, NINGBO);
  expect(await page.evaluate(() => window.luoshi.workbench.store.s.data?.cases)).toBe(3000);
});

test('generated data, or data guessed for a plan, shows a banner until the user picks data', async ({
  workbench: page,
}) => {
  await page.evaluate(() => window.luoshi.workbench.generateData(2000));
  const banner = page.locator('[data-testid=data-banner]');
  await expect(banner).toContainText('示例数据');
  await expect.poll(() => page.evaluate(() => window.luoshi.workbench.store.s.data?.cases)).toBe(2000);
  await showView(page, 'data');
  await expect(page.locator('[data-testid=data-view-banner]')).toContainText('不是本院数据');
  await selectData(page, { cases: ['data/ningbo-2018.ndjson'], progress: [], staffing: [] });
  await expect(banner).toHaveCount(0);
  expect(await page.evaluate(() => window.luoshi.workbench.store.s.data?.cases)).toBe(3000);
  // guess/guess.plan has no configured data: the one case file beside it is a guess, and says so.
  await page.evaluate(() => window.luoshi.workbench.setEntry('guess/guess.plan'));
  await expect.poll(() => page.evaluate(() => window.luoshi.workbench.store.s.dataOrigin)).toBe('guessed');
  await expect(banner).toBeVisible();
  await page.evaluate((p) => window.luoshi.workbench.setEntry(p), PLAN);
  await expect(banner).toHaveCount(0);
});

test('bad input: a plan with 1,000 errors and a 50,000-line plan keep the page responsive', async ({
  workbench: page,
}) => {
  // Main-thread long tasks from here on (anything over 50 ms), reported with the test.
  await page.evaluate(() => {
    const tasks: Array<{ start: number; duration: number }> = [];
    window.__longtasks = tasks;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: false });
  });
  await quickOpen(page, 'errors-1000', 'errors-1000.plan');
  await expect
    .poll(() => page.evaluate(() => window.luoshi.workbench.store.s.check?.errorCount ?? 0), { timeout: 120_000 })
    .toBe(1000);
  await showView(page, 'problems');
  // Every error listed (the view shows at most 1,000 rows), each E0201 on its own line.
  const file = page.locator('[data-testid=problems] .problem-file', { hasText: 'errors-1000.plan' });
  await expect(file.locator('.badge')).toHaveText('1000');
  const rows = page.locator('[data-testid=problems] .problem-row[data-code=E0201]');
  await expect(rows).toHaveCount(1000);
  await expect(rows.first().locator('.msg')).toContainText('不存在的指标0');
  await expect(rows.first().locator('.loc')).toHaveText('[4, 9]');
  await expect(rows.last().locator('.msg')).toContainText('不存在的指标999');
  // Responsive: a click shows another view while the list is there.
  await showView(page, 'timeline');
  await quickOpen(page, 'long-50000', 'long-50000.plan');
  await page.waitForFunction(
    () =>
      window.luoshi.workbench.store.s.entry === 'long-50000.plan' &&
      window.luoshi.workbench.store.s.check?.entry === 'long-50000.plan',
    null,
    { timeout: 180_000 },
  );
  await page.evaluate(() => {
    const ed = window.luoshi.workbench.editor;
    ed.setPosition({ lineNumber: 25_000, column: 1 });
    ed.revealLineInCenter(25_000);
    ed.focus();
  });
  await page.keyboard.type('// 中间的修改\n');
  expect(await page.evaluate(() => window.luoshi.workbench.editor.getModel()!.getLineContent(25_000))).toBe(
    '// 中间的修改',
  );
  await checked(page, 180_000);
  expect(await page.evaluate(() => window.luoshi.workbench.store.s.check?.errorCount)).toBe(0);
  const lt = await page.evaluate(() => window.__longtasks ?? []);
  test.info().annotations.push({
    type: 'long tasks',
    description: `${lt.length}, longest ${Math.round(Math.max(0, ...lt.map((x) => x.duration)))} ms`,
  });
});
