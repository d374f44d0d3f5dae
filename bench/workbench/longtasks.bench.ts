// The workbench's main thread under load: long tasks (PerformanceObserver 'longtask', anything over
// 50 ms) while a million cases are generated, evaluated at several as-of dates and replayed — all in the
// engine worker — and the time from opening the page to the first evaluated view.
//
//   npm run build:workbench && npx tsx bench/workbench/longtasks.bench.ts [--cases 1000000] [--json out.json]
//
// The million cases are generated inside the worker (the `luoshi gen` ningbo preset, as the workbench's
// "generate example data" command does), so the figure measures the page, not the server's loader.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { makeFolder, ROOT, serveFolder } from '../../test/browser/folder.js';
import { evaluated } from '../../test/browser/workbench-page.js';
import type { PageDocument, PageObserverCtor, PageWindow } from '../../test/browser/page-types.js';
import { launchChromium } from '../../test/browser/chromium.js';

declare const window: PageWindow;
declare const PerformanceObserver: PageObserverCtor;
declare const document: PageDocument;

const { values } = parseArgs({ options: { cases: { type: 'string', default: '1000000' }, json: { type: 'string' } } });
const CASES = Number(values.cases);

interface Phase {
  name: string;
  ms: number;
  longTasks: number;
  longestMs: number;
  totalLongMs: number;
}

function summarise(name: string, ms: number, tasks: Array<{ duration: number }>): Phase {
  return {
    name,
    ms: Math.round(ms),
    longTasks: tasks.length,
    longestMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
    totalLongMs: Math.round(tasks.reduce((n, t) => n + t.duration, 0)),
  };
}

async function since(page: Page, from: number): Promise<Array<{ start: number; duration: number }>> {
  return (await page.evaluate(() => window.__longtasks ?? [])).filter((t) => t.start >= from);
}

const now = (page: Page): Promise<number> => page.evaluate(() => performance.now());

async function main(): Promise<void> {
  const dir = makeFolder();
  const server = await serveFolder(dir);
  const browser = await launchChromium();
  const phases: Phase[] = [];
  let firstView = 0,
    firstViewWall = 0;
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    // Long tasks from the very start (the observer is installed before the app's scripts run).
    await page.addInitScript(() => {
      const tasks: Array<{ start: number; duration: number }> = [];
      window.__longtasks = tasks;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    const t0 = Date.now();
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 120_000 });
    await evaluated(page, undefined, 120_000);
    firstViewWall = Date.now() - t0;
    firstView = Number(await page.evaluate(() => document.body.dataset.firstEvaluated));
    phases.push(summarise('page open → first evaluated view (3,000 cases)', firstView, await since(page, 0)));

    // A million cases, generated and evaluated in the worker.
    const genStart = await now(page);
    const g0 = Date.now();
    // Forget the small data set's evaluation: the next one is the million cases'.
    await page.evaluate((n) => {
      delete document.body.dataset.evaluatedAsOf;
      void window.luoshi.commands.execute('luoshi.generateData', n);
    }, CASES);
    await page.waitForFunction((n) => window.luoshi.workbench.store.s.data?.cases === n, CASES, {
      timeout: 1_800_000,
      polling: 1000,
    });
    const genMs = Date.now() - g0;
    phases.push(
      summarise(`generate ${CASES.toLocaleString('en-US')} cases in the worker`, genMs, await since(page, genStart)),
    );
    const evStart = await now(page);
    const e0 = Date.now();
    const evaluatedAt = (d: string): Promise<unknown> =>
      page.waitForFunction((x) => document.body.dataset.evaluatedAsOf === x, d, { timeout: 1_800_000, polling: 50 });
    await evaluatedAt('2018-12-31');
    phases.push(summarise('evaluate as of 2018-12-31', Date.now() - e0, await since(page, evStart)));
    // The series replay starts after the evaluation; the as-of date moves while it runs (the worker answers
    // between two slices of the replay), as a user scrubbing the slider would.
    await page.waitForFunction(() => window.luoshi.workbench.store.s.busy.replay !== undefined, null, {
      timeout: 60_000,
      polling: 20,
    });
    const rs = await now(page);
    const r0 = Date.now();
    for (const d of ['2018-06-30', '2018-09-30', '2018-12-31']) {
      const s = await now(page);
      const a = Date.now();
      const replaying = await page.evaluate(() => window.luoshi.workbench.store.s.busy.replay !== undefined);
      await page.evaluate((x) => {
        void window.luoshi.commands.execute('luoshi.view.tasks');
        window.luoshi.workbench.setAsOf(x, true);
      }, d);
      await evaluatedAt(d);
      phases.push(
        summarise(
          `move the as-of date to ${d}${replaying ? ' (replay running)' : ''}`,
          Date.now() - a,
          await since(page, s),
        ),
      );
    }
    await page.waitForFunction(() => !document.querySelector('[data-testid=busy]'), null, {
      timeout: 1_800_000,
      polling: 500,
    });
    phases.push(
      summarise(
        'replay the period weekly (from its start, the moves included)',
        Date.now() - r0,
        await since(page, rs),
      ),
    );
    await page.evaluate(() => window.luoshi.commands.execute('luoshi.view.indicators'));
    await page.waitForSelector('[data-view=indicators]:not([hidden]) [data-testid=indicator-chart]', {
      timeout: 60_000,
    });
    mkdirSync(join(ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test-results', `bench-${CASES}-cases.png`) });
  } finally {
    await browser.close();
    await server.running.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const during = phases.slice(1);
  const worst = Math.max(0, ...during.map((p) => p.longestMs));
  console.log(`workbench main thread, ${CASES.toLocaleString('en-US')} cases (long task = main thread busy > 50 ms)`);
  for (const p of phases)
    console.log(
      `  ${p.name.padEnd(52)} ${String(p.ms).padStart(8)} ms   long tasks ${String(p.longTasks).padStart(3)}, longest ${String(p.longestMs).padStart(4)} ms, total ${p.totalLongMs} ms`,
    );
  console.log(
    `time from opening the page to the first evaluated view: ${firstView} ms (page clock), ${firstViewWall} ms (wall)`,
  );
  console.log(
    `longest main-thread task while the million cases were generated, evaluated and replayed: ${worst} ms (aim: none over 50 ms)`,
  );
  if (values.json)
    writeFileSync(values.json, JSON.stringify({ cases: CASES, firstView, firstViewWall, phases }, null, 2));
}

await main();
