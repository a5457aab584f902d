import { useEffect, useRef } from 'preact/hooks';
import { init, use, type ComposeOption } from 'echarts/core';
import { LineChart, type LineSeriesOption } from 'echarts/charts';
import {
  AriaComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type DataZoomComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { Schemas } from '../../api/client';
import { hertz } from '../../format';

use([
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  DataZoomComponent,
  AriaComponent,
  CanvasRenderer,
]);

type Option = ComposeOption<
  | LineSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | DataZoomComponentOption
>;
type Trend = Schemas['ModeTrendResponse'];

/** The track's name on the chart, its table row and its legend entry. */
export const trackLabel = (track: Schemas['ModeTrackResponse'], index: number): string =>
  track.name ?? `Mode ${index + 1} (${hertz(track.baseline_hz ?? track.value_hz, 2)})`;

/**
 * Frequency (top) and change from baseline (bottom) of every tracked mode against measurement time:
 * zoom with the wheel or the slider, hover for values, click a mode in the legend to hide it.
 */
export function TrendChart({ trend }: { trend: Trend }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!element.current) return;
    const chart = init(element.current, undefined, { renderer: 'canvas' });
    chart.setOption(optionOf(trend));
    const resize = () => chart.resize();
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [trend]);
  return (
    <div
      ref={element}
      class="trend-chart"
      role="img"
      aria-label="Trend of the tracked modes' frequencies and changes from baseline"
    />
  );
}

function describe(trend: Trend): string {
  const modes = trend.tracks.map(
    (track, index) =>
      `${trackLabel(track, index)} now ${hertz(track.value_hz)}` +
      (track.change_percent === undefined ? '' : `, ${track.change_percent.toFixed(2)} % from baseline`) +
      (track.alert ? ', in ALERT' : ''),
  );
  return `Trend of the tracked modes' frequencies and changes from baseline over ${trend.points.length} points: ${modes.join('; ')}.`;
}

function optionOf(trend: Trend): Option {
  const compensated = trend.tracks.some((track) => track.compensation?.model);
  const byTrack = new Map(trend.tracks.map((track) => [track.id, [] as Schemas['TrendPointResponse'][]]));
  for (const point of trend.points) byTrack.get(point.track_id)?.push(point);
  const series: LineSeriesOption[] = trend.tracks.flatMap((track, index) => {
    const points = byTrack.get(track.id) ?? [];
    const name = trackLabel(track, index);
    const baseline = track.baseline_hz;
    const common = {
      name,
      type: 'line' as const,
      showSymbol: points.length < 200,
      symbolSize: 4,
      sampling: 'lttb' as const,
    };
    const measured: LineSeriesOption[] = [
      { ...common, xAxisIndex: 0, yAxisIndex: 0, data: points.map((p) => [p.recorded_at, p.frequency_hz]) },
    ];
    if (!track.compensation?.model)
      return [
        ...measured,
        {
          ...common,
          xAxisIndex: 1,
          yAxisIndex: 1,
          data: baseline
            ? points.map((p) => [p.recorded_at, ((p.frequency_hz - baseline) / baseline) * 100])
            : [],
        },
      ];
    // A compensated track: its prediction over the measured values; below, its residual within its limits.
    const judged = points.filter((p) => p.predicted_hz !== undefined);
    const percentOf = (p: Schemas['TrendPointResponse'], value: number) => (value / p.predicted_hz!) * 100;
    const limit = (sign: number): LineSeriesOption => ({
      ...common,
      xAxisIndex: 1,
      yAxisIndex: 1,
      showSymbol: false,
      lineStyle: { type: 'dotted', width: 1 },
      data: judged.map((p) => [p.recorded_at, sign * percentOf(p, p.limit_hz!)]),
    });
    return [
      ...measured,
      {
        ...common,
        xAxisIndex: 0,
        yAxisIndex: 0,
        showSymbol: false,
        lineStyle: { type: 'dashed', width: 1 },
        data: judged.map((p) => [p.recorded_at, p.predicted_hz!]),
      },
      {
        ...common,
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: judged.map((p) => [p.recorded_at, percentOf(p, p.residual_hz!)]),
      },
      limit(1),
      limit(-1),
    ];
  });
  return {
    // ECharts labels its element (role img) with this, for screen readers.
    aria: { enabled: true, label: { description: describe(trend) } },
    animation: false,
    legend: { type: 'scroll', top: 0 },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value) => (typeof value === 'number' ? value.toFixed(4) : String(value)),
    },
    grid: [
      { left: 64, right: 24, top: 56, height: '34%' },
      { left: 64, right: 24, top: '60%', bottom: 64 },
    ],
    xAxis: [
      { type: 'time', gridIndex: 0 },
      { type: 'time', gridIndex: 1, name: 'measurement time', nameLocation: 'middle', nameGap: 28 },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, scale: true, name: 'frequency (Hz)' },
      {
        type: 'value',
        gridIndex: 1,
        scale: true,
        name: compensated ? 'change from baseline, or from prediction (%)' : 'change from baseline (%)',
      },
    ],
    dataZoom: [
      { type: 'inside', xAxisIndex: [0, 1] },
      { type: 'slider', xAxisIndex: [0, 1], bottom: 8, height: 20 },
    ],
    series,
  };
}
