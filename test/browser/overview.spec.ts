// The 通报 overview on the 宁波 plan and its 3,000 example cases: every cell shown, the order after a sort,
// the cases a click opens, the CSV and .xlsx exported and the copied bulletin are those of the CLI's
// JSON report (and its `--format bulletin`) for the same plan, data and as-of date.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { expect, test, evaluated, PLAN, ROOT, showView } from './fixtures.js';
import type { PageWindow } from './page-types.js';
import { buildOverview, sortOverviewRows } from '../../src/engine/report/bulletin.js';
import { cellBasis, cellText } from '../../src/engine/report/bulletin-render.js';
import { tableCsv } from '../../src/engine/report/table.js';
import {
  caseTable,
  overviewTable,
  rankingTable,
  responsibilityTable,
  taskTable,
} from '../../src/engine/report/tables.js';
import type { PlanReport } from '../../src/engine/report/model.js';

declare const window: PageWindow;

const END = '2018-12-31';

/** The cells the page should show for a report: per court (as the page abbreviates it), its cells' text. */
function expectedRows(r: PlanReport, rows = buildOverview(r).rows): string[][] {
  const o = buildOverview(r);
  return rows.map((row) => [
    row.court.replace(/人民法院$/, ''),
    String(row.missed),
    String(row.atRisk),
    ...row.cells.map((c, k) => cellText(o.columns[k]!, c, 'zh')),
  ]);
}

async function shownRows(page: Page): Promise<string[][]> {
  return page
    .locator('[data-testid=overview-table] tbody tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
}

async function download(page: Page, testid: string): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
  return { name: d.suggestedFilename(), bytes: readFileSync((await d.path())!) };
}

test("the overview: the report's cells worst first, following the as-of date, with each cell's basis", async ({
  workbench: page,
  server,
}) => {
  await showView(page, 'overview');
  const report = await server.report(PLAN, { asOf: END });
  const o = buildOverview(report);
  expect(o.rows).toHaveLength(11);
  await expect.poll(() => shownRows(page)).toEqual(expectedRows(report));
  await expect(page.locator('[data-testid=overview-table] thead th')).toHaveText([
    '法院',
    '未达标',
    '有风险',
    ...o.columns.map((c) => c.target),
  ]);
  // The tooltip of the worst court's first cell: its basis, as the HTML bulletin's.
  const first = o.rows[0]!;
  await expect(
    page.locator('[data-testid=overview-table] tbody tr').first().locator('td.cell').first(),
  ).toHaveAttribute('title', cellBasis(report, o.columns[0]!, first, first.cells[0]!, 'zh'));
  // The as-of date moves: the cells are the report's at the new date.
  await page.fill('[data-testid=asof-date]', '2018-09-30');
  await page.dispatchEvent('[data-testid=asof-date]', 'change');
  await evaluated(page, '2018-09-30');
  const sept = await server.report(PLAN, { asOf: '2018-09-30' });
  await expect.poll(() => shownRows(page)).toEqual(expectedRows(sept));
});

test("sorting by any column, and back to the engine's order", async ({ workbench: page, server }) => {
  await showView(page, 'overview');
  const report = await server.report(PLAN, { asOf: END });
  const o = buildOverview(report);
  const header = (key: string) => page.locator(`[data-testid=overview-table] thead th[data-sort="${key}"]`);
  await header('2').click();
  await expect
    .poll(() => shownRows(page))
    .toEqual(expectedRows(report, sortOverviewRows(o, { column: 2, descending: false })));
  await header('2').click();
  await expect
    .poll(() => shownRows(page))
    .toEqual(expectedRows(report, sortOverviewRows(o, { column: 2, descending: true })));
  await header('court').click();
  await expect
    .poll(() => shownRows(page))
    .toEqual(expectedRows(report, sortOverviewRows(o, { column: 'court', descending: false })));
  await header('court').click();
  await header('court').click();
  await expect.poll(() => shownRows(page)).toEqual(expectedRows(report));
});

test('a click on a cell opens the cases behind it; they export with every case, not only the page shown', async ({
  workbench: page,
  server,
}) => {
  await showView(page, 'overview');
  const report = await server.report(PLAN, { asOf: END });
  const o = buildOverview(report);
  const k = o.columns.findIndex((c) => c.target === '执结率达标');
  // The court with the most cases behind the figure: more than a page of them.
  const row = [...o.rows].sort((a, b) => (b.cells[k]!.denominator ?? 0) - (a.cells[k]!.denominator ?? 0))[0]!;
  await page
    .locator(`[data-testid=overview-table] tbody tr[data-court="${row.court}"] td[data-target="执结率达标"]`)
    .click();
  await expect(page.locator('[data-view=cases]')).toBeVisible();
  await expect(page.locator('[data-testid=cases-table]')).toBeVisible();
  const cases = await page.evaluate(() => {
    const s = window.luoshi.workbench.store.s as unknown as {
      casesQuery: { target?: string; court?: string; asOf: string };
      cases: { numerator: number; denominator: number | null; total: number; rows: unknown[] };
    };
    return {
      q: s.casesQuery,
      numerator: s.cases.numerator,
      denominator: s.cases.denominator,
      total: s.cases.total,
      shown: s.cases.rows.length,
    };
  });
  expect(cases.q).toMatchObject({ target: '执结率达标', court: row.court, asOf: END });
  expect([cases.numerator, cases.denominator]).toEqual([row.cells[k]!.numerator, row.cells[k]!.denominator]);
  expect(cases.total).toBeGreaterThan(cases.shown);
  const csv = await download(page, 'cases-export-csv');
  const lines = csv.bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
  expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  expect(lines[0]).toBe(
    tableCsv(caseTable('', [], 'zh'))
      .slice(1)
      .trimEnd(),
  );
  expect(lines).toHaveLength(cases.total + 1);
  // Each case is counted as the figure counts it: 结案 in the numerator, 受理 in the denominator.
  expect(lines.filter((l) => l.endsWith(',是,是'))).toHaveLength(row.cells[k]!.numerator!);
  expect(lines.filter((l) => l.endsWith(',是'))).toHaveLength(row.cells[k]!.denominator!);
});

test("the overview exports as CSV and .xlsx equal to the report, and copies as the CLI's bulletin", async ({
  workbench: page,
  server,
}) => {
  await showView(page, 'overview');
  const report = await server.report(PLAN, { asOf: END });
  const table = overviewTable(report, 'zh');
  const csv = await download(page, 'overview-export-csv');
  expect(csv.name).toBe(`通报总览-${END}.csv`);
  expect(csv.bytes.toString('utf8')).toBe(tableCsv(table));
  const xlsx = await download(page, 'overview-export-xlsx');
  expect(xlsx.name).toBe(`通报总览-${END}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  const rows: unknown[][] = [];
  ws.eachRow((r, n) => {
    if (n > 1) rows.push(table.columns.map((_, c) => r.getCell(c + 1).value ?? null));
  });
  // Numbers stay numbers (‰ shown × 1000 by its format), text stays text.
  expect(rows).toEqual(
    table.rows.map((r) =>
      r.map((v, c) => (typeof v === 'number' && table.columns[c]!.kind === 'permille' ? v * 1000 : v)),
    ),
  );
  const ratio = table.columns.findIndex((c) => c.kind === 'ratio');
  expect(ws.getRow(2).getCell(ratio + 1).numFmt).toBe('0.00##%');
  // The copy command gives the text `luoshi check --format bulletin` prints for the same inputs.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const copied = await page.evaluate(() => window.luoshi.commands.execute('luoshi.copyBulletin'));
  const cli = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'luoshi.js'), 'check', PLAN, '--data', '.', '--as-of', END, '--format', 'bulletin'],
    { cwd: server.folder, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  expect(cli.status).toBe(1);
  expect(copied).toBe(cli.stdout);
});

test('the ranking, the responsibility matrix and the overdue list export as the report has them', async ({
  workbench: page,
  server,
}) => {
  const report = await server.report(PLAN, { asOf: END });
  await showView(page, 'ranking');
  const target = report.rankings[1]!.target;
  await page.selectOption('[data-testid=ranking-target]', target);
  const ranking = await download(page, 'ranking-export-csv');
  expect(ranking.name).toBe(`排名-${target}-${END}.csv`);
  expect(ranking.bytes.toString('utf8')).toBe(tableCsv(rankingTable(report, target, 'zh')));
  await showView(page, 'tasks');
  await page.click('[data-view=tasks] .segmented button:first-child');
  const matrix = await download(page, 'tasks-export-csv');
  expect(matrix.bytes.toString('utf8')).toBe(tableCsv(responsibilityTable(report, report.tasks, 'zh')));
  // The 已逾期 chip: the overdue list, as a workbook.
  await page.click('[data-view=tasks] .segmented button:last-child');
  await page.locator('[data-view=tasks] [data-testid=tasks-status-chip]').filter({ hasText: '已逾期' }).click();
  const overdue = report.tasks.filter((x) => x.status === 'overdue');
  expect(overdue.length).toBeGreaterThan(0);
  const xlsx = await download(page, 'tasks-export-xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
  const ids: unknown[] = [];
  wb.worksheets[0]!.eachRow((r, n) => {
    if (n > 1) ids.push(r.getCell(1).value);
  });
  expect(ids).toEqual(taskTable('', overdue, 'zh').rows.map((r) => r[0]));
  expect(xlsx.name).toBe(`任务-已逾期-${END}.xlsx`);
});
