import { Dataset, RecordShape } from '../dataset';

/**
 * A record the analyses read in blocks of rows, from memory (`recordSource`) or from a record file
 * (record-file.ts): what they hold at once follows the block, not the record's length.
 */
export interface RecordSource {
  readonly channels: string[];
  readonly samplingRateHz: number;
  readonly samples: number;
  /**
   * Rows [start, start + count) of each channel, one array per channel. A file reuses its arrays
   * on the next read: copy what must outlive it.
   */
  read(start: number, count: number): Float64Array[];
}

/** Rows per block of a pass over a whole record (forEachBlock): 64k rows, 512 KB per channel. */
export const PASS_BLOCK_ROWS = 65_536;

/** A record in memory as a source (no copy: its blocks are views of the arrays). */
export function recordSource(input: Dataset | RecordSource): RecordSource {
  if ('read' in input) return input;
  return {
    channels: input.channels,
    samplingRateHz: input.samplingRateHz,
    samples: input.data[0]?.length ?? 0,
    read: (start, count) => input.data.map((channel) => channel.subarray(start, start + count)),
  };
}

export function shapeOf(source: RecordSource): RecordShape {
  return { channels: source.channels, samplingRateHz: source.samplingRateHz, samples: source.samples };
}

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

/** Each channel's root mean square, in one pass. */
export function channelRms(source: RecordSource): number[] {
  const sums = new Float64Array(source.channels.length);
  forEachBlock(source, (block) => {
    block.forEach((values, c) => {
      for (let i = 0; i < values.length; i++) sums[c] += values[i] * values[i];
    });
  });
  return Array.from(sums, (sum) => Math.sqrt(sum / source.samples));
}

/** Visits the whole record in order, block by block; `start` is the row of the block's first sample. */
export function forEachBlock(
  source: RecordSource,
  visit: (block: Float64Array[], start: number) => void,
  blockRows = PASS_BLOCK_ROWS,
): void {
  for (let start = 0; start < source.samples; start += blockRows) {
    visit(source.read(start, Math.min(blockRows, source.samples - start)), start);
  }
}

/** Each channel's mean, in one pass. */
export function channelMeans(source: RecordSource): Float64Array {
  const sums = new Float64Array(source.channels.length);
  forEachBlock(source, (block) => {
    block.forEach((values, c) => {
      let sum = 0;
      for (let i = 0; i < values.length; i++) sum += values[i];
      sums[c] += sum;
    });
  });
  return sums.map((sum) => sum / source.samples);
}

/** The whole record in memory (for what needs every sample at once, and for small records). */
export function readWhole(source: RecordSource): Dataset {
  const data = source.channels.map(() => new Float64Array(source.samples));
  forEachBlock(source, (block, start) => block.forEach((values, c) => data[c].set(values, start)));
  return { samplingRateHz: source.samplingRateHz, channels: source.channels, data };
}
