import { OmaInputError, paramError, requireChannels } from '../dataset';
import { RecordFile } from './record-file';
import { RecordSource } from './record-source';
import { channelsOfSource, rowsOfSource } from './record-views';

/** A record file and the part of it an analysis takes (an input's `channels`, `start_s`, `end_s`). */
export interface RecordFileInput {
  path: string;
  channels?: string[];
  start_s?: number;
  end_s?: number;
}

/** Opens the record file, selects the part, gives it to `use` and closes the file. */
export function withRecordFile<T>(input: RecordFileInput, use: (source: RecordSource) => T): T {
  const file = RecordFile.open(input.path);
  try {
    return use(selectWindow(selectChannels(file, input.channels), input.start_s, input.end_s));
  } finally {
    file.close();
  }
}

/** The named channels of a record, in that order (a view). */
export function selectChannels(source: RecordSource, names: string[] | undefined): RecordSource {
  if (!names) return source;
  const indices = names.map((name) => {
    const index = source.channels.indexOf(name);
    if (index < 0) {
      throw new OmaInputError(
        `params.channels: no channel "${name}" in the record (it has ${source.channels.join(', ')})`,
      );
    }
    return index;
  });
  const selected = channelsOfSource(source, indices);
  requireChannels(selected);
  return selected;
}

/** The samples from start_s to end_s, in seconds from the record's start (a view). */
export function selectWindow(source: RecordSource, startS?: number, endS?: number): RecordSource {
  if (startS === undefined && endS === undefined) return source;
  const duration = source.samples / source.samplingRateHz;
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
  const first = Math.round(start * source.samplingRateHz);
  const last = Math.round(end * source.samplingRateHz);
  if (last - first < 2) throw new OmaInputError('the time window holds fewer than two samples');
  return rowsOfSource(source, first, last - first);
}
