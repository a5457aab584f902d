import { channelMeans, RecordSource } from '../record/record-source';
import { inverseRealSpectrum, nextPowerOfTwo, realSpectrum } from '../signal/fft';

/**
 * Output correlation matrices R_k = E[y(t+k) y(t)^T] for lags 0..maxLag, each channel's mean
 * removed, unbiased (sum over the N-k products divided by N-k). Computed block by block with one
 * FFT per channel and block, so time grows with N log(block) and memory with the block size only
 * (two passes over the source: the means, then the blocks, each centred as it is read).
 * Entry (i, j) of R_k is at [(k * n + i) * n + j].
 */
export function outputCorrelations(source: RecordSource, maxLag: number): Float64Array {
  const n = source.channels.length;
  const samples = source.samples;
  const block = Math.max(1024, nextPowerOfTwo(maxLag + 1));
  const size = 2 * block;
  const bins = block + 1;
  const means = channelMeans(source);

  const sumRe = Array.from({ length: n * n }, () => new Float64Array(bins));
  const sumIm = Array.from({ length: n * n }, () => new Float64Array(bins));
  const buffer = new Float64Array(size);
  const leading = Array.from({ length: n }, () => new Float64Array(2 * size));
  const trailing = Array.from({ length: n }, () => new Float64Array(2 * size));
  for (let start = 0; start < samples; start += block) {
    // Two blocks of each channel (the lagged side) and the first of them zero-padded (the reference side).
    const rows = source.read(start, Math.min(size, samples - start));
    for (let c = 0; c < n; c++) {
      buffer.fill(0);
      const channel = rows[c];
      for (let i = 0; i < channel.length; i++) buffer[i] = channel[i] - means[c];
      realSpectrum(buffer, leading[c]);
      buffer.fill(0, block);
      realSpectrum(buffer, trailing[c]);
    }
    for (let i = 0; i < n; i++) {
      const a = leading[i];
      for (let j = 0; j < n; j++) {
        const b = trailing[j];
        const re = sumRe[i * n + j];
        const im = sumIm[i * n + j];
        for (let k = 0; k < bins; k++) {
          const ar = a[2 * k];
          const ai = a[2 * k + 1];
          const br = b[2 * k];
          const bi = b[2 * k + 1];
          re[k] += ar * br + ai * bi;
          im[k] += ai * br - ar * bi;
        }
      }
    }
  }

  const correlations = new Float64Array((maxLag + 1) * n * n);
  const half = new Float64Array(size + 2);
  for (let pair = 0; pair < n * n; pair++) {
    for (let k = 0; k < bins; k++) {
      half[2 * k] = sumRe[pair][k];
      half[2 * k + 1] = sumIm[pair][k];
    }
    const lagged = inverseRealSpectrum(half, size);
    for (let lag = 0; lag <= maxLag; lag++) correlations[lag * n * n + pair] = lagged[lag] / (samples - lag);
  }
  return correlations;
}
