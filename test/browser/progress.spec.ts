// The workbench's progress (src/workbench/services/status-bar.ts, fed by src/workers/progress-throttle.ts):
// generating, evaluating and replaying a larger data set show a bar in the status bar that moves forward at
// most about ten times a second and goes when the work ends; a replay can be stopped from it.
import { evaluated, expect, test } from './fixtures.js';
import type { PageDocument, PageWindow } from './page-types.js';

interface Seen {
  op: string;
  value: number | null;
  at: number;
}
declare const window: PageWindow & { __progress?: Seen[] };
declare const document: Omit<PageDocument, 'querySelector'> & {
  querySelector(selector: string): {
    textContent: string | null;
    getAttribute(name: string): string | null;
    closest(selector: string): { getAttribute(name: string): string | null } | null;
  } | null;
};
declare const MutationObserver: new (
  cb: () => void,
) => { observe(target: unknown, options: { childList: boolean; subtree: boolean; attributes: boolean }): void };
declare const performance: { now(): number };

const CASES = 40_000;

/** Records every state of the status bar's progress bar from now on: its operation and percent (null: no value yet). */
async function recordProgress(page: import('@playwright/test').Page): Promise<void> {
  await page.evaluate(() => {
    const seen: Seen[] = [];
    window.__progress = seen;
    const status = document.querySelector('.statusbar');
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid=busy-progress]');
      const op = bar?.closest('[data-testid=busy]')?.getAttribute('data-op') ?? '';
      const v = bar?.getAttribute('value') ?? null;
      const value = bar ? (v === null ? null : Number(v)) : null;
      const last = seen.at(-1);
      if (!bar) {
        if (last && last.op !== '') seen.push({ op: '', value: null, at: performance.now() });
      } else if (!last || last.op !== op || last.value !== value) seen.push({ op, value, at: performance.now() });
    }).observe(status, { childList: true, subtree: true, attributes: true });
  });
}

const states = (seen: Seen[], op: string): Seen[] => seen.filter((s) => s.op === op);

/** Waits until the first data's replay has landed and nothing runs. */
async function idle(page: import('@playwright/test').Page): Promise<void> {
  await page.waitForFunction(
    () =>
      (window.luoshi.workbench.store.s as { replay?: unknown }).replay != null &&
      !document.querySelector('[data-testid=busy]'),
  );
}

test('generating, evaluating and replaying a larger data set show their progress, and it ends', async ({
  workbench: page,
}) => {
  await idle(page);
  await recordProgress(page);
  await page.evaluate((n) => window.luoshi.workbench.generateData(n), CASES);
  // generateData returns once the data is evaluated; the replay follows.
  await page.waitForSelector('[data-testid=busy][data-op=replay]', { timeout: 60_000 });
  await evaluated(page, undefined, 120_000);
  await expect(page.locator('[data-testid=busy-progress]')).toHaveCount(0);
  expect(await page.evaluate(() => window.luoshi.workbench.store.s.data?.cases)).toBe(CASES);
  const seen = (await page.evaluate(() => window.__progress)) as Seen[];

  // Generating: percents that only grow.
  const load = states(seen, 'load').map((s) => s.value);
  expect(load.length).toBeGreaterThan(1);
  expect(load.filter((v) => v !== null)).toEqual(
    [...load.filter((v): v is number => v !== null)].sort((a, b) => a - b),
  );
  // Evaluating: shown (the data is evaluated as generated).
  expect(states(seen, 'evaluate').length).toBeGreaterThan(0);
  // Replaying (each replay from its start to where it ended — a newer one may supersede one): moves forward,
  // at most ~10 redraws a second; the last one runs to its end, and the bar goes.
  const runs: Seen[][] = [];
  seen.forEach((s, k) => {
    if (s.op !== 'replay') return;
    if (seen[k - 1]?.op === 'replay') runs.at(-1)!.push(s);
    else runs.push([s]);
  });
  expect(runs.length).toBeGreaterThan(0);
  for (const run of runs) {
    const values = run.map((s) => s.value).filter((v): v is number => v !== null);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    const seconds = (run.at(-1)!.at - run[0]!.at) / 1000;
    expect(run.length).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 2);
  }
  const last = runs
    .at(-1)!
    .map((s) => s.value)
    .filter((v): v is number => v !== null);
  expect(new Set(last).size).toBeGreaterThan(2);
  expect(last.at(-1)).toBeGreaterThanOrEqual(90);
  expect(seen.at(-1)!.op).toBe('');
});

test('a replay stops from its progress bar at once, keeping the data and its evaluation', async ({
  workbench: page,
}) => {
  await idle(page);
  await page.evaluate((n) => window.luoshi.workbench.generateData(n), CASES);
  const cancel = page.locator('[data-testid=busy-cancel]');
  await page.waitForSelector('[data-testid=busy][data-op=replay] progress[value]', { timeout: 60_000 });
  await cancel.click();
  await expect(page.locator('[data-testid=busy]')).toHaveCount(0, { timeout: 5_000 });
  await evaluated(page);
  expect(await page.evaluate(() => window.luoshi.workbench.store.s.data?.cases)).toBe(CASES);
});
