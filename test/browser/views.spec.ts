// The workbench's views on the 宁波 plan and its 3,000 example cases: every figure shown is the one the
// CLI's JSON report gives for the same plan, data and as-of date.
import { expect, test, cursorAfter, evaluated, PLAN, showView } from './fixtures.js';
import type { Page } from '@playwright/test';
import type { PageDocument, PageWindow } from './page-types.js';
import {
  formatValue,
  grouped,
  groupBasis,
  indicatorOf,
  stageInForce,
  status,
  targetBasis,
  targetOf,
  taskChips,
} from './shown.js';

declare const window: PageWindow;
declare const document: PageDocument;

const END = '2018-12-31';

/** Types a date in the as-of box and waits for the evaluation at it. */
async function asOf(page: Page, date: string): Promise<void> {
  await page.fill('[data-testid=asof-date]', date);
  await page.dispatchEvent('[data-testid=asof-date]', 'change');
  await evaluated(page, date);
}

test('opens the folder and shows the first evaluated view', async ({ workbench: page, server }) => {
  const first = await page.evaluate(() => Number(document.body.dataset.firstEvaluated));
  expect(first).toBeGreaterThan(0);
  test.info().annotations.push({ type: 'first evaluated view', description: `${first} ms` });
  // The configured data (luoshi.config.yaml's data:), with no banner.
  const picked = await page.evaluate(() => ({
    origin: window.luoshi.workbench.store.s.dataOrigin,
    cases: window.luoshi.workbench.store.s.dataSelection?.cases,
  }));
  expect(picked).toEqual({ origin: 'configured', cases: ['data/ningbo-2018.ndjson'] });
  await expect(page.locator('[data-testid=data-banner]')).toHaveCount(0);
  await expect(page.locator('body')).toHaveAttribute('data-evaluated-as-of', END);
  const report = await server.report(PLAN, { asOf: END });
  // The matrix: a column per task in the report's order, a row per person with a cell per task they own,
  // each cell titled with that person's status on the task.
  await showView(page, 'tasks');
  await expect(page.locator('[data-view=tasks] [data-testid=tasks-status-chip]')).toHaveText(taskChips(report));
  await expect(page.locator('[data-testid=matrix] th.task-col .task-id')).toHaveText(report.tasks.map((x) => x.id));
  const people = report.people.filter((p) => p.tasks.length > 0);
  await expect(page.locator('[data-testid=matrix] tbody th.owner .owner-name')).toHaveText(
    people.map((p) => (p.late ? `${p.name}${p.late}` : p.name)),
  );
  const row = page.locator('[data-testid=matrix] tbody tr').first();
  const order = report.tasks.map((x) => x.id);
  const firstPerson = people[0]!;
  const expected = [...firstPerson.tasks]
    .sort((a, b) => order.indexOf(a.task) - order.indexOf(b.task))
    .map(
      (x) =>
        `${x.task} ${report.tasks.find((y) => y.id === x.task)!.title}\n${status(x.status)}${x.via ? `\n经角色 ${x.via}` : ''}`,
    );
  const titles = await row.locator('td.cell').evaluateAll((els) => els.map((e) => e.getAttribute('title')));
  expect(titles).toEqual(expected);
  // The code lens over the 终本合格 target: its status with the basis every face gives, as of the date.
  const t = targetOf(report, '终本合格');
  await cursorAfter(page, '目标 终本合格');
  const lens = page.locator('.codelens-decoration', { hasText: '达标或进展正常' }).first();
  await expect(lens).toContainText(`${status(t.status)} · ${targetBasis(t, END, 'zh')}`);
  await expect(lens).toContainText(`截至 ${END}`);
  if (t.lagging.length) await expect(lens).toContainText(`落后 ${t.lagging.slice(0, 3).join('、')}`);
});

test('moving the as-of date changes the statuses shown, as the report at each date', async ({
  workbench: page,
  server,
}) => {
  await showView(page, 'tasks');
  const chips = page.locator('[data-view=tasks] [data-testid=tasks-status-chip]');
  const atEnd = await server.report(PLAN, { asOf: END });
  await expect(chips).toHaveText(taskChips(atEnd));
  expect(atEnd.summary.tasks.overdue ?? 0).toBeGreaterThan(0);
  // A status chip filters the list to its status; a second click shows every task again.
  const overdue = chips.filter({ hasText: '已逾期' });
  await overdue.click();
  await expect(page.locator('[data-testid=matrix] th.task-col .task-id')).toHaveText(
    atEnd.tasks.filter((x) => x.status === 'overdue').map((x) => x.id),
  );
  await expect(page.locator('[data-testid=tasks-status]')).toHaveValue('=overdue');
  await overdue.click();
  await expect(page.locator('[data-testid=tasks-status]')).toHaveValue('all');
  // The slider's Home key: the period's first day, where nothing is overdue yet.
  await page.focus('[data-testid=asof-slider]');
  await page.keyboard.press('Home');
  const start = atEnd.plan.period!.from;
  await evaluated(page, start);
  const atStart = await server.report(PLAN, { asOf: start });
  await expect(chips).toHaveText(taskChips(atStart));
  expect(atStart.summary.tasks.overdue ?? 0).toBe(0);
  // The timeline: the as-of line at that date, each milestone titled with its status at it.
  await showView(page, 'timeline');
  await expect(page.locator('[data-testid=timeline] .asof-text')).toHaveText(start);
  const milestones = atStart.tasks
    .filter((x) => x.milestones.length || x.due)
    .flatMap((x) =>
      x.milestones.map(
        (m) => `${m.text}\n期限 ${m.dueText} (${m.due})\n${status(m.status)}${m.done ? `\n完成于 ${m.done}` : ''}`,
      ),
    );
  await expect(page.locator('[data-testid=timeline] path.milestone > title')).toHaveText(milestones);
  // The indicators at 2018-09-30: each indicator's overall value in the list.
  await asOf(page, '2018-09-30');
  const sept = await server.report(PLAN, { asOf: '2018-09-30' });
  await showView(page, 'indicators');
  const withTargets = new Set(sept.targets.map((x) => x.indicator));
  const listed = [...sept.indicators].sort((a, b) => Number(withTargets.has(b.name)) - Number(withTargets.has(a.name)));
  await expect(page.locator('[data-testid=indicator-list] .ind-row .ind-value')).toHaveText(
    listed.map((i) => formatValue(i.overall.value, i.unit)),
  );
  await expect(page.locator('[data-testid=indicator-chart]')).toBeVisible();
});

test('dragging the as-of slider re-evaluates as it goes', async ({ workbench: page }) => {
  const box = (await page.locator('[data-testid=asof-slider]').boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 2, y);
  await page.mouse.down();
  const seen = new Set<string>();
  for (let k = 1; k <= 8; k++) {
    await page.mouse.move(box.x + 2 + (box.width * 0.8 * k) / 8, y, { steps: 4 });
    // Each step waits for the views to show an evaluation at a date not seen yet (or, past a timeout, for nothing).
    const d = await page
      .waitForFunction(
        (s) => {
          const x = document.body.dataset.evaluatedAsOf;
          return x && !s.includes(x) ? x : null;
        },
        [...seen],
        { timeout: 3000 },
      )
      .then((h) => h.jsonValue() as Promise<string>)
      .catch(() => null);
    if (d) seen.add(d);
  }
  await page.mouse.up();
  await evaluated(page);
  expect(seen.size, `the views followed the drag through ${[...seen].join(', ')}`).toBeGreaterThanOrEqual(3);
});

test('play animates the as-of date', async ({ workbench: page }) => {
  const start = await page.evaluate(() => document.body.dataset.evaluatedAsOf);
  await page.click('[data-testid=play]');
  await expect(page.locator('body')).not.toHaveAttribute('data-evaluated-as-of', start!);
  await page.click('[data-testid=play]');
  await evaluated(page);
  expect(await page.evaluate(() => document.body.dataset.evaluatedAsOf)).not.toBe(start);
});

test('an indicator per court, the cases behind a number, the ranking and the data, as the report', async ({
  workbench: page,
  server,
}) => {
  await asOf(page, END);
  const report = await server.report(PLAN, { asOf: END });
  const ind = indicatorOf(report, '终本合格率');
  const target = targetOf(report, '终本合格');
  const stage = stageInForce(target.stages, END);
  await showView(page, 'indicators');
  await page.click('[data-indicator=终本合格率]');
  // The table: the overall row, then each court of the stage in force with its value, numerator,
  // denominator, status and basis.
  const table = page.locator('[data-testid=indicator-table] tbody tr');
  const courts = Object.entries(ind.courts).filter(([c]) => stage.groups[c]);
  await expect(table.locator('td:nth-child(1)')).toHaveText(['整体', ...courts.map(([c]) => c)]);
  await expect(table.locator('td:nth-child(2)')).toHaveText(
    [ind.overall, ...courts.map(([, f]) => f)].map((f) => formatValue(f.value, ind.unit, stage.value)),
  );
  await expect(table.locator('td:nth-child(3)')).toHaveText(
    [ind.overall, ...courts.map(([, f]) => f)].map((f) => grouped(f.numerator)),
  );
  await expect(table.locator('td:nth-child(4)')).toHaveText(
    [ind.overall, ...courts.map(([, f]) => f)].map((f) => grouped(f.denominator)),
  );
  await expect(table.locator('td.basis').nth(1)).toHaveText(
    groupBasis(target, stage, stage.groups[courts[0]![0]]!, 'zh'),
  );
  await expect(table.locator('td:nth-child(5)').nth(1)).toHaveText(status(stage.groups[courts[0]![0]]!.status));
  // The first court's number: its cases, counted as the report counts them.
  const [court, figure] = courts[0]!;
  await table.nth(1).locator('td.link').first().click();
  await expect(page.locator('[data-view=cases]')).toBeVisible();
  await expect(page.locator('[data-view=cases] .toolbar .chip.info')).toContainText(`: ${grouped(figure.numerator)}`);
  await expect(page.locator('[data-view=cases] .toolbar .chip.none')).toContainText(`: ${grouped(figure.denominator)}`);
  const rows = page.locator('[data-testid=cases-table] .case-row');
  await expect(rows).toHaveCount(Math.min(100, figure.denominator!));
  await expect(rows.locator('td:nth-child(3)')).toHaveText(
    Array(Math.min(100, figure.denominator!)).fill(court.replace(/人民法院$/, '')),
  );
  await rows.first().click();
  await expect(page.locator('[data-testid=cases-table] .events .event').first()).toBeVisible();
  // The ranking: ranks (tied courts share one), the cases counted, each row's basis in its tooltip.
  await showView(page, 'ranking');
  const rk = report.rankings[0]!;
  await expect(page.locator('[data-testid=rank-count]')).toHaveText(
    rk.rows.map((r) =>
      r.denominator === null ? grouped(r.numerator) : `${grouped(r.numerator)}/${grouped(r.denominator)}`,
    ),
  );
  await expect(page.locator('[data-testid=ranking] .rank')).toHaveText(rk.rows.map((r) => String(r.rank)));
  await expect(page.locator('[data-testid=ranking] .rank-value')).toHaveText(
    rk.rows.map((r) => formatValue(r.value, rk.unit, stageInForce(targetOf(report, rk.target).stages, END).value)),
  );
  const rt = targetOf(report, rk.target),
    rs = stageInForce(rt.stages, END);
  await expect(page.locator('[data-testid=ranking] .rank-row').first()).toHaveAttribute(
    'title',
    groupBasis(rt, rs, rs.groups[rk.rows[0]!.court]!, 'zh'),
  );
  // The data: what was read, accepted and rejected.
  await showView(page, 'data');
  const d = report.data;
  const cases = report.data.sources!.find((s) => s.kind === 'cases')!;
  await expect(page.locator('[data-testid=data-view] .data-summary')).toContainText(
    `${grouped(cases.accepted)} 件案件`,
  );
  await expect(page.locator('[data-testid=data-view] .data-summary')).toContainText(
    `读取 ${grouped(d.read)} · 接受 ${grouped(d.accepted)} · 拒收 ${grouped(d.rejected)} · 警告 ${grouped(d.warnings)}`,
  );
});

test.describe('in English', () => {
  test.use({ lang: 'en' });
  test('the interface and its figures in English; switching back to Chinese', async ({ workbench: page, server }) => {
    await expect(page.locator('[data-tab=tasks]')).toContainText('Tasks');
    await showView(page, 'tasks');
    const report = await server.report(PLAN, { asOf: END, lang: 'en' });
    await expect(page.locator('[data-view=tasks] [data-testid=tasks-status-chip]')).toHaveText(taskChips(report, 'en'));
    await page.click('[data-testid=lang-switch]');
    await expect(page.locator('[data-tab=tasks]')).toContainText('任务');
    // Monaco's own menus follow on reload: the page offers it (unsaved edits are kept).
    await expect(page.locator('[data-testid=notice-action]', { hasText: '重新加载' })).toBeVisible();
    await expect(page.locator('[data-view=tasks] [data-testid=tasks-status-chip]')).toHaveText(taskChips(report, 'zh'));
  });
});
