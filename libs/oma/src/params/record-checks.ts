import { paramError, RecordShape } from '../dataset';
import { requireFddRecordLength } from '../fdd/fdd';
import { FddParams } from '../fdd/fdd-params';
import { PreprocessingParams } from '../preprocessing/preprocessing-params';
import { defaultBlockRows, SAMPLES_PER_BLOCK_ROW } from '../ssi/ssi-cov';
import { SsiParams } from '../ssi/ssi-params';
import { PlscfParams } from '../plscf/plscf-params';
import { plscfLags, SAMPLES_PER_LAG } from '../plscf/plscf';
import { AnalysisType, ParamsOf } from './parameter-schemas';

/** The fewest samples a preprocessed record may keep (a shorter one cannot be analysed). */
export const MIN_OUTPUT_SAMPLES = 64;
/** SSI needs this many samples per block row for stable correlation estimates. */

/**
 * The relations between parameters and the record they are for: channels present, bands under the
 * Nyquist frequency, segments and block rows the record can fill. Throws an OmaInputError naming the
 * parameter.
 */
export function checkParamsForRecord<T extends AnalysisType>(
  type: T,
  params: ParamsOf[T],
  shape: RecordShape,
): void {
  if (type === 'PREPROCESSING') checkPreprocessing(params as PreprocessingParams, shape);
  else if (type === 'FDD' || type === 'FSDD') checkFdd(params as FddParams, shape);
  else if (type === 'PLSCF') checkPlscf(params as PlscfParams, shape);
  else checkSsi(params as SsiParams & { references?: string[] }, shape);
}

function nyquist(shape: RecordShape): number {
  return shape.samplingRateHz / 2;
}

function checkBand(band: [number, number] | undefined, shape: RecordShape): void {
  if (band && band[1] > nyquist(shape)) {
    throw paramError(
      'params.frequency_band',
      `must end at or below the Nyquist frequency ${nyquist(shape)} Hz`,
    );
  }
}

function checkPreprocessing(params: PreprocessingParams, shape: RecordShape): void {
  const missing = params.channels?.find((name) => !shape.channels.includes(name));
  if (missing !== undefined) {
    throw paramError(
      'params.channels',
      `names a channel the record does not have: "${missing}" (it has ${shape.channels.join(', ')})`,
    );
  }
  const duration = shape.samples / shape.samplingRateHz;
  if (params.start_s !== undefined && params.start_s >= duration) {
    throw paramError('params.start_s', `must be before the end of the record (${duration} s)`);
  }
  if (params.end_s !== undefined && params.end_s > duration) {
    throw paramError('params.end_s', `must not be after the end of the record (${duration} s)`);
  }
  const cutoffs = params.filter ? ([] as number[]).concat(params.filter.cutoff_hz) : [];
  if (cutoffs.some((hz) => hz >= nyquist(shape))) {
    throw paramError('params.filter.cutoff_hz', `must be below the Nyquist frequency ${nyquist(shape)} Hz`);
  }
  const windowSamples = Math.round(
    ((params.end_s ?? duration) - (params.start_s ?? 0)) * shape.samplingRateHz,
  );
  const kept = Math.floor(windowSamples / params.decimation_factor);
  if (kept < MIN_OUTPUT_SAMPLES) {
    throw paramError(
      'params.decimation_factor',
      `leaves ${kept} samples of the ${windowSamples} selected; at least ${MIN_OUTPUT_SAMPLES} are needed` +
        ` (use at most ${Math.max(1, Math.floor(windowSamples / MIN_OUTPUT_SAMPLES))})`,
    );
  }
}

function checkFdd(params: FddParams, shape: RecordShape): void {
  checkBand(params.frequency_band, shape);
  requireFddRecordLength(shape.samples, params.segment_length);
  const above = params.frequencies?.find((hz) => hz >= nyquist(shape));
  if (above !== undefined) {
    throw paramError(
      'params.frequencies',
      `must be below the Nyquist frequency ${nyquist(shape)} Hz (got ${above})`,
    );
  }
  if (params.segment_length !== undefined && params.segment_length > shape.samples) {
    throw paramError('params.segment_length', `must not exceed the record's ${shape.samples} samples`);
  }
}

function checkReferences(references: string[] | undefined, shape: RecordShape): void {
  const missing = references?.find((name) => !shape.channels.includes(name));
  if (missing !== undefined) {
    throw paramError(
      'params.references',
      `names a channel the record does not have: "${missing}" (it has ${shape.channels.join(', ')})`,
    );
  }
}

function checkPlscf(params: PlscfParams, shape: RecordShape): void {
  checkBand(params.frequency_band, shape);
  checkReferences(params.references, shape);
  const lags = params.lags ?? plscfLags(shape, params);
  if (shape.samples < SAMPLES_PER_LAG * lags) {
    throw paramError(
      'params.lags',
      `of ${lags} need at least ${SAMPLES_PER_LAG * lags} samples; the record has ${shape.samples} (lower lags or give a longer record)`,
    );
  }
}

function checkSsi(params: SsiParams & { references?: string[] }, shape: RecordShape): void {
  checkBand(params.frequency_band, shape);
  checkReferences(params.references, shape);
  const channels = shape.channels.length;
  const blockRows = params.block_rows ?? defaultBlockRows(shape, params);
  if ((blockRows - 1) * channels < params.order_max) {
    throw paramError(
      'params.block_rows',
      `(${blockRows}) times the ${channels} channels must exceed order_max (${params.order_max}) by at least one block row`,
    );
  }
  const needed = SAMPLES_PER_BLOCK_ROW * blockRows;
  if (shape.samples < needed) {
    throw paramError(
      'params.block_rows',
      `of ${blockRows} need at least ${needed} samples; the record has ${shape.samples} (lower block_rows and order_max, or give a longer record)`,
    );
  }
}
