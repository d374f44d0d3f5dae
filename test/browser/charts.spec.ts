// The indicator chart (ECharts in the page) draws the series of the CLI's replay JSON, where the engine's
// option builder puts them; playing by 月 stops at month ends and at every deadline (06-30 among them).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, evaluated, PLAN, ROOT, showView } from './fixtures.js';
import { indicatorChartOption } from '../../src/engine/report/chart-option.js';
import { playStops, reportDeadlines } from '../../src/engine/replay/play-stops.js';
import type { ReplayResult } from '../../src/engine/replay/types.js';

interface ChartWindow {
  luoshi: {
    workbench: {
      store: {
        s: {
          range: { from: string; to: string } | null;
          step: string;
          busy: Record<string, unknown>;
          replay: { step: string; dates: string[] } | null;
          playing: boolean;
        };
      };
    };
  };
}
interface ChartDocument {
  body: { dataset: Record<string, string | undefined>; setAttribute(k: string, v: string): void };
  querySelector(sel: string): { getAttribute(k: string): string | null } | null;
  querySelectorAll(sel: string): ArrayLike<{ getAttribute(k: string): string | null; textContent: string | null }>;
}
declare const window: ChartWindow;
declare const document: ChartDocument;
declare const MutationObserver: new (
  f: () => void,
) => { observe(t: unknown, o: { attributes: boolean; attributeFilter: string[] }): void };

const INDICATOR = '结案率';

/** `luoshi replay PLAN --format json` over the plan's configured data, in the served folder. */
function cliReplay(folder: string, from: string, to: string, step: string): Promise<ReplayResult> {
  const args = [
    join(ROOT, 'bin', 'luoshi.js'),
    'replay',
    PLAN,
    '--data',
    'data/ningbo-2018.ndjson',
    '--progress',
    'data/progress-ningbo-2018.ndjson',
    '--staffing',
    'data/staffing-2018.ndjson',
    '--from',
    from,
    '--to',
    to,
    '--step',
    step,
    '--format',
    'json',
  ];
  return new Promise((ok, fail) => {
    execFile(process.execPath, args, { cwd: folder, maxBuffer: 1 << 28 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 2) : 0;
      if (code > 1) fail(new Error(`luoshi replay exited ${code}: ${stderr}`));
      else ok(JSON.parse(stdout) as ReplayResult);
    });
  });
}

/** Chooses the 月 step and waits for the page's replay by month. */
async function byMonth(page: Page): Promise<void> {
  await page.selectOption('.asof-step', 'month');
  await page.waitForFunction(
    () => window.luoshi.workbench.store.s.replay?.step === 'month' && !window.luoshi.workbench.store.s.busy.replay,
    null,
    { timeout: 60_000 },
  );
}

test("the indicator chart draws every court's series of the replay JSON", async ({ workbench: page, server }) => {
  await byMonth(page);
  await evaluated(page);
  const { range, asOf } = await page.evaluate(() => ({
    range: window.luoshi.workbench.store.s.range!,
    asOf: document.body.dataset.evaluatedAsOf!,
  }));
  const [replay, report] = await Promise.all([
    cliReplay(server.folder, range.from, range.to, 'month'),
    server.report(PLAN, { asOf }),
  ]);
  await showView(page, 'indicators');
  await page.click(`[data-indicator=${INDICATOR}]`);
  const svg = page.locator('[data-testid=indicator-chart] svg');
  await expect(svg).toBeVisible();
  const width = Number(await svg.getAttribute('width'));
  const ind = report.indicators.find((i) => i.name === INDICATOR)!;
  const lagging = report.targets
    .filter((t) => t.indicator === INDICATOR && t.scope === 'court')
    .flatMap((t) => t.lagging);
  expect(lagging.length).toBeGreaterThan(0);
  const chart = indicatorChartOption({
    replay,
    indicator: INDICATOR,
    lang: 'zh',
    width,
    height: 220,
    asOf,
    lagging,
    courts: Object.keys(ind.courts),
  });
  expect(Number(await svg.getAttribute('height'))).toBe(chart.height);
  // Every line drawn: a path in the series' colour and width whose points are the replay's values.
  const paths = await page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid=indicator-chart] svg path')).map((p) => ({
      d: p.getAttribute('d') ?? '',
      stroke: p.getAttribute('stroke'),
      width: p.getAttribute('stroke-width'),
      fill: p.getAttribute('fill'),
    })),
  );
  const { grid } = chart.option;
  const plotH = chart.height - grid.top - grid.bottom,
    plotW = width - grid.left - grid.right;
  const t0 = Date.parse(replay.dates[0]!),
    t1 = Date.parse(replay.dates[replay.dates.length - 1]!);
  const lines = chart.option.series.filter((s) => !s.id.startsWith('__markers') && !s.id.startsWith('__target'));
  expect(lines).toHaveLength(Object.keys(ind.courts).length + 1);
  for (const s of lines) {
    const drawn = paths
      .filter((p) => p.fill === 'none' && p.stroke === s.color && p.width === String(s.lineStyle.width))
      .sort((a, b) => b.d.length - a.d.length)[0];
    expect(drawn, `the line of ${s.id}`).toBeDefined();
    const pts = [...drawn!.d.matchAll(/[ML]\s*(-?[\d.]+)[ ,]\s*(-?[\d.]+)/g)].map(
      (m) => [Number(m[1]), Number(m[2])] as const,
    );
    const values =
      s.id === '__overall'
        ? replay.indicators.find((i) => i.name === INDICATOR)!.overall.values
        : replay.indicators.find((i) => i.name === INDICATOR)!.courts[s.id]!.values;
    const expected = replay.dates
      .map((d, k) => [d, values[k]] as const)
      .filter(([, v]) => v !== null)
      .map(([d, v]) => [
        grid.left + ((Date.parse(d) - t0) / (t1 - t0)) * plotW,
        grid.top + plotH * (1 - (v! * 100) / 100),
      ]);
    expect(pts.length, s.id).toBe(expected.length);
    pts.forEach((p, k) => {
      expect(Math.abs(p[0] - expected[k]![0]!), `${s.id} x at ${k}`).toBeLessThan(1.5);
      expect(Math.abs(p[1] - expected[k]![1]!), `${s.id} y at ${k}`).toBeLessThan(1.5);
    });
  }
  // The legend names every court, overall and the target line; the axis runs to 100 %; the as-of date is marked.
  const texts = await page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid=indicator-chart] svg text')).map((t) => t.textContent ?? ''),
  );
  for (const name of chart.option.legend.data) expect(texts).toContain(name);
  expect(texts).toContain('100%');
  expect(texts).toContain(`截至 ${asOf}`);
  // The lagging courts are labelled at their line's end.
  for (const c of lagging)
    expect(texts.filter((t) => t === chart.option.series.find((s) => s.id === c)!.name).length).toBe(2);
});

test('playing by month stops at each month end and at every deadline, 06-30 among them', async ({
  workbench: page,
  server,
}) => {
  await byMonth(page);
  await page.fill('[data-testid=asof-date]', '2018-04-30');
  await page.dispatchEvent('[data-testid=asof-date]', 'change');
  await evaluated(page, '2018-04-30');
  // Every date the page evaluates, in order.
  await page.evaluate(() => {
    const seen: string[] = [];
    new MutationObserver(() => {
      const d = document.body.dataset.evaluatedAsOf;
      if (d && seen[seen.length - 1] !== d) seen.push(d);
      document.body.setAttribute('data-seen', seen.join(' '));
    }).observe(document.body, { attributes: true, attributeFilter: ['data-evaluated-as-of'] });
  });
  await page.click('[data-testid=play]');
  await page.waitForFunction(() => (document.body.dataset.seen ?? '').includes('2018-08-31'), null, {
    timeout: 60_000,
  });
  await page.click('[data-testid=play]');
  await evaluated(page);
  const seen = (await page.evaluate(() => document.body.dataset.seen ?? ''))
    .split(' ')
    .filter((d) => d <= '2018-08-31');
  const range = await page.evaluate(() => window.luoshi.workbench.store.s.range!);
  const [report, replay] = await Promise.all([
    server.report(PLAN, { asOf: '2018-12-31' }),
    cliReplay(server.folder, range.from, range.to, 'month'),
  ]);
  const stops = playStops(range.from, range.to, 'month', [
    ...reportDeadlines(report),
    ...replay.targets.flatMap((t) => t.deadlines),
  ]).filter((d) => d > '2018-04-30' && d <= '2018-08-31');
  expect(seen).toEqual(stops);
  // The month ends, and the deadlines between them (milestones due 05-20, 05-30, 07-20 in this plan).
  for (const d of ['2018-05-31', '2018-06-30', '2018-07-31', '2018-08-31']) expect(seen).toContain(d);
  expect(
    seen
      .filter((d) => !['2018-05-31', '2018-06-30', '2018-07-31', '2018-08-31'].includes(d))
      .every((d) => reportDeadlines(report).includes(d)),
  ).toBe(true);
});
