/** Views of a record source: they change what a read gives, without copying the record. */
import { RecordSource, shapeOf } from './record-source';

/** Some channels of a source, by index, in that order. */
export function channelsOfSource(source: RecordSource, indices: number[]): RecordSource {
  return {
    channels: indices.map((c) => source.channels[c]),
    samplingRateHz: source.samplingRateHz,
    samples: source.samples,
    read: (start, count) => {
      const block = source.read(start, count);
      return indices.map((c) => block[c]);
    },
  };
}

/** Rows [first, first + samples) of a source. */
export function rowsOfSource(source: RecordSource, first: number, samples: number): RecordSource {
  return {
    channels: source.channels,
    samplingRateHz: source.samplingRateHz,
    samples,
    read: (start, count) => source.read(first + start, count),
  };
}

/** The record from its last sample to its first. */
export function reversedSource(source: RecordSource): RecordSource {
  const out = reusedColumns(source.channels.length);
  return {
    ...shapeOf(source),
    read: (start, count) =>
      source.read(source.samples - start - count, count).map((values, c) => {
        const reversed = out(c, count);
        for (let i = 0; i < count; i++) reversed[i] = values[count - 1 - i];
        return reversed;
      }),
  };
}

/** Every `factor`-th sample from the first, at the rate divided by `factor`. */
export function everyNthSource(source: RecordSource, factor: number): RecordSource {
  const out = reusedColumns(source.channels.length);
  return {
    channels: source.channels,
    samplingRateHz: source.samplingRateHz / factor,
    samples: Math.ceil(source.samples / factor),
    read: (start, count) => {
      const first = start * factor;
      const rows = source.read(first, Math.min((count - 1) * factor + 1, source.samples - first));
      return rows.map((values, c) => {
        const kept = out(c, count);
        for (let i = 0; i < count; i++) kept[i] = values[i * factor];
        return kept;
      });
    },
  };
}

/** Each value of a source changed by `map(value, channel, row)` as it is read. */
export function mappedSource(
  source: RecordSource,
  map: (value: number, channel: number, row: number) => number,
): RecordSource {
  const out = reusedColumns(source.channels.length);
  return {
    ...shapeOf(source),
    read: (start, count) =>
      source.read(start, count).map((values, c) => {
        const mapped = out(c, count);
        for (let i = 0; i < count; i++) mapped[i] = map(values[i], c, start + i);
        return mapped;
      }),
  };
}

/** Output arrays of a view, one per channel, reused from read to read (as a record file's are). */
function reusedColumns(channels: number): (channel: number, length: number) => Float64Array {
  const columns = Array.from({ length: channels }, () => new Float64Array(0));
  return (channel, length) => {
    if (columns[channel].length < length) columns[channel] = new Float64Array(length);
    return columns[channel].subarray(0, length);
  };
}
