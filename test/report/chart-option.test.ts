// The chart option both faces draw (src/engine/report/chart-option.ts): ratios on 0–100 % unless the data
// exceed it, lagging courts highlighted and the rest muted, marker labels that never overlap, twelve courts
// in twelve distinguishable colours, and the series' values those of the replay.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  COURT_PALETTE,
  indicatorChartOption,
  laggingAt,
  layoutMarkerLabels,
  spreadLabels,
  OVERALL_COLOR,
  textWidth,
  THRESHOLD_COLOR,
  type LineSeries,
  type MarkerLabel,
} from '../../src/engine/report/chart-option.js';
import { COURTS, DATES, replayOf } from './chart-fixture.js';

const courtSeries = (s: LineSeries[]): LineSeries[] => s.filter((x) => !x.id.startsWith('__'));

/** CIE L*a*b* of an sRGB colour (D65), for the ΔE between two colours. */
function lab(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047),
    y = f(r * 0.2126 + g * 0.7152 + b * 0.0722),
    z = f((r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}
const deltaE = (a: string, b: string): number => {
  const p = lab(a),
    q = lab(b);
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
};

function overlap(a: MarkerLabel, b: MarkerLabel): boolean {
  return a.row === b.row && a.left < b.right && b.left < a.right;
}

describe('indicator chart option', () => {
  it("a ratio runs on 0–100 % when the data stay inside it, and the values are the replay's in percent", () => {
    const { option, scale } = indicatorChartOption({
      replay: replayOf(),
      indicator: '结案率',
      lang: 'zh',
      width: 760,
      height: 240,
    });
    expect(scale).toBe(100);
    expect([option.yAxis.min, option.yAxis.max, option.yAxis.axisLabel.formatter]).toEqual([0, 100, '{value}%']);
    const north = option.series.find((s) => s.id === '宁波市北仑区人民法院')!;
    expect(north.name).toBe('宁波市北仑区');
    expect(north.data[11]).toEqual(['2018-12-31', 85.5]);
    expect(north.data[5]).toEqual(['2018-06-30', 42.75]);
    // A step without a value stays a gap, not a zero.
    expect(option.series.find((s) => s.id === '宁波市海曙区人民法院')!.data[0]).toEqual(['2018-01-31', null]);
  });

  it('the axis goes past 100 % only when a value does', () => {
    const { option } = indicatorChartOption({
      replay: replayOf({ top: 1.25 }),
      indicator: '结案率',
      lang: 'zh',
      width: 760,
      height: 240,
    });
    expect([option.yAxis.min, option.yAxis.max]).toEqual([0, 125]);
    expect(Math.max(...option.series.flatMap((s) => s.data.map((p) => p[1] ?? 0)))).toBe(125);
  });

  it('permille is drawn in ‰ from 0; large money in 万元', () => {
    const permille = replayOf({ unit: '‰', top: 0.002 });
    permille.targets = [];
    expect(
      indicatorChartOption({ replay: permille, indicator: '结案率', lang: 'zh', width: 760, height: 240 }).option.yAxis,
    ).toEqual({ type: 'value', min: 0, max: 2, axisLabel: { formatter: '{value}‰' } });
    const cash = replayOf({ unit: '元', top: 3_891_208_795 });
    cash.targets = [];
    const money = indicatorChartOption({ replay: cash, indicator: '结案率', lang: 'zh', width: 760, height: 240 });
    // 389,120.8795 万元 at most: a round 400,000 on top.
    expect([
      money.scale,
      money.option.yAxis.axisLabel.formatter,
      money.option.yAxis.min,
      money.option.yAxis.max,
    ]).toEqual([1e-4, '{value}万元', 0, 400_000]);
  });

  it('lagging courts are thick and labelled, the others muted; overall is the bold black line', () => {
    const replay = replayOf();
    expect(laggingAt(replay, '结案率')).toEqual(
      ['宁波市中级人民法院', '宁波市北仑区人民法院', '宁波市奉化区人民法院', '余姚市人民法院'].sort(),
    );
    // Before the end every court is on track: nobody lags.
    expect(laggingAt(replay, '结案率', '2018-11-30')).toEqual([]);
    const { option } = indicatorChartOption({ replay, indicator: '结案率', lang: 'zh', width: 760, height: 240 });
    const courts = courtSeries(option.series);
    const lag = courts.filter((s) => s.lagging === true),
      rest = courts.filter((s) => s.lagging === false);
    expect(lag.map((s) => s.id).sort()).toEqual(laggingAt(replay, '结案率'));
    expect(rest).toHaveLength(8);
    for (const s of lag) {
      expect(s.lineStyle.width).toBe(2.5);
      expect(s.endLabel).toMatchObject({ show: true, formatter: '{a}', color: s.color, fontWeight: 'bold' });
      expect(s.z).toBeGreaterThan(rest[0]!.z);
    }
    for (const s of rest) {
      expect(s.lineStyle).toEqual({ width: 1.2, opacity: 0.35 });
      expect(s.endLabel).toBeUndefined();
    }
    const overall = option.series.find((s) => s.id === '__overall')!;
    expect([overall.name, overall.color, overall.lineStyle.width]).toEqual(['整体', OVERALL_COLOR, 3]);
    // When no court lags, none is muted.
    const calm = indicatorChartOption({
      replay,
      indicator: '结案率',
      lang: 'en',
      width: 760,
      height: 240,
      asOf: '2018-11-30',
      lagging: laggingAt(replay, '结案率', '2018-11-30'),
    });
    expect(courtSeries(calm.option.series).map((s) => s.lineStyle)).toEqual(COURTS.map(() => ({ width: 1.5 })));
  });

  it("the lagging courts' end labels are moved apart, never overlapping, inside the plot", () => {
    const chart = indicatorChartOption({
      replay: replayOf(),
      indicator: '结案率',
      lang: 'zh',
      width: 760,
      height: 240,
    });
    const { grid } = chart.option;
    const labelled = chart.option.series.filter((s) => s.endLabel);
    // Where each label sits: its line's last value, plus the offset.
    const ys = labelled
      .map((s) => grid.top + 240 * (1 - s.data[s.data.length - 1]![1]! / 100) + s.endLabel!.offset[1])
      .sort((a, b) => a - b);
    expect(ys).toHaveLength(4);
    for (let k = 1; k < ys.length; k++) expect(ys[k]! - ys[k - 1]!).toBeGreaterThanOrEqual(16 - 1e-9);
    // The four ends lie 4.75 points apart (≈ 11 px): some had to move.
    expect(labelled.some((s) => s.endLabel!.offset[1] !== 0)).toBe(true);
    expect(spreadLabels([100, 100, 100], 16, 0, 500)).toEqual([100, 116, 132]);
    expect(spreadLabels([495, 498, 10], 16, 0, 500)).toEqual([484, 500, 10]);
    expect(spreadLabels([5, 2, 1], 16, 0, 20)).toEqual([32, 16, 0]);
  });

  it('twelve courts get twelve colours at least ΔE 25 apart, none close to the overall or threshold line', () => {
    const { option } = indicatorChartOption({
      replay: replayOf(),
      indicator: '结案率',
      lang: 'zh',
      width: 760,
      height: 240,
    });
    const colors = courtSeries(option.series).map((s) => s.color);
    expect(new Set(colors).size).toBe(12);
    let min = Infinity;
    for (let i = 0; i < colors.length; i++)
      for (let j = i + 1; j < colors.length; j++) min = Math.min(min, deltaE(colors[i]!, colors[j]!));
    expect(min).toBeGreaterThanOrEqual(25);
    for (const c of COURT_PALETTE) {
      expect(deltaE(c, OVERALL_COLOR)).toBeGreaterThan(25);
      expect(deltaE(c, THRESHOLD_COLOR)).toBeGreaterThan(25);
    }
    // The legend names every series but the markers' carrier.
    expect(option.legend.data).toEqual([...courtSeries(option.series).map((s) => s.name), '整体', '要求 结案达标']);
  });

  it('only overall and per-court thresholds are drawn, as a step line of the stage in force', () => {
    const { option } = indicatorChartOption({
      replay: replayOf(),
      indicator: '结案率',
      lang: 'en',
      width: 760,
      height: 240,
    });
    const th = option.series.filter((s) => s.id.startsWith('__target:'));
    expect(th.map((s) => [s.name, s.step, s.lineStyle.type, s.color])).toEqual([
      ['Target 结案达标', 'start', 'dashed', THRESHOLD_COLOR],
    ]);
    expect(th[0]!.data.map((p) => p[1])).toEqual(DATES.map((d) => (d <= '2018-06-30' ? 60 : 90)));
  });

  it('deadlines once each and the as-of date are marked; labels on the same day sit in different rows', () => {
    const chart = indicatorChartOption({
      replay: replayOf(),
      indicator: '结案率',
      lang: 'zh',
      width: 760,
      height: 240,
      asOf: '2018-06-30',
    });
    const marks = chart.option.series.find((s) => s.id === '__markers')!.markLine!.data;
    expect(marks.map((m) => [m.xAxis, m.label.formatter])).toEqual([
      ['2018-06-30', '截至 2018-06-30'],
      ['2018-06-30', '期限 06-30'],
      ['2018-07-02', '期限 07-02'],
      ['2018-12-31', '期限 12-31'],
    ]);
    const positions = marks.map((m) => JSON.stringify(m.label.distance));
    expect(new Set(positions.slice(0, 3)).size).toBe(3);
    for (let i = 0; i < chart.markers.length; i++)
      for (let j = i + 1; j < chart.markers.length; j++)
        expect(overlap(chart.markers[i]!, chart.markers[j]!)).toBe(false);
    // The plot moves down by the rows the labels take.
    const rows = Math.max(...chart.markers.map((m) => m.row)) + 1;
    expect(rows).toBe(3);
    expect(chart.option.grid.top).toBe(14 + rows * 16);
    // A label at the right edge (no end labels to make room for) is pulled inside the chart.
    const calm = indicatorChartOption({
      replay: replayOf(),
      indicator: '结案率',
      lang: 'zh',
      width: 760,
      height: 240,
      lagging: [],
    });
    const last = calm.markers.find((m) => m.date === '2018-12-31')!;
    expect([last.x, last.right]).toEqual([736, 758]);
    expect(calm.option.series.find((s) => s.id === '__markers')!.markLine!.data[2]!.label.distance[0]).toBe(-12);
  });

  it('the as-of date outside the replayed dates is not marked', () => {
    const { markers } = indicatorChartOption({
      replay: replayOf(),
      indicator: '结案率',
      lang: 'zh',
      width: 760,
      height: 240,
      asOf: '2019-01-05',
    });
    expect(markers.map((m) => m.kind)).toEqual(['deadline', 'deadline', 'deadline']);
  });

  it('marker labels never overlap and stay inside the chart, whatever the dates (property)', () => {
    const day = fc
      .integer({ min: 0, max: 364 })
      .map((d) => new Date(Date.UTC(2018, 0, 1 + d)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(
        fc.array(fc.record({ date: day, long: fc.boolean(), asOf: fc.boolean() }), { maxLength: 12 }),
        fc.integer({ min: 300, max: 1400 }),
        (raw, width) => {
          const marks = raw.map((m) => ({
            date: m.date,
            kind: m.asOf ? ('asOf' as const) : ('deadline' as const),
            text: m.long ? `截至 ${m.date}` : `期限 ${m.date.slice(5)}`,
          }));
          const x0 = Date.UTC(2018, 0, 1);
          const laid = layoutMarkerLabels(
            marks,
            (d) => 64 + ((Date.parse(d) - x0) / (364 * 864e5)) * (width - 88),
            width,
          );
          expect(laid).toHaveLength(marks.length);
          for (const m of laid) {
            expect(m.left).toBeGreaterThanOrEqual(2);
            expect(m.right).toBeLessThanOrEqual(width - 2);
            expect(m.right - m.left).toBe(textWidth(m.text));
          }
          for (let i = 0; i < laid.length; i++)
            for (let j = i + 1; j < laid.length; j++) expect(overlap(laid[i]!, laid[j]!)).toBe(false);
        },
      ),
    );
  });
});
