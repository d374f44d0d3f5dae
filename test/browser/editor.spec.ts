// The plan editor (Monaco with the plan language): markers and problems, completion, quick fixes, hover,
// go to definition, formatting, F2 rename, Shift+F12 references, folding, and an IME composition.
import {
  expect,
  test,
  checked,
  cursorAfter,
  editorText,
  evaluated,
  PLAN,
  quickOpen,
  resetPlan,
  showView,
} from './fixtures.js';
import type { Page } from '@playwright/test';
import type { PageDocument, PageStorage, PageWindow } from './page-types.js';
import { formatValue, grouped, indicatorOf } from './shown.js';

declare const window: PageWindow;
declare const document: PageDocument;
declare const localStorage: PageStorage;

/** The cursor inside `word` on the first line containing `line`, the editor focused. */
async function cursorOn(page: Page, line: string, word: string): Promise<void> {
  await page.evaluate(
    ([l, w]) => {
      const ed = window.luoshi.workbench.editor;
      const m = ed.getModel()!;
      const n = m.getLinesContent().findIndex((x) => x.includes(l!)) + 1;
      if (n === 0) throw new Error(`no line with ${l}`);
      ed.setPosition({ lineNumber: n, column: m.getLineContent(n).indexOf(w!) + 2 });
      ed.revealLineInCenter(n);
      ed.focus();
    },
    [line, word],
  );
}

/** The cursor on the name in `人员 周招社`, the editor focused. */
const cursorOnPerson = (page: Page): Promise<void> => cursorOn(page, '人员 周招社', '周招社');

test('typing an error shows its marker and a problem entry; undoing it clears both', async ({
  workbench: page,
  server,
}) => {
  await cursorAfter(page, '目标 拒执移送');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('目标 坏目标 : 不存在的指标 >= 90%', { delay: 10 });
  await page.keyboard.press('Escape');
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  await showView(page, 'problems');
  const problem = page.locator('[data-testid=problems] .problem-row[data-code=E0201]');
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText('不存在的指标');
  await resetPlan(page, server);
  await expect(problem).toHaveCount(0);
  await expect(page.locator('.monaco-editor .squiggly-error')).toHaveCount(0);
});

test('completes an owner', async ({ workbench: page }) => {
  await cursorAfter(page, '责任人 分管执行工作院领导');
  await page.keyboard.type(', 周', { delay: 30 });
  const rows = page.locator('.suggest-widget.visible .monaco-list-row');
  await expect(rows.filter({ hasText: '周招社' })).toHaveCount(1);
  await rows.filter({ hasText: '周招社' }).click();
  expect(await editorText(page)).toMatch(/责任人 分管执行工作院领导[^\n]*, 周招社/);
});

test('a quick fix corrects a misspelt owner', async ({ workbench: page }) => {
  await cursorAfter(page, '责任人 分管执行工作院领导');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('到');
  await page.keyboard.press('Escape');
  await checked(page);
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  // The code actions are asked for the cursor's place: Ctrl+. again until the list shows.
  const rows = page.locator('.action-widget .monaco-list-row');
  await expect(async () => {
    await page.keyboard.press('Control+.');
    await expect(rows.first()).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  const fix = rows.filter({ hasText: /改为“分管\S+工作院领导”/ });
  await expect(fix).not.toHaveCount(0);
  // Every label shows whole (not cut with an ellipsis).
  const cut = await page.$$eval('.action-widget .monaco-list-row.action .title', (els) =>
    els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent),
  );
  expect(cut, 'quick-fix labels cut short').toEqual([]);
  await page.keyboard.press('Enter');
  await expect.poll(() => editorText(page)).not.toContain('工作院领到');
  expect(await editorText(page)).toContain('责任人 分管执行工作院领导');
});

test("hover shows an indicator's definition and its value, as the report", async ({ workbench: page, server }) => {
  const asOf = (await page.evaluate(() => document.body.dataset.evaluatedAsOf))!;
  const ind = indicatorOf(await server.report(PLAN, { asOf }), '终本合格率');
  await cursorOn(page, '目标 终本合格 ', '终本合格率');
  await page.evaluate(() => window.luoshi.workbench.editor.trigger('test', 'editor.action.showHover', null));
  const hover = page.locator('.monaco-hover-content').first();
  await expect(hover).toContainText('计数');
  await expect(hover).toContainText(
    `截至 ${asOf}：${formatValue(ind.overall.value, ind.unit)} (${grouped(ind.overall.numerator)} / ${grouped(ind.overall.denominator)})`,
  );
  await page.keyboard.press('Escape');
});

test('VS Code keys: Ctrl+P, F12, Shift+Alt+F', async ({ workbench: page }) => {
  await quickOpen(page, 'staffing', 'data/staffing-2018.ndjson');
  await page.click(`.tab[data-path="${PLAN}"]`);
  await cursorOn(page, '目标 终本合格 ', '终本合格率');
  await page.keyboard.press('F12');
  await expect(page.locator('.tab.active')).toHaveAttribute('data-path', 'std/indicators.plan');
  await expect.poll(() => editorText(page)).toMatch(/^指标 终本合格率/m);
  await page.click(`.tab[data-path="${PLAN}"]`);
  // Mis-indent a line, then format with the key the palette shows (Monaco's own is Ctrl+Shift+I on Linux).
  await cursorAfter(page, '目标 终本合格 ');
  await page.keyboard.press('Home');
  await page.keyboard.type('      ');
  expect(await editorText(page)).toMatch(/\n {6,}目标 终本合格 /);
  await page.keyboard.press('Shift+Alt+F');
  await expect.poll(() => editorText(page)).toMatch(/\n目标 终本合格 /);
  await expect(page.locator('[data-testid=notice-error]')).toHaveCount(0);
});

test('F2 renames a person everywhere it is used, not in comments', async ({ workbench: page }) => {
  await cursorOnPerson(page);
  await page.keyboard.press('F2');
  // The box is shown once the worker has resolved the name under the cursor; typing goes to it only once
  // it has the focus (the editor keeps it until then).
  await page.waitForFunction(() => document.activeElement?.closest('.rename-box') != null, null, { timeout: 10_000 });
  await page.keyboard.press('Control+a');
  await page.keyboard.type('周院长');
  await page.keyboard.press('Enter');
  await expect.poll(() => editorText(page)).toContain('组长 周院长');
  const text = await editorText(page);
  expect(text).toContain('人员 周院长 ');
  expect(text).toContain('角色 法院一把手 每个法院 = 周院长 @ 宁波中院');
  expect(text).toContain('市中院为院长周招社');
  expect(text).not.toMatch(/^[^/\n]*周招社/m);
  // Nothing left undefined: the check finds no unknown owner.
  await checked(page);
  expect(await page.evaluate(() => window.luoshi.workbench.store.s.check?.errorCount ?? -1)).toBe(0);
});

test("Shift+F12 lists a person's references", async ({ workbench: page }) => {
  await cursorOnPerson(page);
  await page.keyboard.press('Shift+F12');
  const rows = page.locator('.reference-zone-widget .ref-tree .monaco-list-row');
  // The declaration, 组长 and the role's holder; not the comment that names him.
  await expect(page.locator('.reference-zone-widget .peekview-title')).toContainText('引用 (3)');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toHaveText('组长 周招社');
  await page.keyboard.press('Escape');
});

test('folding a task hides its lines; unfolding shows them again', async ({ workbench: page }) => {
  const line = await page.evaluate(
    () =>
      window.luoshi.workbench.editor
        .getModel()!
        .getLinesContent()
        .findIndex((l) => /^任务 /.test(l)) + 1,
  );
  expect(line).toBeGreaterThan(0);
  await page.evaluate((n) => {
    const ed = window.luoshi.workbench.editor;
    ed.setPosition({ lineNumber: n, column: 1 });
    ed.revealLineInCenter(n);
    ed.focus();
  }, line);
  const next = await page.evaluate((n) => window.luoshi.workbench.editor.getModel()!.getLineContent(n + 1), line);
  const shown = page.locator('.view-lines .view-line', { hasText: next.trim() });
  await expect(shown).toHaveCount(1);
  await page.keyboard.press('Control+Shift+BracketLeft');
  await expect(shown).toHaveCount(0);
  await expect(page.locator('.monaco-editor .inline-folded').first()).toBeVisible();
  await page.keyboard.press('Control+Shift+BracketRight');
  await expect(shown).toHaveCount(1);
});

test('diagnostics wait for an IME composition to end', async ({ workbench: page }) => {
  await cursorAfter(page, '责任人 分管执行工作院领导');
  const cdp = await page.context().newCDPSession(page);
  // Pinyin being composed: "zhou" is in the model while the IME shows it, but it is not text yet.
  await cdp.send('Input.imeSetComposition', { text: ', zhou', selectionStart: 6, selectionEnd: 6 });
  await expect.poll(() => editorText(page)).toContain(', zhou');
  // The unsaved text reaches localStorage 400 ms after the edit, past the check's own 250 ms pause: by
  // then a check not held back by the composition would have started (busy) or be done (checked).
  await page.waitForFunction(() => {
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      if (k.startsWith('luoshi.unsaved.') && localStorage.getItem(k)!.includes(', zhou')) return true;
    }
    return false;
  });
  // Read from the page's state: clicking elsewhere would end the composition (the browser commits it on blur).
  const state = (): Promise<{ checked?: string; version: string; busy: boolean; messages: string[] }> =>
    page.evaluate(() => {
      const wb = window.luoshi.workbench as unknown as {
        store: { s: { busy: Record<string, unknown>; check: { diagnostics: Array<{ message: string }> } | null } };
      };
      return {
        checked: document.body.dataset.checkedVersion,
        version: String(window.luoshi.workbench.editor.getModel()!.getVersionId()),
        busy: wb.store.s.busy.check !== undefined,
        messages: (wb.store.s.check?.diagnostics ?? []).map((d) => d.message),
      };
    });
  const during = await state();
  expect(during.checked, 'the composition was checked').not.toBe(during.version);
  expect(during.busy, 'a check of the composition is running').toBe(false);
  expect(during.messages.filter((m) => m.includes('zhou'))).toEqual([]);
  // Committed: a name nobody declared, now checked.
  await cdp.send('Input.insertText', { text: ', 周某' });
  await expect.poll(async () => (await state()).messages.some((m) => m.includes('周某'))).toBe(true);
  await checked(page);
  expect((await state()).messages.filter((m) => m.includes('zhou'))).toEqual([]);
  await cdp.detach();
});

test("the completion list near the editor's lower edge is not clipped by the panel", async ({ workbench: page }) => {
  await cursorAfter(page, '责任人 分管执行工作院领导');
  // Put the line at the editor's bottom edge.
  await page.evaluate(() => {
    const ed = window.luoshi.workbench.editor as unknown as {
      getPosition(): { lineNumber: number };
      getLayoutInfo(): { height: number };
      setScrollTop(n: number): void;
      getTopForLineNumber(l: number): number;
    };
    const line = ed.getPosition().lineNumber;
    ed.setScrollTop(ed.getTopForLineNumber(line) - ed.getLayoutInfo().height + 30);
  });
  await page.keyboard.type(', ', { delay: 30 });
  const widget = page.locator('.suggest-widget.visible');
  await expect(widget.locator('.monaco-list-row').first()).toBeVisible();
  const box = (await widget.boundingBox())!;
  // The list opens above the line (there is no room below) or over the panel, whole either way.
  const hit = await page.evaluate(
    ([x, y]) =>
      (
        globalThis as unknown as {
          document: { elementFromPoint(x: number, y: number): { closest(s: string): unknown } | null };
        }
      ).document
        .elementFromPoint(x!, y!)
        ?.closest('.suggest-widget') != null,
    [box.x + box.width / 2, box.y + box.height - 6],
  );
  expect(hit, `the suggest widget's lower part is hidden (widget ${JSON.stringify(box)})`).toBe(true);
  await page.keyboard.press('Escape');
});

test("a target's code lens follows an edit of its threshold", async ({ workbench: page, server }) => {
  await cursorAfter(page, '目标 终本合格 ');
  const lens = page.locator('.codelens-decoration', { hasText: '达标或进展正常' }).first();
  await expect(lens).toContainText('要求 > 90% ');
  await page.evaluate(() => {
    const m = window.luoshi.workbench.editor.getModel()!;
    m.setValue(m.getValue().replace('终本合格率 > 90% 力争 95%', '终本合格率 > 99% 力争 99.5%'));
  });
  await checked(page);
  await evaluated(page);
  await expect(page.locator('.codelens-decoration', { hasText: '达标或进展正常' }).first()).toContainText(
    '要求 > 99% ',
  );
  await resetPlan(page, server);
});
