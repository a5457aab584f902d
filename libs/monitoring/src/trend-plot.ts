import type { EChartsOption } from 'echarts';

/** One tracked mode for the trend plot: its points by measurement time (ms since the epoch). */
export interface TrendSeries {
  name: string;
  baseline_hz?: number;
  points: { time: number; frequency_hz: number; damping_ratio: number | null }[];
}

/** The trend plot is taller than the others: three panels. */
export const TREND_PLOT_HEIGHT = 860;

/**
 * Monitoring, against measurement time: each track's frequency (top), its change from its baseline
 * in percent (middle, tracks with a baseline: where a shift shows), and its damping (bottom). A young
 * track (no baseline yet: often a spurious mode of a few records) is drawn as points only.
 */
export function trendPlot(series: TrendSeries[]): EChartsOption {
  const panels = [
    { top: 70, height: 190, name: 'frequency (Hz)' },
    { top: 320, height: 190, name: 'change from baseline (%)' },
    { top: 570, height: 170, name: 'damping ratio (%)' },
  ];
  return {
    animation: false,
    backgroundColor: '#ffffff',
    title: {
      text: 'Tracked modes over time',
      subtext: series.length ? `${series.length} tracks` : 'no tracked modes yet',
      left: 'center',
      textStyle: { fontSize: 15 },
    },
    grid: panels.map(({ top, height }) => ({ left: 80, right: 40, top, height })),
    legend: { bottom: 5, type: 'scroll' },
    xAxis: panels.map((_, i) => ({
      type: 'time' as const,
      gridIndex: i,
      ...(i === panels.length - 1
        ? { name: 'measurement time', nameLocation: 'middle' as const, nameGap: 28 }
        : {}),
    })),
    yAxis: panels.map(({ name }, i) => ({ type: 'value' as const, gridIndex: i, name, scale: true })),
    series: series.flatMap((track) => {
      const kind = track.baseline_hz === undefined ? ('scatter' as const) : ('line' as const);
      const common = { name: track.name, symbolSize: 4 };
      return [
        {
          ...common,
          type: kind,
          xAxisIndex: 0,
          yAxisIndex: 0,
          data: track.points.map((point) => [point.time, point.frequency_hz]),
        },
        ...(track.baseline_hz !== undefined
          ? [
              {
                ...common,
                type: 'line' as const,
                xAxisIndex: 1,
                yAxisIndex: 1,
                data: track.points.map((point) => [
                  point.time,
                  (100 * (point.frequency_hz - track.baseline_hz!)) / track.baseline_hz!,
                ]),
              },
            ]
          : []),
        {
          ...common,
          type: 'scatter' as const,
          xAxisIndex: 2,
          yAxisIndex: 2,
          data: track.points
            .filter((point) => point.damping_ratio !== null)
            .map((point) => [point.time, 100 * point.damping_ratio!]),
        },
      ];
    }),
  };
}
