import { Dataset, OmaInputError, requireChannels, sampleCount } from '../dataset';
import { requireRange } from '../fdd/fdd-params';
import { ButterworthSpec, FilterType, butterworth } from '../signal/butterworth';
import { decimate } from '../signal/decimate';
import { DetrendType, detrend } from '../signal/detrend';
import { zeroPhaseFilter } from '../signal/zero-phase-filter';
import { ModalResultBase } from '../modes/modal-result';

export interface PreprocessingParams {
  /** Channels to keep, by name; default: all. */
  channels?: string[];
  /** Time window in seconds from the first sample; default: the whole record. */
  start_s?: number;
  end_s?: number;
  detrend: DetrendType;
  /** Zero-phase Butterworth filter. */
  filter?: { type: FilterType; order?: number; cutoff_hz: number | [number, number] };
  /** Keep every n-th sample after an anti-aliasing low pass. */
  decimation_factor: number;
}

export const PREPROCESSING_DEFAULTS: PreprocessingParams = { detrend: 'linear', decimation_factor: 1 };
export const DEFAULT_FILTER_ORDER = 4;

export interface PreprocessingResult extends ModalResultBase {
  type: 'PREPROCESSING';
  params: PreprocessingParams;
  samples: number;
  duration_s: number;
  /** RMS of each output channel. */
  channel_rms: number[];
}

/** Checks the parameters that need no data: names and ranges. */
export function resolvePreprocessingParams(given: Partial<PreprocessingParams> = {}): PreprocessingParams {
  const params = { ...PREPROCESSING_DEFAULTS, ...given };
  if (!['none', 'constant', 'linear'].includes(params.detrend)) {
    throw new OmaInputError('params.detrend must be none, constant or linear');
  }
  if (!Number.isInteger(params.decimation_factor) || params.decimation_factor < 1) {
    throw new OmaInputError('params.decimation_factor must be a positive integer');
  }
  if (
    params.channels !== undefined &&
    (!Array.isArray(params.channels) || params.channels.some((c) => typeof c !== 'string'))
  ) {
    throw new OmaInputError('params.channels must be a list of channel names');
  }
  const filter = params.filter;
  if (filter !== undefined) {
    if (!['lowpass', 'highpass', 'bandpass'].includes(filter?.type)) {
      throw new OmaInputError('params.filter.type must be lowpass, highpass or bandpass');
    }
    const cutoffs = ([] as unknown[]).concat(filter.cutoff_hz);
    if (
      cutoffs.length !== (filter.type === 'bandpass' ? 2 : 1) ||
      cutoffs.some((c) => typeof c !== 'number' || !(c > 0))
    ) {
      throw new OmaInputError(
        `params.filter.cutoff_hz must be ${filter.type === 'bandpass' ? '[low, high]' : 'one frequency'} in Hz`,
      );
    }
  }
  return params;
}

/** Channel and time-window selection, detrending, filtering and decimation, in that order. */
export function preprocess(
  input: Dataset,
  given: Partial<PreprocessingParams> = {},
): { dataset: Dataset; result: PreprocessingResult } {
  const params = resolvePreprocessingParams(given);
  let dataset = selectChannels(input, params.channels);
  dataset = selectWindow(dataset, params.start_s, params.end_s);
  let data = dataset.data.map((channel) => detrend(channel, params.detrend));
  if (params.filter) {
    const spec: ButterworthSpec = {
      type: params.filter.type,
      order: params.filter.order ?? DEFAULT_FILTER_ORDER,
      cutoffHz: params.filter.cutoff_hz,
      samplingRateHz: dataset.samplingRateHz,
    };
    const sections = butterworth(spec);
    data = data.map((channel) => zeroPhaseFilter(sections, channel));
  }
  let samplingRateHz = dataset.samplingRateHz;
  if (params.decimation_factor !== 1) {
    const factor = params.decimation_factor;
    data = data.map((channel) => decimate(channel, factor, samplingRateHz));
    samplingRateHz /= factor;
  }
  const output: Dataset = { samplingRateHz, channels: dataset.channels, data };
  const samples = sampleCount(output);
  return {
    dataset: output,
    result: {
      type: 'PREPROCESSING',
      sampling_rate_hz: samplingRateHz,
      channels: output.channels,
      modes: [],
      mac_matrix: [],
      params,
      samples,
      duration_s: samples / samplingRateHz,
      channel_rms: data.map((channel) =>
        Math.sqrt(channel.reduce((sum, v) => sum + v * v, 0) / channel.length),
      ),
    },
  };
}

export function selectChannels(dataset: Dataset, names: string[] | undefined): Dataset {
  if (!names) return dataset;
  const indices = names.map((name) => {
    const index = dataset.channels.indexOf(name);
    if (index < 0) {
      throw new OmaInputError(
        `params.channels: no channel "${name}" in the record (it has ${dataset.channels.join(', ')})`,
      );
    }
    return index;
  });
  const selected = { ...dataset, channels: [...names], data: indices.map((i) => dataset.data[i]) };
  requireChannels(selected);
  return selected;
}

export function selectWindow(dataset: Dataset, startS?: number, endS?: number): Dataset {
  if (startS === undefined && endS === undefined) return dataset;
  const duration = sampleCount(dataset) / dataset.samplingRateHz;
  const start = startS ?? 0;
  const end = endS ?? duration;
  requireRange('start_s', start, 0, duration);
  requireRange('end_s', end, 0, duration);
  if (end <= start) throw new OmaInputError('params.end_s must be after params.start_s');
  const first = Math.round(start * dataset.samplingRateHz);
  const last = Math.round(end * dataset.samplingRateHz);
  if (last - first < 2) throw new OmaInputError('the time window holds fewer than two samples');
  return { ...dataset, data: dataset.data.map((channel) => channel.slice(first, last)) };
}
