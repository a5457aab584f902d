import type { EChartsOption } from 'echarts';
import type { ShapeComparison } from '../shapes/shape-comparisons';

/** The MAC matrix as a heat map (rows: this analysis's modes; columns: the other's), with COMAC below. */
export function macPlot(comparison: ShapeComparison): EChartsOption {
  const label = (modes: Array<{ frequency_hz: number }>) =>
    modes.map((m, i) => `${i + 1}: ${m.frequency_hz.toFixed(3)} Hz`);
  const auto = comparison.with_id === comparison.analysis_id;
  const data = comparison.mac.flatMap((row, i) => row.map((value, j) => [j, i, Number(value.toFixed(2))]));
  return {
    animation: false,
    backgroundColor: '#ffffff',
    title: {
      text: auto ? 'AutoMAC' : 'MAC between two analyses',
      subtext: auto
        ? `analysis ${comparison.analysis_id}`
        : `rows ${comparison.analysis_id}, columns ${comparison.with_id}`,
      left: 'center',
    },
    grid: { left: 150, right: 120, top: 80, bottom: comparison.comac ? 190 : 90 },
    xAxis: { type: 'category', data: label(comparison.columns), axisLabel: { rotate: 30 } },
    yAxis: { type: 'category', data: label(comparison.rows), inverse: true },
    visualMap: {
      min: 0,
      max: 1,
      calculable: false,
      orient: 'vertical',
      right: 20,
      top: 'middle',
      inRange: { color: ['#f7fbff', '#08306b'] },
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: { show: comparison.mac.length <= 12, formatter: (p) => String((p.value as number[])[2]) },
      },
    ],
    ...(comparison.comac
      ? {
          graphic: [
            {
              type: 'text',
              left: 150,
              bottom: 20,
              style: {
                text: `COMAC per channel: ${comparison.comac.map((c) => `${c.channel} ${c.value.toFixed(2)}`).join(', ')}`,
                fontSize: 12,
                width: 700,
                overflow: 'break',
              },
            },
          ],
        }
      : {}),
  };
}
