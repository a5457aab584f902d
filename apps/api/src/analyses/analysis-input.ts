import { ANALYSIS_INPUT_SOURCES, type AnalysisInput } from '@modalflow/contracts';
import { resolveInside, StorageInputError } from '@modalflow/storage';
import { fieldError } from '../common/field-error';

/** Checks the `input` of a new analysis and keeps only its known fields; 400 names the field at fault. */
export function parseAnalysisInput(value: Record<string, unknown>, dataPath: string): AnalysisInput {
  const source = value.source;
  const text = (name: string): string => {
    const field = value[name];
    if (typeof field !== 'string' || field.trim() === '')
      throw fieldError(`input.${name}`, 'must be a non-empty string');
    return field;
  };
  const optionalNumber = (name: string): number | undefined => {
    const field = value[name];
    if (field === undefined) return undefined;
    if (typeof field !== 'number' || !(field >= 0))
      throw fieldError(`input.${name}`, 'must be a non-negative number');
    return field;
  };
  switch (source) {
    case 'measurement': {
      const channels = value.channels;
      if (
        channels !== undefined &&
        (!Array.isArray(channels) || channels.some((c) => typeof c !== 'string'))
      ) {
        throw fieldError('input.channels', 'must be a list of channel names');
      }
      return {
        source,
        measurement_id: text('measurement_id'),
        ...(channels ? { channels: channels as string[] } : {}),
        ...defined({ start_s: optionalNumber('start_s'), end_s: optionalNumber('end_s') }),
      };
    }
    case 'file': {
      const path = text('path');
      try {
        resolveInside(dataPath, path);
      } catch (error) {
        if (error instanceof StorageInputError)
          throw fieldError('input.path', 'must name a file inside DATA_PATH');
        throw error;
      }
      return { source, path, ...defined({ sampling_rate_hz: optionalNumber('sampling_rate_hz') }) };
    }
    case 'bucket':
      return {
        source,
        key: text('key'),
        ...defined({ sampling_rate_hz: optionalNumber('sampling_rate_hz') }),
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
