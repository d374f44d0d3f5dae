// A chart option (src/engine/report/chart-option.ts) drawn as SVG on the server with ECharts' server-side
// rendering: the HTML report embeds the markup and stays script-free. Only the line chart and the
// components the option uses are registered.
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { IndicatorChart } from '../engine/report/chart-option.js';
import { indicatorChartOption, type ChartReplay } from '../engine/report/chart-option.js';
import type { Lang } from '../engine/report/diagnostics-format.js';

echarts.use([LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export function chartSvg(chart: IndicatorChart): string {
  const c = echarts.init(null, null, { renderer: 'svg', ssr: true, width: chart.width, height: chart.height });
  try {
    // The option is plain data shaped for ECharts; its own option type is far wider than ours.
    c.setOption(chart.option as unknown as echarts.EChartsCoreOption);
    return c.renderToSVGString();
  } finally {
    c.dispose();
  }
}

/** Every indicator with data, charted at the report's width: indicator name → SVG. */
export function replayChartsSvg(replay: ChartReplay, lang: Lang, width = 760, height = 240): Record<string, string> {
  const out: Record<string, string> = {};
  for (const ind of replay.indicators) {
    if (!ind.overall.values.some((v) => v !== null)) continue;
    out[ind.name] = chartSvg(indicatorChartOption({ replay, indicator: ind.name, lang, width, height }));
  }
  return out;
}
