import type { EChartsOption, SeriesOption } from 'echarts';

/** One tracked mode for the trend plot: its points by measurement time (ms since the epoch). */
export interface TrendSeries {
  name: string;
  baseline_hz?: number;
  points: {
    time: number;
    frequency_hz: number;
    damping_ratio: number | null;
    /** On a compensated rule, once judged: the prediction and the residual's limit (Hz). */
    predicted_hz?: number;
    limit_hz?: number;
  }[];
}

/** A compensated rule's chart over all its established tracks. */
export interface RuleChartSeries {
  name: string;
  points: { time: number; t2: number; limit: number }[];
}

/**
 * Monitoring, against measurement time: each track's frequency (top), with the prediction band of a
 * compensated track (prediction plus and minus its limit, dashed); its change from its baseline in
 * percent (tracks with a baseline: where a shift shows); on a compensated rule, each track's residual
 * in its limits (residual / limit: the chart fires beyond ±1) and the rule-wide T² against its
 * limit; and its damping (bottom). A young track (no baseline yet: often a spurious mode of a few
 * records) is drawn as points only.
 */
export function trendPlot(
  series: TrendSeries[],
  charts: RuleChartSeries[] = [],
): { option: EChartsOption; height: number } {
  const compensated = series.some((track) => track.points.some((point) => point.limit_hz !== undefined));
  const panels = [
    { name: 'frequency (Hz)', height: 190 },
    { name: 'change from baseline (%)', height: 170 },
    ...(compensated ? [{ name: 'residual / its limit', height: 150 }] : []),
    ...(charts.length ? [{ name: 'rule-wide T²', height: 150 }] : []),
    { name: 'damping ratio (%)', height: 150 },
  ];
  const index = (name: string) => panels.findIndex((panel) => panel.name === name);
  let top = 70;
  const placed = panels.map((panel) => {
    const at = top;
    top += panel.height + 60;
    return { ...panel, top: at };
  });
  const option: EChartsOption = {
    animation: false,
    backgroundColor: '#ffffff',
    title: {
      text: 'Tracked modes over time',
      subtext: series.length ? `${series.length} tracks` : 'no tracked modes yet',
      left: 'center',
      textStyle: { fontSize: 15 },
    },
    grid: placed.map(({ top: at, height }) => ({ left: 80, right: 40, top: at, height })),
    legend: { bottom: 5, type: 'scroll' },
    xAxis: placed.map((_, i) => ({
      type: 'time' as const,
      gridIndex: i,
      ...(i === placed.length - 1
        ? { name: 'measurement time', nameLocation: 'middle' as const, nameGap: 28 }
        : {}),
    })),
    yAxis: placed.map(({ name }, i) => ({ type: 'value' as const, gridIndex: i, name, scale: true })),
    series: [
      ...series.flatMap((track) => trackSeries(track, index)),
      ...charts.flatMap((chart) => t2Series(chart, index('rule-wide T²'))),
    ],
  };
  return { option, height: top };
}

function trackSeries(track: TrendSeries, index: (name: string) => number): SeriesOption[] {
  const kind = track.baseline_hz === undefined ? ('scatter' as const) : ('line' as const);
  const common = { name: track.name, symbolSize: 4 };
  const judged = track.points.filter(
    (point) => point.limit_hz !== undefined && point.predicted_hz !== undefined,
  );
  const at = (panel: string) => ({ xAxisIndex: index(panel), yAxisIndex: index(panel) });
  const band = (sign: 1 | -1) => ({
    ...common,
    ...at('frequency (Hz)'),
    type: 'line' as const,
    showSymbol: false,
    lineStyle: { type: 'dashed' as const, width: 1, opacity: 0.6 },
    data: judged.map((point) => [point.time, point.predicted_hz! + sign * point.limit_hz!]),
  });
  return [
    {
      ...common,
      ...at('frequency (Hz)'),
      type: kind,
      data: track.points.map((p) => [p.time, p.frequency_hz]),
    },
    ...(judged.length ? [band(1), band(-1)] : []),
    ...(track.baseline_hz !== undefined
      ? [
          {
            ...common,
            ...at('change from baseline (%)'),
            type: 'line' as const,
            data: track.points.map((p) => [
              p.time,
              (100 * (p.frequency_hz - track.baseline_hz!)) / track.baseline_hz!,
            ]),
          },
        ]
      : []),
    ...(judged.length && index('residual / its limit') >= 0
      ? [
          {
            ...common,
            ...at('residual / its limit'),
            type: 'scatter' as const,
            data: judged.map((p) => [p.time, (p.frequency_hz - p.predicted_hz!) / p.limit_hz!]),
            markLine: limitLines([-1, 1]),
          },
        ]
      : []),
    {
      ...common,
      ...at('damping ratio (%)'),
      type: 'scatter' as const,
      data: track.points.filter((p) => p.damping_ratio !== null).map((p) => [p.time, 100 * p.damping_ratio!]),
    },
  ];
}

function t2Series(chart: RuleChartSeries, panel: number): SeriesOption[] {
  const common = { xAxisIndex: panel, yAxisIndex: panel, showSymbol: true, symbolSize: 4 };
  return [
    { ...common, name: chart.name, type: 'line', data: chart.points.map((p) => [p.time, p.t2]) },
    {
      ...common,
      name: `${chart.name} limit`,
      type: 'line',
      showSymbol: false,
      lineStyle: { type: 'dashed', color: '#b3261e' },
      data: chart.points.map((p) => [p.time, p.limit]),
    },
  ];
}

function limitLines(values: number[]) {
  return {
    silent: true,
    symbol: 'none',
    label: { show: false },
    lineStyle: { type: 'dashed' as const, color: '#b3261e' },
    data: values.map((value) => ({ yAxis: value })),
  };
}
