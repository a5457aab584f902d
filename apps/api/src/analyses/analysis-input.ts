import { ANALYSIS_INPUT_SOURCES, type AnalysisInput } from '@modalflow/contracts';
import type { OmaConfig } from '@modalflow/config';
import { PARAMETER_LIMITS, type RecordShape } from '@modalflow/oma';
import { resolveDataFile, StorageInputError } from '@modalflow/storage';
import { NotFoundException } from '@nestjs/common';
import { fieldError } from '../common/field-error';

const INPUT_FIELDS: Record<AnalysisInput['source'], string[]> = {
  measurement: ['measurement_id', 'channels', 'start_s', 'end_s'],
  file: ['path', 'sampling_rate_hz'],
  bucket: ['key', 'sampling_rate_hz'],
  analysis: ['analysis_id'],
};

/** Checks the `input` of a new analysis and keeps only its known fields; 400 names the field at fault. */
export function parseAnalysisInput(value: Record<string, unknown>): AnalysisInput {
  const source = value.source;
  const known = INPUT_FIELDS[source as AnalysisInput['source']] ?? [];
  const unknown = Object.keys(value).find((name) => name !== 'source' && !known.includes(name));
  if (known.length > 0 && unknown !== undefined) {
    throw fieldError(
      `input.${unknown}`,
      `is not a field of a ${String(source)} input (it takes ${known.join(', ')})`,
    );
  }
  const text = (name: string): string => {
    const field = value[name];
    if (typeof field !== 'string' || field.trim() === '')
      throw fieldError(`input.${name}`, 'must be a non-empty string');
    return field;
  };
  const optionalRate = (): number | undefined => {
    const rate = value.sampling_rate_hz;
    if (rate === undefined) return undefined;
    if (typeof rate !== 'number' || !(rate > 0) || !Number.isFinite(rate))
      throw fieldError('input.sampling_rate_hz', 'must be a positive number of Hz');
    return rate;
  };
  const optionalNumber = (name: string): number | undefined => {
    const field = value[name];
    if (field === undefined) return undefined;
    if (typeof field !== 'number' || !(field >= 0) || !Number.isFinite(field))
      throw fieldError(`input.${name}`, 'must be a non-negative number');
    return field;
  };
  switch (source) {
    case 'measurement': {
      const channels = value.channels;
      if (
        channels !== undefined &&
        (!Array.isArray(channels) ||
          channels.length < 2 ||
          channels.length > PARAMETER_LIMITS.channels ||
          channels.some((c) => typeof c !== 'string' || c === ''))
      ) {
        throw fieldError(
          'input.channels',
          `must be a list of 2 to ${PARAMETER_LIMITS.channels} channel names`,
        );
      }
      if (channels && new Set(channels).size !== channels.length) {
        throw fieldError('input.channels', 'names a channel twice');
      }
      const startS = optionalNumber('start_s');
      const endS = optionalNumber('end_s');
      if (endS !== undefined && !(endS > (startS ?? 0))) {
        throw fieldError('input.end_s', 'must be after start_s');
      }
      return {
        source,
        measurement_id: text('measurement_id'),
        ...(channels ? { channels: channels as string[] } : {}),
        ...defined({ start_s: startS, end_s: endS }),
      };
    }
    case 'file':
      return {
        source,
        path: text('path'),
        ...defined({ sampling_rate_hz: optionalRate() }),
      };
    case 'bucket':
      return {
        source,
        key: text('key'),
        ...defined({ sampling_rate_hz: optionalRate() }),
      };
    case 'analysis':
      return { source, analysis_id: text('analysis_id') };
    default:
      throw fieldError('input.source', `must be one of ${ANALYSIS_INPUT_SOURCES.join(', ')}`);
  }
}

function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * 404 unless the file input names a readable file under DATA_PATH (not the cache), as the worker
 * will check again: like an id in a body, a file that is missing and one that may not be read get
 * the same answer.
 */
export async function checkDataFile(path: string, config: OmaConfig): Promise<void> {
  try {
    await resolveDataFile(config.dataPath, path, [config.cachePath]);
  } catch (error) {
    if (error instanceof StorageInputError) throw new NotFoundException(error.message);
    throw error;
  }
}

/** The shape of a measurement input once its channel selection and time window are applied. */
export function selectedShape(
  input: Extract<AnalysisInput, { source: 'measurement' }>,
  record: RecordShape,
): RecordShape {
  const missing = input.channels?.find((name) => !record.channels.includes(name));
  if (missing !== undefined) {
    throw fieldError('input.channels', `names a channel the measurement does not have: "${missing}"`);
  }
  const duration = record.samples / record.samplingRateHz;
  if ((input.start_s ?? 0) >= duration || (input.end_s ?? 0) > duration) {
    throw fieldError(
      input.end_s !== undefined ? 'input.end_s' : 'input.start_s',
      `must lie within the measurement's ${duration} s`,
    );
  }
  const window = (input.end_s ?? duration) - (input.start_s ?? 0);
  return {
    channels: input.channels ?? record.channels,
    samplingRateHz: record.samplingRateHz,
    samples: Math.round(window * record.samplingRateHz),
  };
}
