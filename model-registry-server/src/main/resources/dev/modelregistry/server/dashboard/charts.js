// Charts with uPlot (served from its WebJar by this server). Each chart fills its container's width and follows
// window resizes; live charts keep a bounded window of points.
import uPlot from './uplot.js';
import {num, time} from './format.js';

export const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2'];
const charts = new Set();
let resizeScheduled = false;

window.addEventListener('resize', () => {
  if (resizeScheduled) return;
  resizeScheduled = true;
  requestAnimationFrame(() => {
    resizeScheduled = false;
    for (const c of charts) {
      if (!c.root.isConnected) charts.delete(c);
      else c.setSize({width: width(c.root.parentElement), height: c.height});
    }
  });
});

function width(container) {
  return Math.max(240, container.clientWidth || 300);
}

/**
 * A line chart in `container`. series: [{label, color?, dash?, value?: formatter}], xTime: whether x is unix
 * seconds (else a plain number). data: [xs, ys1, ys2, ...].
 */
export function lineChart(container, {title, series, data, xTime = true, xLabel, yLabel, yValue, height = 200, yRange}) {
  const opts = {
    title,
    width: width(container),
    height,
    scales: {x: {time: xTime}, y: yRange ? {range: yRange} : {}},
    axes: [
      // Live charts hold points a second apart: ticks every few seconds, as clock times (uPlot's default would
      // tick in milliseconds).
      xTime ? {stroke: '#475569', grid: {stroke: '#e2e8f0'}, space: 70, incrs: [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600],
        values: (u, splits) => splits.map(s => time(new Date(s * 1000)))}
        : {label: xLabel, stroke: '#475569', grid: {stroke: '#e2e8f0'}},
      {label: yLabel, stroke: '#475569', grid: {stroke: '#e2e8f0'}, size: 60, values: (u, splits) => splits.map(v => yValue ? yValue(v) : num(v, 3))},
    ],
    legend: {live: true},
    series: [{label: xTime ? 'time' : (xLabel || 'x'), value: xTime ? (u, v) => v === null ? '—' : time(new Date(v * 1000)) : undefined},
      ...series.map((s, i) => ({
      label: s.label,
      stroke: s.color || PALETTE[i % PALETTE.length],
      width: 2,
      dash: s.dash,
      // Unless a series says, uPlot's own rule: dots while points are sparse (a live chart's first snapshots, a
      // burst seen by one snapshot), a plain line once they are dense. A line needs two points to show at all.
      points: s.points === undefined ? {} : {show: s.points},
      paths: s.points === 'only' ? () => null : undefined,
      value: s.value ? (u, v) => v === null || v === undefined ? '—' : s.value(v) : undefined,
      spanGaps: true,
    }))],
  };
  const chart = new uPlot(opts, data, container);
  chart.height = height;
  charts.add(chart);
  return chart;
}

/** A live chart: push(x, [y...]) appends a point and drops the oldest past `keep`. */
export function liveChart(container, options, keep = 120) {
  const columns = [[], ...options.series.map(() => [])];
  const chart = lineChart(container, {...options, data: columns});
  let updates = 0;
  container.dataset.points = '0';
  container.dataset.updates = '0';
  return {
    push(x, ys) {
      columns[0].push(x);
      ys.forEach((y, i) => columns[i + 1].push(y === undefined || y === null || !isFinite(y) ? null : y));
      if (columns[0].length > keep) columns.forEach(c => c.shift());
      chart.setData(columns);
      updates++;
      container.dataset.points = String(columns[0].length);
      container.dataset.updates = String(updates);
    },
    chart,
  };
}
