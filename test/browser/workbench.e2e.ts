// End-to-end tests of the workbench in a real browser (Debian's Chromium through playwright-core), on a
// temporary folder served by `luoshi serve`. Run: `npm run test:browser` (builds the app first), or
// `npx tsx test/browser/workbench.e2e.ts [name-filter]` after `npm run build:workbench`.
// Screenshots of every view go to test-results/screenshots/.
import { readFileSync, writeFileSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { generateRows, isBrokenRow } from '../../src/engine/generate/index.js';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Running } from '../../src/harness/serve/server.js';
import type { PageDocument, PageStorage, PageWindow } from './page-types.js';
import { ROOT, launch, longTasks, makeWorkspace, recordLongTasks, removeWorkspace, requireBuild, serve, shot, waitEvaluated } from './lib.js';
import { MARKER_PLAN, writeMarkerPlugin } from '../trust/fixture.js';

declare const window: PageWindow;
declare const document: PageDocument;
declare const localStorage: PageStorage;
declare const sessionStorage: PageStorage;

interface Ctx { browser: Browser; page: Page; server: Running; dir: string }
type Test = { name: string; run(ctx: Ctx): Promise<void> };

const tests: Test[] = [];
const test = (name: string, run: Test['run']): void => { tests.push({ name, run }); };

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

const PLAN = 'ningbo-2018.plan';

async function open(ctx: Ctx, lang: 'zh' | 'en' = 'zh'): Promise<Page> {
  const page = await ctx.browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('pageerror', (e) => console.log(`    pageerror: ${e.message}`));
  await page.addInitScript((l) => {
    if (!sessionStorage.getItem('luoshi.test.init')) { localStorage.clear(); localStorage.setItem('luoshi.lang', l); sessionStorage.setItem('luoshi.test.init', '1'); }
    // A stuck engine is said after 8 s here (30 s by default).
    localStorage.setItem('luoshi.engineSilentMs', '8000');
  }, lang);
  await page.goto(ctx.server.url);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
  await waitEvaluated(page);
  return page;
}

/** The editor's text (through Monaco's model, as the page holds it). */
const editorText = (page: Page): Promise<string> => page.evaluate(() => window.luoshi.workbench.editor.getValue());

/** Puts the cursor at the end of the first line containing `needle` and focuses the editor. */
async function cursorAfter(page: Page, needle: string): Promise<void> {
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

/** Puts the plan back to its text on disk (undo stacks are not worth trusting across tests). */
async function resetPlan(ctx: Ctx): Promise<void> {
  const text = readFileSync(join(ctx.dir, PLAN), 'utf8');
  await ctx.page.evaluate((t) => { window.luoshi.workbench.editor.getModel()!.setValue(t); }, text);
  // Settled: the check of exactly this text has come back (a debounced check may still be pending).
  await ctx.page.waitForFunction(() => document.body.dataset.checkedVersion === String(window.luoshi.workbench.editor.getModel()!.getVersionId()), null, { timeout: 20_000 });
  await waitEvaluated(ctx.page);
}

/** Ctrl+P, the name typed, Enter; with `path`, until that file is the active tab. */
async function quickOpen(page: Page, typed: string, path?: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('[data-testid=palette-files]');
  await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
  if (path) await page.waitForSelector(`.tab.active[data-path="${path}"]`);
}

async function showView(page: Page, id: string): Promise<void> {
  await page.click(`[data-tab=${id}]`);
  await page.waitForSelector(`[data-view=${id}]:not([hidden])`);
}

// ---------------------------------------------------------------- tests

test('opens the folder and shows the first evaluated view', async (ctx) => {
  const page = ctx.page;
  const first = await page.evaluate(() => Number(document.body.dataset.firstEvaluated));
  assert(first > 0, 'no first evaluation time');
  console.log(`    first evaluated view after ${first} ms`);
  // The configured data (luoshi.config.yaml's data:), with no banner.
  const picked = await page.evaluate(() => ({ origin: window.luoshi.workbench.store.s.dataOrigin, sel: window.luoshi.workbench.store.s.dataSelection }));
  assert(picked.origin === 'configured' && JSON.stringify(picked.sel?.cases) === '["data/ningbo-2018.ndjson"]', `data picked: ${JSON.stringify(picked)}`);
  assert(await page.locator('[data-testid=data-banner]').count() === 0, 'a banner over configured data');
  await showView(page, 'tasks');
  await page.waitForSelector('[data-testid=matrix] td.cell');
  const cells = await page.locator('[data-testid=matrix] td.cell').count();
  assert(cells > 10, `matrix has ${cells} cells`);
  await cursorAfter(page, '目标 终本合格');
  await page.waitForFunction(() => /个法院达标或进展正常；要求 .* · 落后/.test(document.querySelector('.codelens-decoration')?.textContent ?? ''), null, { timeout: 15_000 });
  await page.waitForTimeout(500);
  await shot(page, '01-tasks-matrix');
});

test('typing an error shows its marker and a problem entry', async (ctx) => {
  const page = ctx.page;
  await cursorAfter(page, '目标 拒执移送');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('目标 坏目标 : 不存在的指标 >= 90%', { delay: 10 });
  await page.keyboard.press('Escape');
  await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 20_000 });
  await showView(page, 'problems');
  await page.waitForSelector('[data-testid=problems] .problem-row[data-code=E0201]', { timeout: 20_000 });
  const msg = await page.locator('[data-testid=problems] .problem-row[data-code=E0201]').first().innerText();
  assert(msg.includes('不存在的指标'), `problem says "${msg}"`);
  await shot(page, '02-problems');
  await resetPlan(ctx);
  await page.waitForFunction(() => !document.querySelector('[data-testid=problems] .problem-row[data-code=E0201]'), null, { timeout: 20_000 });
});

test('completes an owner', async (ctx) => {
  const page = ctx.page;
  await cursorAfter(page, '责任人 分管执行工作院领导');
  await page.keyboard.type(', 周', { delay: 30 });
  await page.waitForSelector('.suggest-widget.visible .monaco-list-row', { timeout: 15_000 });
  const labels = await page.locator('.suggest-widget.visible .monaco-list-row').allInnerTexts();
  assert(labels.some((l) => l.includes('周招社')), `suggestions: ${labels.slice(0, 8).join(' | ')}`);
  await shot(page, '03-completion');
  await page.keyboard.press('Enter');
  const text = await editorText(page);
  assert(/责任人 分管执行工作院领导[^\n]*, 周招社/.test(text), 'the owner was not inserted');
  await resetPlan(ctx);
});

test('a quick fix corrects a misspelt owner', async (ctx) => {
  const page = ctx.page;
  await cursorAfter(page, '责任人 分管执行工作院领导');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('到');
  await page.keyboard.press('Escape');
  await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: 20_000 });
  await page.keyboard.press('ArrowLeft');
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+.');
  await page.waitForSelector('.action-widget .monaco-list-row', { timeout: 10_000 });
  const items = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
  assert(items.some((x) => /改为“分管\S+工作院领导”/.test(x)), `quick fixes: ${items.join(' | ')}`);
  // Every label shows whole (not cut with an ellipsis).
  const cut = await page.$$eval('.action-widget .monaco-list-row.action .title', (els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
  assert(cut.length === 0, `quick-fix labels cut short: ${cut.join(' | ')}`);
  await shot(page, '03b-quick-fix');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !window.luoshi.workbench.editor.getValue().includes('工作院领到'), null, { timeout: 5000 });
  await resetPlan(ctx);
});

test('moving the as-of slider changes a status', async (ctx) => {
  const page = ctx.page;
  await showView(page, 'tasks');
  await waitEvaluated(page, '2018-12-31');
  const before = await page.locator('[data-view=tasks] .summary').innerText();
  assert(before.includes('已逾期'), `at the period's end some task is overdue: ${before}`);
  // A status chip filters the list to its status; a second click shows every task again.
  await page.click('[data-view=tasks] [data-testid=tasks-status-chip]:has-text("已逾期")');
  const overdue = await page.locator('[data-view=tasks] [data-testid=tasks-status-chip]:has-text("已逾期")').innerText();
  const cols = await page.locator('[data-testid=matrix] th.task-col').count();
  assert(cols === Number(overdue.replace(/\D/g, '')), `the 已逾期 chip (${overdue}) shows ${cols} tasks`);
  assert(await page.locator('[data-testid=tasks-status]').inputValue() === '=overdue', 'the status filter follows the chip');
  await page.click('[data-view=tasks] [data-testid=tasks-status-chip]:has-text("已逾期")');
  assert(await page.locator('[data-testid=tasks-status]').inputValue() === 'all', 'a second click shows every task');
  await page.focus('[data-testid=asof-slider]');
  await page.keyboard.press('Home');
  await waitEvaluated(page, '2018-04-08');
  await page.waitForTimeout(800);
  const after = await page.locator('[data-view=tasks] .summary').innerText();
  assert(!after.includes('已逾期') && after !== before, `at the start nothing is overdue yet: ${after}`);
  await shot(page, '04-asof-start');
  await showView(page, 'timeline');
  await page.waitForSelector('[data-testid=asof-line]', { state: 'attached' });
  await shot(page, '05-timeline');
  await page.fill('[data-testid=asof-date]', '2018-09-30');
  await page.dispatchEvent('[data-testid=asof-date]', 'change');
  await waitEvaluated(page, '2018-09-30');
  await showView(page, 'indicators');
  await page.waitForSelector('[data-testid=indicator-chart] svg', { timeout: 30_000 });
  await shot(page, '06-indicators');
});

test('dragging the as-of slider re-evaluates as it goes', async (ctx) => {
  const page = ctx.page;
  const box = (await page.locator('[data-testid=asof-slider]').boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 2, y);
  await page.mouse.down();
  const seen = new Set<string>();
  for (let k = 1; k <= 8; k++) {
    await page.mouse.move(box.x + 2 + (box.width * 0.8 * k) / 8, y, { steps: 4 });
    await page.waitForTimeout(150);
    seen.add((await page.evaluate(() => document.body.dataset.evaluatedAsOf)) ?? '');
  }
  await page.mouse.up();
  await waitEvaluated(page);
  assert(seen.size >= 3, `the views followed the drag through ${seen.size} dates: ${[...seen].join(', ')}`);
});

test('play animates the as-of date', async (ctx) => {
  const page = ctx.page;
  const start = await page.evaluate(() => document.body.dataset.evaluatedAsOf);
  await page.click('[data-testid=play]');
  await page.waitForFunction((s) => document.body.dataset.evaluatedAsOf !== s, start, { timeout: 15_000 });
  await page.click('[data-testid=play]');
  const after = await page.evaluate(() => document.body.dataset.evaluatedAsOf);
  assert(after !== start, 'the as-of date did not move');
});

test('cases behind a number, ranking, data', async (ctx) => {
  const page = ctx.page;
  await page.fill('[data-testid=asof-date]', '2018-12-31');
  await page.dispatchEvent('[data-testid=asof-date]', 'change');
  await waitEvaluated(page, '2018-12-31');
  await showView(page, 'indicators');
  await page.click('[data-indicator=终本合格率]');
  await page.locator('[data-testid=indicator-table] td.link').nth(2).click();
  await page.waitForSelector('[data-testid=cases-table] .case-row', { timeout: 20_000 });
  await page.locator('[data-testid=cases-table] .case-row').first().click();
  await page.waitForSelector('[data-testid=cases-table] .events .event');
  await shot(page, '07-cases');
  await showView(page, 'ranking');
  await page.waitForSelector('[data-testid=ranking] .rank-row');
  // The ranking says what the JSON report says: ranks (tied courts share one), the cases counted, each row's basis.
  const rows = await page.evaluate(() => window.luoshi.workbench.store.s.report!.rankings[0]!.rows);
  const grouped = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
  const counts = await page.locator('[data-testid=rank-count]').allTextContents();
  const ranks = await page.locator('[data-testid=ranking] .rank').allTextContents();
  assert(counts.length === rows.length, `ranking rows ${counts.length} vs report ${rows.length}`);
  rows.forEach((row, k) => {
    assert(counts[k] === (row.denominator === null ? grouped(row.numerator) : `${grouped(row.numerator)}/${grouped(row.denominator)}`), `row ${k} count ${counts[k]} vs ${row.numerator}/${row.denominator}`);
    assert(ranks[k] === String(row.rank), `row ${k} rank ${ranks[k]} vs ${row.rank}`);
  });
  const tip = await page.locator('[data-testid=ranking] .rank-row').first().getAttribute('title');
  assert(tip !== null && tip.includes(`(${rows[0]!.numerator}/${rows[0]!.denominator})`) && tip.includes('要求 '), `ranking tooltip without its basis: ${tip}`);
  await shot(page, '08-ranking');
  await showView(page, 'data');
  await page.waitForSelector('[data-testid=data-view]');
  await shot(page, '09-data');
});

test('saving writes the file on disk', async (ctx) => {
  const page = ctx.page;
  await page.evaluate(() => { const ed = window.luoshi.workbench.editor; ed.setPosition({ lineNumber: 1, column: 1 }); ed.focus(); });
  await page.keyboard.type('// 已审阅 e2e\n');
  await page.keyboard.press('Control+S');
  await page.waitForSelector('[data-testid=notice-ok]', { timeout: 10_000 });
  const disk = readFileSync(join(ctx.dir, PLAN), 'utf8');
  assert(disk.startsWith('// 已审阅 e2e\n'), 'the file on disk does not have the edit');
  const tmp = (await import('node:fs')).readdirSync(ctx.dir).filter((f) => f.endsWith('.tmp'));
  assert(tmp.length === 0, `temporary files left: ${tmp.join(', ')}`);
});

test('a save over a file changed on disk is a conflict', async (ctx) => {
  const page = ctx.page;
  await page.evaluate(() => { const ed = window.luoshi.workbench.editor; ed.setPosition({ lineNumber: 1, column: 1 }); ed.focus(); });
  await page.keyboard.type('// 页面中的修改\n');
  const external = `// 其他程序的修改\n${readFileSync(join(ctx.dir, PLAN), 'utf8')}`;
  writeFileSync(join(ctx.dir, PLAN), external);
  await page.keyboard.press('Control+S');
  await page.waitForSelector('[data-testid=conflict-dialog]', { timeout: 10_000 });
  await shot(page, '10-conflict');
  assert(readFileSync(join(ctx.dir, PLAN), 'utf8') === external, 'the external change was overwritten');
  await page.click('[data-testid=conflict-dialog] button:last-child');
});

test('an unsaved edit survives a reload', async (ctx) => {
  const page = ctx.page;
  await page.evaluate(() => { const ed = window.luoshi.workbench.editor; ed.setPosition({ lineNumber: 1, column: 1 }); ed.focus(); });
  await page.keyboard.type('// 未保存的修改\n');
  await page.waitForTimeout(800);
  await page.reload();
  await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
  await page.waitForFunction(() => window.luoshi.workbench.editor.getValue().includes('// 未保存的修改'), null, { timeout: 20_000 });
  await page.waitForSelector('.tab.dirty');
  await shot(page, '11-restored');
});

test('a plugin command runs from the command palette', async (ctx) => {
  const page = ctx.page;
  // A string, so the function reaches the page exactly as written (no bundler helpers).
  await page.evaluate(`window.luoshi.plugins.activate({
    id: 'test.hello', version: '0.0.1',
    activate: function (c) {
      c.registerCommand({ id: 'test.hello', title: { zh: '问候测试插件', en: 'Hello test plugin' }, run: function () { document.body.dataset.hello = 'yes'; c.workbench.notify('你好，落实', 'ok'); } });
    },
  })`);
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector('[data-testid=palette-input]');
  await page.keyboard.type('问候');
  await shot(page, '12-palette');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.body.dataset.hello === 'yes', null, { timeout: 5000 });
  // A built-in plugin's command the same way.
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('排名');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-view=ranking]:not([hidden])');
  await page.evaluate(() => window.luoshi.plugins.deactivate('test.hello'));
  const ids = await page.evaluate(() => window.luoshi.commands.list());
  assert(!ids.includes('test.hello'), 'deactivation left the command');
});

test('a configured plugin: its functions, its command, its view and its report format', async (ctx) => {
  const page = ctx.page;
  await quickOpen(page, 'kpi.plan', 'fujin/kpi.plan');
  // The plan calls the plugin's functions (是否净执结, 接卷日期): it compiles and evaluates only with them.
  await waitEvaluated(page, '2011-12-31');
  const blocked = await page.evaluate(() => window.luoshi.workbench.store.s.check?.blocked);
  assert(blocked === false, 'the plan did not compile with the plugin');
  // The command from plugin.json is in the palette; running it shows the plugin's view.
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('干警考核表');
  await page.waitForSelector('[data-testid=palette-commands] [data-testid=palette-item]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-view="fujin.assessment"]:not([hidden]) [data-testid=fujin-assessment] tr[data-officer]', { timeout: 20_000 });
  const rows = await page.locator('[data-testid=fujin-assessment] tr[data-officer]').count();
  assert(rows >= 2, `the assessment lists ${rows} officers`);
  // On the folder's data (fujin-2011.ndjson, chosen as the plan's neighbour): real figures, not zeros.
  const cases = await page.evaluate(() => window.luoshi.workbench.store.s.data?.cases ?? 0);
  assert(cases > 300, `data loaded for the plan: ${cases} cases`);
  const mean = Number(/人均净执结 ([\d.]+)/.exec(await page.locator('[data-testid=fujin-assessment]').innerText())?.[1] ?? 0);
  assert(mean > 0, `mean net closures per officer: ${mean}`);
  await shot(page, '14-plugin-view');
  // Its keybinding (Ctrl+Alt+K) from another view.
  await showView(page, 'tasks');
  await page.keyboard.press('Control+Alt+K');
  await page.waitForSelector('[data-view="fujin.assessment"]:not([hidden])', { timeout: 5000 });
  // The view follows the as-of date.
  const before = await page.locator('[data-testid=fujin-assessment]').innerText();
  await page.fill('[data-testid=asof-date]', '2011-06-30');
  await page.dispatchEvent('[data-testid=asof-date]', 'change');
  await waitEvaluated(page, '2011-06-30');
  await page.waitForFunction((b) => (document.querySelector('[data-testid=fujin-assessment]')?.textContent ?? b) !== b && /2011-06-30/.test(document.querySelector('[data-testid=fujin-assessment]')?.textContent ?? ''), before, { timeout: 10_000 });
  // The plugin's report format exports the report (rendered in the worker).
  const download = page.waitForEvent('download', { timeout: 15_000 });
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('导出报告：执行干警');
  await page.waitForSelector('[data-testid=palette-commands] [data-testid=palette-item]');
  await page.keyboard.press('Enter');
  const file = await (await download).path();
  const text = readFileSync(file, 'utf8');
  assert(text.includes('执行干警年度考核表') && text.includes('2011-06-30'), `export: ${text.slice(0, 200)}`);
  await page.click('.tab[data-path="ningbo-2018.plan"]');
  await waitEvaluated(page);
});

test('bad input: a plugin function that never returns — the page stays usable and restarts the engine', async (ctx) => {
  const page = ctx.page;
  await quickOpen(page, 'hang.plan', 'hang/hang.plan');
  // The evaluation calls 永不返回 on every closed case: the worker never answers; the watchdog says so.
  await page.waitForSelector('[data-testid=notice-action]', { timeout: 30_000 });
  const text = await page.locator('[data-testid=notice-error]', { has: page.locator('[data-testid=notice-action]') }).innerText();
  assert(text.includes('永不返回') && text.includes('test.hang'), `the notice names the function and its plugin: ${text}`);
  // The page itself is not stuck: views switch and the editor takes input at once.
  const t0 = Date.now();
  await showView(page, 'problems');
  await showView(page, 'tasks');
  assert(Date.now() - t0 < 2000, `switching views took ${Date.now() - t0} ms`);
  await shot(page, '14b-engine-stuck');
  await page.click('[data-testid=notice-action]');
  await page.waitForFunction(() => /引擎已重启/.test(document.querySelector('.notices')?.textContent ?? ''), null, { timeout: 20_000 });
  // The new engine works: another plan evaluates.
  await page.evaluate(() => { document.body.dataset.evaluatedAsOf = ''; });
  await page.click('.tab[data-path="ningbo-2018.plan"]');
  await waitEvaluated(page, undefined, 60_000);
});

test('VS Code keys: Ctrl+P, F12, Shift+Alt+F', async (ctx) => {
  const page = ctx.page;
  await quickOpen(page, 'staffing', 'data/staffing-2018.ndjson');
  await page.click('.tab[data-path="ningbo-2018.plan"]');
  await page.evaluate(() => {
    const ed = window.luoshi.workbench.editor;
    const m = ed.getModel()!;
    const line = m.getLinesContent().findIndex((l) => l.includes('目标 终本合格 ')) + 1;
    const col = m.getLineContent(line).indexOf('终本合格率') + 2;
    ed.setPosition({ lineNumber: line, column: col });
    ed.focus();
  });
  await page.keyboard.press('F12');
  await page.waitForSelector('.tab.active[data-path="std/indicators.plan"]', { timeout: 10_000 });
  await shot(page, '13-definition');
  await page.click('.tab[data-path="ningbo-2018.plan"]');
  // Mis-indent a line, then format with the key the palette shows (Monaco's own is Ctrl+Shift+I on Linux).
  await cursorAfter(page, '目标 终本合格 ');
  await page.keyboard.press('Home');
  await page.keyboard.type('      ');
  const messy = await editorText(page);
  assert(/\n {6,}目标 终本合格 /.test(messy), 'the line was not mis-indented');
  await page.keyboard.press('Shift+Alt+F');
  await page.waitForFunction(() => /\n目标 终本合格 /.test(window.luoshi.workbench.editor.getValue()), null, { timeout: 10_000 });
  const errors = await page.locator('[data-testid=notice-error]').count();
  assert(errors === 0, 'formatting reported an error');
  await resetPlan(ctx);
});

/** The cursor on the name in `人员 周招社`, the editor focused. */
async function cursorOnPerson(page: Page): Promise<void> {
  await page.evaluate(() => {
    const ed = window.luoshi.workbench.editor;
    const m = ed.getModel()!;
    const line = m.getLinesContent().findIndex((l) => l.startsWith('人员 周招社')) + 1;
    ed.setPosition({ lineNumber: line, column: 5 });
    ed.focus();
  });
}

test('F2 renames a person everywhere it is used, not in comments', async (ctx) => {
  const page = ctx.page;
  await cursorOnPerson(page);
  await page.keyboard.press('F2');
  // The box is shown once the worker has resolved the name under the cursor; typing goes to it only once
  // it has the focus (the editor keeps it until then).
  await page.waitForFunction(() => document.activeElement?.closest('.rename-box') != null, null, { timeout: 10_000 });
  await page.keyboard.press('Control+a');
  await page.keyboard.type('周院长');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.luoshi.workbench.editor.getValue().includes('组长 周院长'), null, { timeout: 10_000 });
  const text = await editorText(page);
  assert(text.includes('人员 周院长 ') && text.includes('角色 法院一把手 每个法院 = 周院长 @ 宁波中院'), 'the declaration or a use was not renamed');
  assert(text.includes('市中院为院长周招社'), 'a comment was changed');
  // Nothing left undefined: the check finds no unknown owner.
  await page.waitForFunction(() => document.body.dataset.checkedVersion === String(window.luoshi.workbench.editor.getModel()!.getVersionId()), null, { timeout: 20_000 });
  const errors = await page.evaluate(() => window.luoshi.workbench.store.s.check?.errorCount ?? -1);
  assert(errors === 0, `errors after the rename: ${errors}`);
  await resetPlan(ctx);
});

test('Shift+F12 lists a person\'s references', async (ctx) => {
  const page = ctx.page;
  await cursorOnPerson(page);
  await page.keyboard.press('Shift+F12');
  await page.waitForSelector('.reference-zone-widget .ref-tree .monaco-list-row', { timeout: 10_000 });
  const title = await page.locator('.reference-zone-widget .peekview-title').innerText();
  // The declaration, 组长 and the role's holder; not the comment that names him.
  assert(/引用 \(3\)/.test(title), `references: ${title}`);
  const rows = await page.locator('.reference-zone-widget .ref-tree .monaco-list-row').allInnerTexts();
  assert(rows.length === 3 && rows[1] === '组长 周招社', `reference rows: ${rows.join(' | ')}`);
  await page.keyboard.press('Escape');
});

test('diagnostics wait for an IME composition to end', async (ctx) => {
  const page = ctx.page;
  await cursorAfter(page, '责任人 分管执行工作院领导');
  const cdp = await page.context().newCDPSession(page);
  // Pinyin being composed: "zhou" is in the model while the IME shows it, but it is not text yet.
  await cdp.send('Input.imeSetComposition', { text: ', zhou', selectionStart: 6, selectionEnd: 6 });
  await page.waitForFunction(() => window.luoshi.workbench.editor.getValue().includes(', zhou'), null, { timeout: 5000 });
  await page.waitForTimeout(1500);
  // Read from the page's state: clicking elsewhere would end the composition (the browser commits it on blur).
  const state = (): Promise<{ checked?: string; version: string; messages: string[] }> => page.evaluate(() => {
    const wb = window.luoshi.workbench as unknown as { store: { s: { check: { diagnostics: Array<{ message: string }> } | null } } };
    return {
      checked: document.body.dataset.checkedVersion, version: String(window.luoshi.workbench.editor.getModel()!.getVersionId()),
      messages: (wb.store.s.check?.diagnostics ?? []).map((d) => d.message),
    };
  });
  const during = await state();
  assert(during.checked !== during.version, `the composition was checked (version ${during.version})`);
  assert(!during.messages.some((m) => m.includes('zhou')), `a problem for the composition: ${during.messages.join(' | ')}`);
  // Committed: a name nobody declared, now checked.
  await cdp.send('Input.insertText', { text: ', 周某' });
  await page.waitForFunction(() => {
    const wb = window.luoshi.workbench as unknown as { store: { s: { check: { diagnostics: Array<{ message: string }> } | null } } };
    return (wb.store.s.check?.diagnostics ?? []).some((d) => d.message.includes('周某'));
  }, null, { timeout: 20_000 });
  const after = await state();
  assert(after.checked === after.version, `the committed text was not checked (checked ${after.checked}, version ${after.version})`);
  assert(!after.messages.some((m) => m.includes('zhou')), `a problem for the composition: ${after.messages.join(' | ')}`);
  await cdp.detach();
  await resetPlan(ctx);
});

test('the completion list near the editor\'s lower edge is not clipped by the panel', async (ctx) => {
  const page = ctx.page;
  await page.evaluate(() => {
    const ed = window.luoshi.workbench.editor;
    const m = ed.getModel()!;
    const line = m.getLinesContent().findIndex((l) => l.includes('责任人 分管执行工作院领导')) + 1;
    ed.setPosition({ lineNumber: line, column: m.getLineMaxColumn(line) });
    ed.focus();
  });
  // Put the line at the editor's bottom edge.
  await page.evaluate(() => {
    const ed = window.luoshi.workbench.editor as unknown as { getPosition(): { lineNumber: number }; getLayoutInfo(): { height: number }; setScrollTop(n: number): void; getTopForLineNumber(l: number): number };
    const line = ed.getPosition().lineNumber;
    ed.setScrollTop(ed.getTopForLineNumber(line) - ed.getLayoutInfo().height + 30);
  });
  await page.keyboard.type(', ', { delay: 30 });
  await page.waitForSelector('.suggest-widget.visible .monaco-list-row', { timeout: 15_000 });
  const box = await page.locator('.suggest-widget.visible').boundingBox();
  const panel = await page.locator('.panel').boundingBox();
  assert(box && panel, 'no suggest widget or panel');
  // The list opens above the line (there is no room below) or over the panel, whole either way.
  const hit = await page.evaluate(([x, y]) => (globalThis as unknown as { document: { elementFromPoint(x: number, y: number): { closest(s: string): unknown } | null } }).document.elementFromPoint(x!, y!)?.closest('.suggest-widget') != null, [box.x + box.width / 2, box.y + box.height - 6]);
  assert(hit, `the suggest widget's lower part is hidden (widget ${JSON.stringify(box)}, panel ${JSON.stringify(panel)})`);
  await shot(page, '03c-completion-at-edge');
  await page.keyboard.press('Escape');
  await resetPlan(ctx);
});

test('hover shows an indicator\'s definition and value', async (ctx) => {
  const page = ctx.page;
  await page.evaluate(() => {
    const ed = window.luoshi.workbench.editor;
    const m = ed.getModel()!;
    const line = m.getLinesContent().findIndex((l) => l.includes('目标 终本合格 ')) + 1;
    const col = m.getLineContent(line).indexOf('终本合格率') + 2;
    ed.setPosition({ lineNumber: line, column: col });
    ed.revealLineInCenter(line);
    ed.focus();
    ed.trigger('test', 'editor.action.showHover', null);
  });
  await page.waitForSelector('.monaco-hover-content', { timeout: 10_000 });
  const text = await page.locator('.monaco-hover-content').first().innerText();
  assert(text.includes('计数') && text.includes('%'), `hover: ${text.slice(0, 200)}`);
  await shot(page, '14-hover');
  await page.keyboard.press('Escape');
});

test('English interface', async (ctx) => {
  const page = ctx.page;
  await page.click('[data-testid=lang-switch]');
  await page.waitForFunction(() => document.querySelector('[data-tab=tasks]')?.textContent?.includes('Tasks'));
  await showView(page, 'tasks');
  // Monaco's own menus follow on reload: the page offers it (unsaved edits are kept).
  await page.waitForSelector('[data-testid=notice-action]:has-text("Reload")', { timeout: 5000 });
  await shot(page, '15-english');
  await page.click('[data-testid=lang-switch]');
  await page.waitForFunction(() => document.querySelector('[data-tab=tasks]')?.textContent?.includes('任务'));
});

test('bad input: a data file with half its rows broken is reported', async (ctx) => {
  const page = ctx.page;
  await page.evaluate(() => window.luoshi.workbench.selectData({ cases: ['data/half-broken.ndjson'], progress: [], staffing: [] }));
  await page.waitForFunction(() => (window.luoshi.workbench.store.s.data?.rejected ?? 0) > 100, null, { timeout: 30_000 });
  await showView(page, 'data');
  await page.waitForSelector('[data-testid=data-view] .data-problems tr.sev-error');
  await shot(page, '16-broken-data');
  await page.evaluate(() => window.luoshi.workbench.selectData({ cases: ['data/broken-sample.csv'], progress: [], staffing: [] }));
  await page.waitForFunction(() => window.luoshi.workbench.store.s.data?.read === 40, null, { timeout: 30_000 });
  await page.evaluate(() => window.luoshi.workbench.selectData({ cases: ['data/ningbo-2018.ndjson'], progress: ['data/progress-ningbo-2018.ndjson'], staffing: ['data/staffing-2018.ndjson'] }));
  await page.waitForFunction(() => window.luoshi.workbench.store.s.data?.cases === 3000, null, { timeout: 30_000 });
});

test('generated data, or data guessed for a plan, shows a banner until the user picks data', async (ctx) => {
  const page = ctx.page;
  await page.evaluate(() => window.luoshi.workbench.generateData(2000));
  await page.waitForSelector('[data-testid=data-banner]', { timeout: 30_000 });
  const text = await page.locator('[data-testid=data-banner]').innerText();
  assert(text.includes('示例数据') || text.includes('example data'), `banner: ${text}`);
  await showView(page, 'data');
  const full = await page.locator('[data-testid=data-view-banner]').innerText();
  assert(full.includes('不是本院数据') || full.includes("not a court's"), `data view banner: ${full}`);
  await shot(page, '16b-generated-data-banner');
  await page.evaluate(() => window.luoshi.workbench.selectData({ cases: ['data/ningbo-2018.ndjson'], progress: [], staffing: [] }));
  await page.waitForFunction(() => window.luoshi.workbench.store.s.data?.cases === 3000 && !document.querySelector('[data-testid=data-banner]'), null, { timeout: 30_000 });
  // guess/guess.plan has no configured data: the one case file beside it is a guess, and says so.
  await page.evaluate(() => window.luoshi.workbench.setEntry('guess/guess.plan'));
  await page.waitForFunction(() => window.luoshi.workbench.store.s.dataOrigin === 'guessed' && !!document.querySelector('[data-testid=data-banner]'), null, { timeout: 10_000 });
  await page.evaluate(() => window.luoshi.workbench.setEntry('ningbo-2018.plan'));
  await page.waitForFunction(() => !document.querySelector('[data-testid=data-banner]'), null, { timeout: 10_000 });
});

test('bad input: a plan with 1,000 errors and a 50,000-line plan keep the page responsive', async (ctx) => {
  const page = ctx.page;
  await recordLongTasks(page);
  await quickOpen(page, 'errors-1000');
  await page.waitForFunction(() => (window.luoshi.workbench.store.s.check?.errorCount ?? 0) >= 1000, null, { timeout: 120_000 });
  await showView(page, 'problems');
  await page.waitForSelector('[data-testid=problems] .problem-row');
  await shot(page, '17-thousand-errors');
  // Responsive: a click changes the view at once.
  const t0 = Date.now();
  await showView(page, 'timeline');
  const clickMs = Date.now() - t0;
  await quickOpen(page, 'long-50000');
  await page.waitForFunction(() => window.luoshi.workbench.store.s.entry === 'long-50000.plan' && window.luoshi.workbench.store.s.check?.entry === 'long-50000.plan', null, { timeout: 180_000 });
  await page.evaluate(() => { const ed = window.luoshi.workbench.editor; ed.setPosition({ lineNumber: 25_000, column: 1 }); ed.revealLineInCenter(25_000); ed.focus(); });
  await page.keyboard.type('// 中间的修改\n');
  await page.waitForTimeout(500);
  await shot(page, '18-long-plan');
  const lt = await longTasks(page);
  const max = Math.max(0, ...lt.map((x) => x.duration));
  console.log(`    view switch ${clickMs} ms; long tasks: ${lt.length}, longest ${Math.round(max)} ms`);
  assert(clickMs < 2000, `switching a view took ${clickMs} ms`);
});

test('bad input: the server went away', async (ctx) => {
  const page = ctx.page;
  const port = Number(new URL(ctx.server.url).port);
  await ctx.server.close();
  await page.waitForSelector('[data-testid=server-down]', { timeout: 15_000 });
  await page.evaluate(() => { const ed = window.luoshi.workbench.editor; ed.setPosition({ lineNumber: 1, column: 1 }); ed.focus(); });
  await page.keyboard.type('// 离线编辑\n');
  await page.keyboard.press('Control+S');
  await page.waitForSelector('[data-testid=notice-error]', { timeout: 10_000 });
  await shot(page, '19-server-down');
  // Restarted with the same token: the page's cookie is still good.
  ctx.server = await serve(ctx.dir, port, { token: ctx.server.token });
  await page.waitForSelector('[data-testid=server-down]', { state: 'detached', timeout: 15_000 });
});

test('bad input: opened without the token', async (ctx) => {
  const page = await ctx.browser.newPage({ viewport: { width: 1600, height: 1000 } });
  try {
    await page.goto(`${ctx.server.origin}/`);
    await page.waitForSelector('[data-testid=signed-out]', { timeout: 15_000 });
    const notice = await page.textContent('[data-testid=notice-error]');
    assert(/luoshi serve/.test(notice ?? ''), `the page says what to open, not: ${notice}`);
    assert(!/Failed to fetch/.test(notice ?? ''), `a raw fetch error reached the page: ${notice}`);
    await shot(page, '20-signed-out');
  } finally {
    await page.close();
  }
});

// ---------------------------------------------------------------- runner

function writeBadPlans(dir: string): void {
  const errors: string[] = ['方案 错误很多 {', '  期间 2018-01-01 至 2018-12-31', '}'];
  for (let i = 0; i < 1000; i++) errors.push(`目标 坏${i} : 不存在的指标${i} >= 90%`);
  writeFileSync(join(dir, 'errors-1000.plan'), errors.join('\n') + '\n');
  const long: string[] = ['方案 很长的方案 {', '  期间 2018-01-01 至 2018-12-31', '  使用 std', '}', '人员 张三 "院长"', '角色 分管领导 = 张三'];
  for (let i = 0; long.length < 50_000; i++) {
    long.push(`任务 T${i} "第${i}项任务" {`, '  责任人 分管领导', `  节点 "交付${i}" 完成 2018-${String((i % 12) + 1).padStart(2, '0')}-15`, '  完成 2018-12-31', '}');
  }
  writeFileSync(join(dir, 'long-50000.plan'), long.join('\n') + '\n');
  cpSync(join(ROOT, 'examples', 'data', 'broken', 'broken-sample.csv'), join(dir, 'data', 'broken-sample.csv'));
  // Half the rows broken, each in one of the generator's ways (a malformed line cut short).
  const lines: string[] = [];
  for (const row of generateRows({ preset: 'ningbo', cases: 400, seed: 3, broken: 0.5 })) {
    if (!isBrokenRow(row)) lines.push(JSON.stringify(row));
    else if (row.defect === 'malformed') lines.push(JSON.stringify(row.value).slice(0, 40));
    else lines.push(JSON.stringify(row.value));
  }
  writeFileSync(join(dir, 'data', 'half-broken.ndjson'), lines.join('\n') + '\n');
  // A plan with no configured data and one case file beside it (a guess).
  mkdirSync(join(dir, 'guess'));
  writeFileSync(join(dir, 'guess', 'guess.plan'), '方案 猜测 {\n  期间 2011-01-01 至 2011-12-31\n  使用 std\n}\n');
  cpSync(join(ROOT, 'examples', 'data', 'fujin-2011.ndjson'), join(dir, 'guess', 'cases.ndjson'));
}

test('a folder not trusted: restricted mode names its plugins; trusting loads them without a reload', async (ctx) => {
  // Its own folder and server, not trusted; trust is remembered in a store of its own.
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-wb-trust-'));
  writeMarkerPlugin(join(dir, 'plugin'), false);
  writeFileSync(join(dir, 'luoshi.config.yaml'), 'plugins:\n  - ./plugin\n');
  writeFileSync(join(dir, 'twice.plan'), MARKER_PLAN);
  cpSync(join(ROOT, 'examples', 'data', 'fujin-2011.ndjson'), join(dir, 'fujin-2011.ndjson'));
  const server = await serve(dir, 0, { trust: false, trustFile: `${dir}-trust.json` });
  const page = await ctx.browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const pluginRequests: string[] = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/plugins/')) pluginRequests.push(r.url()); });
  try {
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
    await page.waitForSelector('[data-testid=trust-banner].restricted [data-testid=restricted-plugin][data-plugin="test.marker"]', { timeout: 20_000 });
    const banner = await page.locator('[data-testid=trust-banner]').innerText();
    assert(banner.includes('受限模式') && banner.includes('test.marker') && banner.includes('函数：加倍') && banner.includes('数据导入器：mark'), `the banner names the plugin and what it contributes: ${banner}`);
    // Untrusted, the plan cannot call the plugin's function, and nothing of the plugin was fetched.
    await page.waitForFunction(() => (window.luoshi.workbench.store.s.check?.diagnostics ?? []).some((d) => d.code === 'E0201'), null, { timeout: 20_000 });
    assert(pluginRequests.length === 0, `the page fetched plugin code before trust: ${pluginRequests.join(', ')}`);
    await shot(page, 'restricted-mode');
    await page.click('[data-testid=trust-folder]');
    await page.waitForSelector('[data-testid=trust-banner]:not(.restricted)', { state: 'attached', timeout: 20_000 });
    await page.waitForFunction(() => window.luoshi.workbench.store.s.check?.blocked === false && (window.luoshi.workbench.store.s.data?.cases ?? 0) > 0
      && (window.luoshi.workbench.store.s.report?.indicators ?? []).some((i) => i.name === '加倍数' && i.overall.numerator > 0), null, { timeout: 30_000 }).catch(() => undefined);
    const value = await page.evaluate(() => window.luoshi.workbench.store.s.report!.indicators.find((i) => i.name === '加倍数')!.overall.numerator);
    const cases = await page.evaluate(() => window.luoshi.workbench.store.s.data?.cases ?? 0);
    assert(value > 0, `the plugin's function evaluates: 加倍数 = ${value} (on ${cases} cases)`);
    assert(pluginRequests.some((u) => u.endsWith('/index.js')), 'the plugin was imported after trust');
    // Revoked from the palette: restricted again.
    await page.evaluate(() => window.luoshi.commands.execute('luoshi.trust.revoke'));
    await page.waitForSelector('[data-testid=trust-banner].restricted', { timeout: 20_000 });
    const state = await page.evaluate(() => window.luoshi.commands.execute('luoshi.trust.show')) as { trusted: boolean } | null;
    assert(state?.trusted === false, `the trust state after revoking: ${JSON.stringify(state)}`);
  } finally {
    await page.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(`${dir}-trust.json`, { force: true });
  }
});

async function main(): Promise<void> {
  requireBuild();
  const filter = process.argv[2];
  const dir = makeWorkspace(writeBadPlans);
  const browser = await launch();
  const ctx = { browser, dir, server: await serve(dir) } as Ctx;
  let failed = 0, passed = 0;
  try {
    ctx.page = await open(ctx);
    for (const tc of tests) {
      if (filter && !tc.name.includes(filter)) continue;
      const t0 = Date.now();
      try {
        await tc.run(ctx);
        passed++;
        console.log(`  ✓ ${tc.name} (${Date.now() - t0} ms)`);
      } catch (e) {
        failed++;
        console.log(`  ✗ ${tc.name} (${Date.now() - t0} ms)\n    ${(e as Error).message.split('\n').join('\n    ')}`);
        await shot(ctx.page, `failed-${tc.name.replace(/[^\p{L}\p{N}]+/gu, '-')}`).catch(() => {});
      }
    }
  } finally {
    await browser.close();
    await ctx.server.close().catch(() => {});
    removeWorkspace(dir);
  }
  console.log(`${passed} passed, ${failed} failed`);
  // The totals for .ci/run, which adds them to the unit tests' (test-results/ is gitignored).
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/browser.json', JSON.stringify({ passed, failed }) + '\n');
  process.exitCode = failed ? 1 : 0;
}

await main();
