// One indicator's replayed series as an ECharts option: plain data (no functions, no echarts import), built
// once here and drawn by both faces — the harness renders it to SVG on the server for the HTML report, the
// workbench hands it to ECharts in the page. Ratios on a 0–100 % axis unless the data exceed it; courts in a
// palette that tells a dozen apart, the lagging ones thick and labelled and the rest muted; deadline and as-of
// markers whose labels are laid out in rows so that none overlaps another.
import type { ReplayResult } from '../replay/types.js';
import type { Lang } from './diagnostics-format.js';
import { parseIsoDay } from '../time/calendar.js';

/** Twelve colours far apart (CIE76 ΔE ≥ 31 between any two), none near the overall line's black or the threshold's red. */
export const COURT_PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#e377c2',
  '#8c564b',
  '#17becf',
  '#f4c20d',
  '#7f3c8d',
  '#11a579',
  '#e73f74',
  '#00429d',
  '#a5aa99',
] as const;
export const OVERALL_COLOR = '#111111';
export const THRESHOLD_COLOR = '#c62828';
const DEADLINE_COLOR = '#6b7280';
const ASOF_COLOR = '#1565c0';
/** Chinese first: an SVG opened on a machine without the page's fonts still finds a CJK face. */
export const CHART_FONT =
  "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif";

const FONT_SIZE = 12;
const ROW_H = 16;
const LEGEND_ROW_H = 20;

export type ChartReplay = Pick<ReplayResult, 'dates' | 'indicators' | 'targets'>;

export interface IndicatorChartInput {
  replay: ChartReplay;
  indicator: string;
  lang: Lang;
  /** Width of the whole chart in pixels; the height is the plot's, legend and marker rows come on top. */
  width: number;
  height: number;
  /** The as-of date to mark (none when absent or outside the replayed dates). */
  asOf?: string | null;
  /** Courts to highlight; default: those missing or at risk at the last replayed step (see laggingAt). */
  lagging?: readonly string[];
  /** Courts to draw (default: every court of the series). */
  courts?: readonly string[];
}

/** A marker's label: where it sits, so no two overlap (row 0 is just above the plot). */
export interface MarkerLabel {
  date: string;
  text: string;
  kind: 'deadline' | 'asOf';
  x: number;
  left: number;
  right: number;
  row: number;
}

export interface LineSeries {
  type: 'line';
  id: string;
  name: string;
  data: Array<[string, number | null]>;
  color: string;
  z: number;
  showSymbol: boolean;
  symbolSize?: number;
  symbol?: string;
  step?: 'start';
  lineStyle: { width: number; opacity?: number; type?: 'dashed' | 'solid' };
  itemStyle?: { opacity: number };
  /** `offset`: moved up or down so that no two lagging courts' labels overlap (see spreadLabels). */
  endLabel?: { show: boolean; formatter: string; color: string; fontWeight: 'bold'; offset: [number, number] };
  markLine?: {
    symbol: 'none';
    silent: boolean;
    animation: false;
    data: Array<{
      xAxis: string;
      name: string;
      lineStyle: { color: string; type: 'dashed' | 'solid'; width: number };
      label: { formatter: string; position: 'end'; distance: [number, number]; color: string };
    }>;
  };
  emphasis?: { focus: 'series' };
  tooltip?: { show: false };
  /** The lagging court (true), a muted one (false) or not a court (absent). */
  lagging?: boolean;
}

export interface ChartOption {
  animation: false;
  color: string[];
  textStyle: { fontFamily: string; fontSize: number };
  grid: { left: number; right: number; top: number; bottom: number; containLabel: false };
  legend: {
    type: 'plain';
    bottom: number;
    left: 'center';
    data: string[];
    itemWidth: number;
    itemHeight: number;
    itemGap: number;
    textStyle: { fontFamily: string; fontSize: number };
  };
  tooltip: { trigger: 'axis' };
  xAxis: {
    type: 'time';
    min: string;
    max: string;
    axisLabel: { hideOverlap: true; formatter: { year: string; month: string; day: string } };
  };
  yAxis: { type: 'value'; min: number; max: number; axisLabel: { formatter: string } };
  series: LineSeries[];
}

export interface IndicatorChart {
  option: ChartOption;
  width: number;
  /** The height to draw at: the plot's, plus the marker rows above and the legend rows below. */
  height: number;
  /** Values are drawn multiplied by this (100 for %, 1000 for ‰, 1/10,000 for 万元). */
  scale: number;
  unit: string;
  markers: MarkerLabel[];
}

/** Estimated width of a label in pixels: a CJK character is a full em, the rest a little over half. */
export function textWidth(s: string, size = FONT_SIZE): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uffef‰]/.test(ch) ? size : size * 0.6;
  return Math.ceil(w);
}

/** "宁波市北仑区人民法院" → "宁波市北仑区" for the legend, unless that makes two names the same. */
function shortNames(courts: readonly string[]): Map<string, string> {
  const short = courts.map((c) => (c.length > 4 ? c.replace(/人民法院$/, '') : c));
  const unique = new Set(short).size === short.length;
  return new Map(courts.map((c, k) => [c, unique ? short[k]! : c]));
}

/** How values are drawn: ratios as percent/permille, large money in 万元; the axis label's suffix. */
function scaleOf(unit: string, max: number): { scale: number; suffix: string } {
  if (unit === '%') return { scale: 100, suffix: '%' };
  if (unit === '‰') return { scale: 1000, suffix: '‰' };
  if ((unit === '元' || unit === '万元') && max >= 1e5) return { scale: 1e-4, suffix: '万元' };
  return { scale: 1, suffix: unit };
}

const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

/** A round step (1, 2, 2.5 or 5 × 10^k) giving about five intervals over `span`. */
function niceStep(span: number): number {
  const raw = span / 5,
    mag = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 2.5, 5, 10].find((k) => k * mag >= raw) ?? 10) * mag;
}

/**
 * Vertical positions for labels wanted at `ys` (pixels, top down), each `h` tall, inside [top, bottom]: each
 * pushed below the one above it, then the lowest pulled back up over the bottom edge (and those above it as
 * far as needed), then kept under the top. Labels that cannot all fit run past the bottom rather than overlap.
 */
export function spreadLabels(ys: readonly number[], h: number, top: number, bottom: number): number[] {
  const order = ys
    .map((y, k) => [y, k] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([, k]) => k);
  const at = [...ys];
  let prev = -Infinity;
  for (const k of order) {
    at[k] = Math.max(at[k]!, prev + h);
    prev = at[k]!;
  }
  let limit = bottom;
  for (const k of [...order].reverse()) {
    at[k] = Math.min(at[k]!, limit);
    limit = at[k]! - h;
  }
  prev = -Infinity;
  for (const k of order) {
    at[k] = Math.max(at[k]!, top, prev + h);
    prev = at[k]!;
  }
  return at;
}

/** The courts missing or at risk on a court-scoped target of the indicator at the last step on or before `date`. */
export function laggingAt(replay: ChartReplay, indicator: string, date?: string | null): string[] {
  let k = replay.dates.length - 1;
  if (date) while (k > 0 && replay.dates[k]! > date) k--;
  const out = new Set<string>();
  for (const t of replay.targets) {
    if (t.indicator !== indicator || t.scope !== 'court') continue;
    for (const [court, statuses] of Object.entries(t.courts))
      if (statuses[k] === 'missed' || statuses[k] === 'at risk') out.add(court);
  }
  return [...out].sort();
}

/**
 * Labels of vertical markers laid out in rows above the plot: in date order, each goes into the first row
 * where it clears the label before it by a gap, shifted sideways to stay inside the chart. No two overlap.
 */
export function layoutMarkerLabels(
  marks: Array<{ date: string; text: string; kind: MarkerLabel['kind'] }>,
  xOf: (date: string) => number,
  width: number,
  gap = 6,
): MarkerLabel[] {
  const rowsEnd: number[] = [];
  const sorted = [...marks].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : a.kind === 'asOf' ? -1 : b.kind === 'asOf' ? 1 : 0,
  );
  return sorted.map((m) => {
    const x = xOf(m.date),
      w = textWidth(m.text);
    const left = Math.round(Math.max(2, Math.min(width - 2 - w, x - w / 2)));
    let row = rowsEnd.findIndex((end) => end + gap <= left);
    if (row < 0) {
      row = rowsEnd.length;
      rowsEnd.push(0);
    }
    rowsEnd[row] = left + w;
    return { ...m, x, left, right: left + w, row };
  });
}

/** Rows a plain legend of these names takes at this width. */
function legendRows(names: readonly string[], width: number, itemWidth: number, itemGap: number): number {
  let rows = 1,
    used = 0;
  const avail = width - 20;
  for (const n of names) {
    const w = itemWidth + 5 + textWidth(n) + itemGap;
    if (used > 0 && used + w > avail) {
      rows++;
      used = 0;
    }
    used += w;
  }
  return rows;
}

export function indicatorChartOption(input: IndicatorChartInput): IndicatorChart {
  const { replay, lang, width } = input;
  const zh = lang === 'zh';
  const ind = replay.indicators.find((i) => i.name === input.indicator);
  if (!ind) throw new Error(`no series for indicator ${input.indicator}`);
  const dates = replay.dates;
  const courts = (input.courts ?? Object.keys(ind.courts))
    .filter((c) => ind.courts[c] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const targets = replay.targets.filter((t) => t.indicator === ind.name);
  // Only overall and per-court targets are drawn against these lines; team and handler targets are not court figures.
  const lines = targets.filter((t) => t.scope === 'overall' || t.scope === 'court');
  let max = 0;
  for (const s of [ind.overall, ...courts.map((c) => ind.courts[c]!)])
    for (const v of s.values) if (v !== null && v > max) max = v;
  for (const t of lines) for (const v of t.thresholds) if (v > max) max = v;
  const { scale, suffix } = scaleOf(ind.unit, max);
  let min = 0;
  for (const s of [ind.overall, ...courts.map((c) => ind.courts[c]!)])
    for (const v of s.values) if (v !== null && v < min) min = v;
  // The value axis: from 0 (or a round number below a negative value) to 100 % for a ratio that stays inside
  // it, else to a round number at or above the largest value.
  const top = max * scale,
    bottom = min * scale;
  const stepV = niceStep(Math.max(top - bottom, 1e-9));
  const lo = bottom < 0 ? Math.floor(bottom / stepV) * stepV : 0;
  const hi = ind.unit === '%' && top <= 100 ? 100 : Math.max(lo + stepV, round6(Math.ceil(top / stepV) * stepV));
  const pts = (values: ReadonlyArray<number | null>): Array<[string, number | null]> =>
    dates.map((d, k) => [d, values[k] === null || values[k] === undefined ? null : round6(values[k]! * scale)]);

  const lagging = new Set(input.lagging ?? laggingAt(replay, ind.name));
  const anyLagging = courts.some((c) => lagging.has(c));
  const names = shortNames(courts);
  const dense = dates.length > 40;
  const series: LineSeries[] = courts.map((court, k) => {
    const lag = lagging.has(court);
    const color = COURT_PALETTE[k % COURT_PALETTE.length]!;
    const s: LineSeries = {
      type: 'line',
      id: court,
      name: names.get(court)!,
      data: pts(ind.courts[court]!.values),
      color,
      z: lag ? 3 : 1,
      showSymbol: !dense && lag,
      symbolSize: 4,
      emphasis: { focus: 'series' },
      lineStyle: lag ? { width: 2.5 } : anyLagging ? { width: 1.2, opacity: 0.35 } : { width: 1.5 },
    };
    if (anyLagging && !lag) s.itemStyle = { opacity: 0.35 };
    if (lag) s.endLabel = { show: true, formatter: '{a}', color, fontWeight: 'bold', offset: [0, 0] };
    if (anyLagging) s.lagging = lag;
    return s;
  });
  const overallName = zh ? '整体' : 'Overall';
  series.push({
    type: 'line',
    id: '__overall',
    name: overallName,
    data: pts(ind.overall.values),
    color: OVERALL_COLOR,
    z: 4,
    showSymbol: !dense,
    symbolSize: 4,
    lineStyle: { width: 3 },
  });
  for (const t of lines) {
    series.push({
      type: 'line',
      id: `__target:${t.id}`,
      name: `${zh ? '要求' : 'Target'} ${t.id}`,
      data: pts(t.thresholds),
      color: THRESHOLD_COLOR,
      z: 2,
      showSymbol: false,
      symbol: 'none',
      step: 'start',
      lineStyle: { width: 1.5, type: 'dashed' },
    });
  }

  // Markers: each deadline once, and the as-of date, within the replayed dates.
  const first = dates[0] ?? '',
    last = dates[dates.length - 1] ?? '';
  const inRange = (d: string): boolean => d >= first && d <= last;
  const deadlines = [...new Set(targets.flatMap((t) => t.deadlines))].filter(inRange).sort();
  const marks: Array<{ date: string; text: string; kind: MarkerLabel['kind'] }> = deadlines.map((d) => ({
    date: d,
    text: `${zh ? '期限' : 'Deadline'} ${d.slice(5)}`,
    kind: 'deadline',
  }));
  if (input.asOf && inRange(input.asOf))
    marks.push({ date: input.asOf, text: `${zh ? '截至' : 'As of'} ${input.asOf}`, kind: 'asOf' });

  const endLabelRoom = Math.min(
    140,
    Math.max(0, ...series.filter((s) => s.endLabel).map((s) => textWidth(s.name) + 12)),
  );
  const grid = { left: 64, right: Math.max(24, endLabelRoom), top: 0, bottom: 0, containLabel: false as const };
  const d0 = parseIsoDay(first) ?? 0,
    span = Math.max(1, (parseIsoDay(last) ?? 0) - d0);
  const plotW = width - grid.left - grid.right;
  const xOf = (d: string): number => grid.left + (((parseIsoDay(d) ?? d0) - d0) / span) * plotW;
  const markers = layoutMarkerLabels(marks, xOf, width);
  const markRows = markers.length ? Math.max(...markers.map((m) => m.row)) + 1 : 0;
  grid.top = 14 + markRows * ROW_H;
  series.push({
    type: 'line',
    id: '__markers',
    name: '__markers',
    data: dates.map((d) => [d, null] as [string, null]),
    color: DEADLINE_COLOR,
    z: 5,
    showSymbol: false,
    lineStyle: { width: 0 },
    // It only carries the markers: no line, no legend entry, no tooltip row.
    tooltip: { show: false },
    markLine: {
      symbol: 'none',
      silent: true,
      animation: false,
      data: markers.map((m) => {
        const color = m.kind === 'asOf' ? ASOF_COLOR : DEADLINE_COLOR;
        return {
          xAxis: m.date,
          name: m.text,
          lineStyle: {
            color,
            type: m.kind === 'asOf' ? ('solid' as const) : ('dashed' as const),
            width: m.kind === 'asOf' ? 1.5 : 1,
          },
          // Position 'end' centres the label over the line's top; shift it sideways and up into its row.
          label: {
            formatter: m.text,
            position: 'end' as const,
            distance: [Math.round(m.left + (m.right - m.left) / 2 - m.x), 4 + m.row * ROW_H] as [number, number],
            color,
          },
        };
      }),
    },
  });

  const legendNames = series.filter((s) => s.id !== '__markers').map((s) => s.name);
  const itemWidth = 18,
    itemGap = 10;
  const rows = legendRows(legendNames, width, itemWidth, itemGap);
  grid.bottom = 30 + rows * LEGEND_ROW_H;
  const yAxis: ChartOption['yAxis'] = { type: 'value', min: lo, max: hi, axisLabel: { formatter: `{value}${suffix}` } };
  // Each lagging court's label at its line's end, moved apart so that none covers another.
  const yOf = (v: number): number => grid.top + input.height * (1 - (v - lo) / (hi - lo));
  const labelled = series.filter((s) => s.endLabel);
  const ends = labelled.map((s) => {
    const last = [...s.data].reverse().find((p) => p[1] !== null);
    return last ? yOf(last[1]!) : grid.top + input.height;
  });
  spreadLabels(ends, ROW_H, grid.top, grid.top + input.height).forEach((y, k) => {
    labelled[k]!.endLabel!.offset = [0, y - ends[k]!];
  });
  const option: ChartOption = {
    animation: false,
    color: [...COURT_PALETTE],
    textStyle: { fontFamily: CHART_FONT, fontSize: FONT_SIZE },
    grid,
    legend: {
      type: 'plain',
      bottom: 4,
      left: 'center',
      data: legendNames,
      itemWidth,
      itemHeight: 8,
      itemGap,
      textStyle: { fontFamily: CHART_FONT, fontSize: FONT_SIZE },
    },
    tooltip: { trigger: 'axis' },
    xAxis: {
      type: 'time',
      min: first,
      max: last,
      axisLabel: { hideOverlap: true, formatter: { year: '{yyyy}', month: '{yyyy}-{MM}', day: '{MM}-{dd}' } },
    },
    yAxis,
    series,
  };
  return { option, width, height: input.height + grid.top + grid.bottom, scale, unit: ind.unit, markers };
}
