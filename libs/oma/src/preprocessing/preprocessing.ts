import { Dataset, OmaInputError, paramError, requireChannels, sampleCount } from '../dataset';
import { ButterworthSpec, butterworth } from '../signal/butterworth';
import { decimate } from '../signal/decimate';
import { detrend } from '../signal/detrend';
import { zeroPhaseFilter } from '../signal/zero-phase-filter';
import { ModalResultBase } from '../modes/modal-result';
import { resolvePreprocessingParams } from '../params/parameter-schemas';
import { DEFAULT_FILTER_ORDER, PreprocessingParams } from './preprocessing-params';

export * from './preprocessing-params';

export interface PreprocessingResult extends ModalResultBase {
  type: 'PREPROCESSING';
  params: PreprocessingParams;
  samples: number;
  duration_s: number;
  /** RMS of each output channel. */
  channel_rms: number[];
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
  if (!(start >= 0 && start < duration)) {
    throw paramError('params.start_s', `must be from 0 to the record's duration (${duration} s)`);
  }
  if (!(end > start && end <= duration)) {
    throw paramError(
      'params.end_s',
      `must be after start_s and at most the record's duration (${duration} s)`,
    );
  }
  const first = Math.round(start * dataset.samplingRateHz);
  const last = Math.round(end * dataset.samplingRateHz);
  if (last - first < 2) throw new OmaInputError('the time window holds fewer than two samples');
  return { ...dataset, data: dataset.data.map((channel) => channel.slice(first, last)) };
}
