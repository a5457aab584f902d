import { dirname } from 'node:path';
import { Dataset } from '../dataset';
import { usableRecord } from '../record-values';
import { writeRecordFile } from '../record/record-file';
import { channelRms, readWhole, recordSource, RecordSource } from '../record/record-source';
import { selectChannels, selectWindow, withRecordFile } from '../record/record-selection';
import { fileScratch, memoryScratch, ScratchSpace } from '../record/scratch';
import { ButterworthSpec, butterworth } from '../signal/butterworth';
import { decimated } from '../signal/decimate';
import { detrended } from '../signal/detrend';
import { zeroPhaseFiltered } from '../signal/zero-phase-filter';
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

/**
 * Channel and time-window selection, detrending, filtering and decimation, in that order, on a
 * record in memory: the processed record is returned in memory.
 */
export function preprocess(
  input: Dataset | RecordSource,
  given: Partial<PreprocessingParams> = {},
): { dataset: Dataset; result: PreprocessingResult } {
  const params = resolvePreprocessingParams(given);
  const dataset = readWhole(processed(recordSource(input), params, memoryScratch()));
  return { dataset, result: resultOf(recordSource(dataset), params) };
}

/**
 * The same, block by block: the processed record is written to a record file at `outputPath`,
 * the filters' intermediate records beside it (removed after), so memory does not follow the record.
 */
export function preprocessToFile(
  input: RecordSource,
  given: Partial<PreprocessingParams>,
  outputPath: string,
): PreprocessingResult {
  const params = resolvePreprocessingParams(given);
  const scratch = fileScratch(dirname(outputPath));
  try {
    writeRecordFile(outputPath, processed(input, params, scratch));
  } finally {
    scratch.dispose();
  }
  return withRecordFile({ path: outputPath }, (output) => resultOf(output, params));
}

/** The processed record as views over the input and the scratch records. */
function processed(input: RecordSource, params: PreprocessingParams, scratch: ScratchSpace): RecordSource {
  let source = detrended(
    selectWindow(selectChannels(input, params.channels), params.start_s, params.end_s),
    params.detrend,
  );
  if (params.filter) {
    const spec: ButterworthSpec = {
      type: params.filter.type,
      order: params.filter.order ?? DEFAULT_FILTER_ORDER,
      cutoffHz: params.filter.cutoff_hz,
      samplingRateHz: source.samplingRateHz,
    };
    source = zeroPhaseFiltered(source, butterworth(spec), scratch);
  }
  return decimated(source, params.decimation_factor, scratch);
}

/** The result of a processed record, whose values must be usable by FDD and SSI. */
function resultOf(output: RecordSource, params: PreprocessingParams): PreprocessingResult {
  usableRecord(output, 'the output of the preprocessing');
  return {
    type: 'PREPROCESSING',
    sampling_rate_hz: output.samplingRateHz,
    channels: output.channels,
    modes: [],
    mac_matrix: [],
    params,
    samples: output.samples,
    duration_s: output.samples / output.samplingRateHz,
    channel_rms: channelRms(output),
  };
}
