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
