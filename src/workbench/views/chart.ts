// An indicator's replayed series drawn by ECharts in the page, from the option the engine builds for every
// face (src/engine/report/chart-option.ts). Only the line chart and the components it uses are loaded, with
// the SVG renderer. The page adds what only a live chart has: a tooltip with values formatted as the
// reports format them, a legend whose choices survive a redraw, and a click that moves the as-of date.
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { IndicatorChart } from '../../engine/report/chart-option.js';
import { formatValue } from '../../engine/report/render-values.js';
import { h } from '../dom.js';

echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export interface ChartHandle {
  /** The chart's element: put it where the chart goes (it is reused from one drawing to the next). */
  readonly el: HTMLElement;
  show(chart: IndicatorChart, dates: readonly string[]): void;
  /** Forget the legend's choices (another indicator is shown). */
  reset(): void;
  dispose(): void;
}

/** A date as ECharts reads 'YYYY-MM-DD' on a time axis: local midnight. */
function localMs(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
}

export function indicatorChart(onPick?: (date: string) => void): ChartHandle {
  const el = h('div.echart', { 'data-testid': 'indicator-chart' });
  let inst: echarts.ECharts | null = null;
  let selected: Record<string, boolean> = {};
  let dates: readonly string[] = [];
  const pick = (x: number, y: number): void => {
    if (!inst || !onPick || dates.length === 0 || !inst.containPixel('grid', [x, y])) return;
    const at = (inst.convertFromPixel('grid', [x, y]) as number[])[0]!;
    let best = dates[0]!;
    for (const d of dates) if (Math.abs(localMs(d) - at) < Math.abs(localMs(best) - at)) best = d;
    onPick(best);
  };
  return {
    el,
    show(chart, ds) {
      dates = ds;
      if (!inst) {
        inst = echarts.init(el, null, { renderer: 'svg', width: chart.width, height: chart.height });
        inst.on('legendselectchanged', (e) => {
          selected = { ...(e as { selected: Record<string, boolean> }).selected };
        });
        inst.getZr().on('click', (e) => pick(e.offsetX, e.offsetY));
      } else if (inst.getWidth() !== chart.width || inst.getHeight() !== chart.height) {
        inst.resize({ width: chart.width, height: chart.height });
      }
      const value = (v: unknown): string => (typeof v === 'number' ? formatValue(v / chart.scale, chart.unit) : '—');
      // The builder's option is plain data shaped for ECharts; ECharts' own option type is far wider.
      const option = {
        ...chart.option,
        legend: { ...chart.option.legend, selected },
        tooltip: { ...chart.option.tooltip, order: 'valueDesc', valueFormatter: value, confine: true },
      } as unknown as echarts.EChartsCoreOption;
      inst.setOption(option, { notMerge: true });
      el.dataset.series = String(chart.option.series.filter((s) => !s.id.startsWith('__markers')).length);
    },
    reset() {
      selected = {};
    },
    dispose() {
      inst?.dispose();
      inst = null;
    },
  };
}
