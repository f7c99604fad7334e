// The timeline: events per day, month or year for a chosen pair (stacked by
// quad class) and their mean Goldstein score.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, DataZoomComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { get } from './api.js';
import { QUAD_NAMES } from './dom.js';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, CanvasRenderer]);

let chart = null;
const QUAD_COLORS = ['#7fc97f', '#1a9850', '#fdae61', '#d73027'];

export async function renderTimeline(container, params) {
  const data = await get('/v1/dyads', { ...params, limit: 1 });
  const periods = data.series.map((s) => s.period);
  const series = QUAD_NAMES.map((name, i) => ({ name, type: 'bar', stack: 'count', color: QUAD_COLORS[i], data: data.series.map((s) => s.quad[i]) }));
  series.push({ name: 'mean Goldstein', type: 'line', yAxisIndex: 1, color: '#2457a6', data: data.series.map((s) => Number(s.goldstein.toFixed(2))) });
  if (!chart) chart = echarts.init(container);
  chart.setOption({
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 50, right: 50, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: periods },
    yAxis: [{ type: 'value', name: 'events', minInterval: 1 }, { type: 'value', name: 'Goldstein', min: -10, max: 10 }],
    dataZoom: [{ type: 'slider', bottom: 10 }],
    series,
  }, true);
  chart.resize();
  return data;
}

export function resizeTimeline() {
  if (chart) chart.resize();
}
