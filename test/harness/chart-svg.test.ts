// The HTML report's charts: the option of src/engine/report/chart-option.ts drawn by ECharts on the server
// as SVG markup — every court's line in its colour, the legend, the markers, a CJK font — and no script.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chartSvg } from '../../src/harness/chart-svg.js';
import { indicatorChartOption } from '../../src/engine/report/chart-option.js';
import { COURTS, replayOf } from '../report/chart-fixture.js';

const ROOT = join(import.meta.dirname, '..', '..');

describe('charts drawn on the server', () => {
  it('an SVG with every series, the legend and the markers', () => {
    const chart = indicatorChartOption({
      replay: replayOf(),
      indicator: '结案率',
      lang: 'zh',
      width: 760,
      height: 240,
      asOf: '2018-06-30',
    });
    const svg = chartSvg(chart);
    expect(svg.startsWith(`<svg width="760" height="${chart.height}"`)).toBe(true);
    expect(svg).not.toMatch(/<script/i);
    for (const s of chart.option.series.filter((x) => !x.id.startsWith('__'))) {
      // The line, in its colour and width (lagging courts thick, the rest muted)…
      const line = new RegExp(
        `<path d="M[^"]+" fill="none"[^>]* stroke="${s.color}" stroke-width="${s.lineStyle.width}"[^>]*${s.lineStyle.opacity ? ` stroke-opacity="${s.lineStyle.opacity}"` : ''}`,
      );
      expect([s.id, line.test(svg)]).toEqual([s.id, true]);
      // …and its name in the legend.
      expect(svg).toContain(`>${s.name}</text>`);
    }
    expect(svg).toContain('>整体</text>');
    expect(svg).toContain('>要求 结案达标</text>');
    for (const label of ['截至 2018-06-30', '期限 06-30', '期限 07-02', '期限 12-31'])
      expect(svg).toContain(`>${label}</text>`);
    expect(svg).toContain('>100%</text>');
    expect(svg).not.toContain('>120%</text>');
    expect(svg).toMatch(/font-family:'Noto Sans CJK SC'/);
    expect(COURTS).toHaveLength(12);
  });

  it('the replay HTML report: a chart per indicator with data, script-free', () => {
    const args = [
      'replay',
      'policies/ningbo-2018.plan',
      '--data',
      'examples/data/ningbo-2018.ndjson',
      '--from',
      '2018-06-30',
      '--to',
      '2018-12-31',
      '--step',
      'month',
      '--workers',
      '1',
    ];
    const json = spawnSync('node', ['bin/luoshi.js', ...args, '--format', 'json'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    const html = spawnSync('node', ['bin/luoshi.js', ...args, '--format', 'html', '--lang', 'en'], {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    });
    // Targets missed at 12-31: exit 1, the report written all the same.
    expect([json.status, html.status]).toEqual([1, 1]);
    const replay = JSON.parse(json.stdout) as {
      indicators: Array<{ name: string; overall: { values: Array<number | null> } }>;
    };
    const charted = replay.indicators.filter((i) => i.overall.values.some((v) => v !== null));
    expect(charted.length).toBeGreaterThan(3);
    expect(html.stdout).not.toMatch(/<script/i);
    const sections = html.stdout.split('<section>').slice(1);
    expect(sections.map((s) => s.match(/<h3>([^<]+)/)![1]!.trim())).toEqual(charted.map((i) => i.name));
    for (const s of sections) {
      expect(s).toMatch(/<svg width="760" height="\d+"/);
      expect(s).toContain('>Overall</text>');
    }
    // 结案率 (a ratio) on 0–100 %, its court-scoped target drawn and its deadline marked.
    const closing = sections.find((s) => s.startsWith('<h3>结案率'))!;
    expect(closing).toContain('>100%</text>');
    expect(closing).toContain('>Target 执结率达标</text>');
    expect(closing).toContain('>Deadline 12-31</text>');
  }, 120_000);
});
