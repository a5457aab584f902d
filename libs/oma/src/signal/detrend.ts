import { channelMeans, forEachBlock, readWhole, recordSource, RecordSource } from '../record/record-source';
import { mappedSource } from '../record/record-views';

export type DetrendType = 'none' | 'constant' | 'linear';

/** One signal detrended in memory (detrended on a one-channel record). */
export function detrend(signal: Float64Array, type: DetrendType): Float64Array {
  const source = recordSource({ samplingRateHz: 1, channels: ['x'], data: [signal] });
  return Float64Array.from(readWhole(detrended(source, type)).data[0]);
}

/**
 * Each channel without its mean (constant) or least-squares line (linear): the mean and the slope
 * take a pass each, then values are corrected as they are read.
 */
export function detrended(source: RecordSource, type: DetrendType): RecordSource {
  if (type === 'none') return source;
  const n = source.samples;
  const means = channelMeans(source);
  const slopes = new Float64Array(source.channels.length);
  const centre = (n - 1) / 2;
  if (type === 'linear' && n > 1) {
    let denominator = 0;
    forEachBlock(source, (block, start) => {
      for (let i = 0; i < block[0].length; i++) denominator += (start + i - centre) ** 2;
      block.forEach((values, c) => {
        let numerator = 0;
        for (let i = 0; i < values.length; i++) numerator += (start + i - centre) * (values[i] - means[c]);
        slopes[c] += numerator;
      });
    });
    for (let c = 0; c < slopes.length; c++) slopes[c] /= denominator;
  }
  return mappedSource(source, (value, c, row) => value - means[c] - slopes[c] * (row - centre));
}
