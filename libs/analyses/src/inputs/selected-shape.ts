import { fieldError } from '@modalflow/contracts';
import type { RecordShape } from '@modalflow/oma';

/** The shape of a recorded input once its channel selection (and time window) are applied. */
export function selectedShape(
  input: { channels?: string[]; start_s?: number; end_s?: number },
  record: RecordShape,
): RecordShape {
  const missing = input.channels?.find((name) => !record.channels.includes(name));
  if (missing !== undefined) {
    throw fieldError('input.channels', `names a channel the record does not have: "${missing}"`);
  }
  const duration = record.samples / record.samplingRateHz;
  if ((input.start_s ?? 0) >= duration || (input.end_s ?? 0) > duration) {
    throw fieldError(
      input.end_s !== undefined ? 'input.end_s' : 'input.start_s',
      `must lie within the record's ${duration} s`,
    );
  }
  const window = (input.end_s ?? duration) - (input.start_s ?? 0);
  return {
    channels: input.channels ?? record.channels,
    samplingRateHz: record.samplingRateHz,
    samples: Math.round(window * record.samplingRateHz),
  };
}
