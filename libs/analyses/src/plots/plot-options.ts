import type { EChartsOption } from 'echarts';

/** The plots an analysis type offers, by the name used in the URL. */
export const PLOTS = {
  'singular-values': ['FDD', 'FSDD'],
  stabilization: ['SSI', 'SSI-DAT', 'PLSCF'],
  'mode-shapes': ['FDD', 'FSDD', 'SSI', 'SSI-DAT', 'PLSCF'],
} as const;
export type PlotName = keyof typeof PLOTS;

interface Mode {
  frequency_hz: number;
  damping_ratio: number | null;
  mode_shape: number[];
}

interface FddData {
  type?: string;
  modes: Mode[];
  singular_values: { frequencies_hz: number[]; values: number[][] };
}

interface StabilizationPole {
  order: number;
  frequency_hz: number;
  stable: boolean;
  stable_frequency: boolean;
}

interface SsiData {
  type?: string;
  modes: Mode[];
  sampling_rate_hz: number;
  stabilization: { poles: StabilizationPole[] };
}

const base = (title: string, modes: Mode[]): EChartsOption => ({
  animation: false,
  backgroundColor: '#ffffff',
  title: {
    text: title,
    subtext: modes.length
      ? `modes (Hz): ${modes.map((mode) => mode.frequency_hz.toFixed(3)).join(', ')}`
      : 'no modes found',
    left: 'center',
    textStyle: { fontSize: 15 },
  },
  grid: { left: 80, right: 40, top: 70, bottom: 100 },
  legend: { bottom: 5 },
});

/** The Nyquist frequency, rounded for an axis end. */
const nyquist = (samplingRateHz: number) => Number((samplingRateHz / 2).toPrecision(3));

/** FDD: the singular values of the spectral matrix, log scale, with the picked peaks marked. */
export function singularValuesPlot(result: FddData): EChartsOption {
  const { frequencies_hz: frequencies, values } = result.singular_values;
  const floor = Math.max(...values[0]) * 1e-12;
  return {
    ...base(`${result.type ?? 'FDD'}: singular values of the spectral density matrix`, result.modes),
    xAxis: {
      type: 'value',
      name: 'frequency (Hz)',
      nameLocation: 'middle',
      nameGap: 30,
      max: Number(frequencies[frequencies.length - 1].toPrecision(3)),
    },
    yAxis: {
      type: 'log',
      name: 'singular value',
      nameLocation: 'middle',
      nameGap: 60,
      axisLabel: { formatter: (value: number) => value.toExponential(0) },
    },
    series: [
      ...values.slice(0, 4).map((line, k) => ({
        name: `s${k + 1}`,
        type: 'line' as const,
        showSymbol: false,
        lineStyle: { width: k === 0 ? 1.6 : 0.8 },
        data: line.map((value, i) => [frequencies[i], Math.max(value, floor)]),
      })),
      {
        name: 'picked modes',
        type: 'scatter' as const,
        symbolSize: 9,
        itemStyle: { color: '#d62728' },
        data: result.modes.map((mode) => [
          mode.frequency_hz,
          valueAt(frequencies, values[0], mode.frequency_hz),
        ]),
      },
    ],
  };
}

/** SSI: poles by model order, stable ones apart, with the selected modes as vertical lines. */
export function stabilizationPlot(result: SsiData): EChartsOption {
  const poles = result.stabilization.poles;
  const points = (keep: (pole: StabilizationPole) => boolean) =>
    poles.filter(keep).map((pole) => [pole.frequency_hz, pole.order]);
  return {
    ...base(`${result.type ?? 'SSI'}: stabilization diagram`, result.modes),
    xAxis: {
      type: 'value',
      name: 'frequency (Hz)',
      nameLocation: 'middle',
      nameGap: 30,
      min: 0,
      max: nyquist(result.sampling_rate_hz),
    },
    yAxis: { type: 'value', name: 'model order', nameLocation: 'middle', nameGap: 45 },
    series: [
      {
        name: 'new or unstable',
        type: 'scatter',
        symbolSize: 4,
        itemStyle: { color: '#bbbbbb' },
        data: points((p) => !p.stable_frequency),
      },
      {
        name: 'stable in frequency',
        type: 'scatter',
        symbolSize: 5,
        itemStyle: { color: '#1f77b4' },
        data: points((p) => p.stable_frequency && !p.stable),
      },
      {
        name: 'stable (frequency, damping, shape)',
        type: 'scatter',
        symbolSize: 6,
        itemStyle: { color: '#2ca02c' },
        data: points((p) => p.stable),
        markLine: {
          symbol: 'none',
          lineStyle: { color: '#d62728', type: 'dashed' },
          label: { show: false },
          data: result.modes.map((mode) => ({ xAxis: mode.frequency_hz })),
        },
      },
    ],
  };
}

/** Mode shapes: each mode's components per channel, largest component 1. */
export function modeShapesPlot(result: { modes: Mode[]; channels: string[] }): EChartsOption {
  return {
    ...base('Mode shapes', result.modes),
    xAxis: { type: 'category', data: result.channels },
    yAxis: { type: 'value', min: -1.05, max: 1.05, name: 'component', nameLocation: 'middle', nameGap: 45 },
    series: result.modes.map((mode, j) => ({
      name: `mode ${j + 1}: ${mode.frequency_hz.toFixed(3)} Hz${mode.damping_ratio === null ? '' : `, ${(mode.damping_ratio * 100).toFixed(2)}%`}`,
      type: 'line',
      data: mode.mode_shape,
    })),
  };
}

function valueAt(frequencies: number[], values: number[], hz: number): number {
  let best = 0;
  for (let i = 1; i < frequencies.length; i++)
    if (Math.abs(frequencies[i] - hz) < Math.abs(frequencies[best] - hz)) best = i;
  return values[best];
}
