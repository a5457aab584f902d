import { OmaInputError } from '../dataset';
import { RecordSource } from '../record/record-source';
import { realSpectrum } from '../signal/fft';
import { isPowerOfTwo } from '../signal/fft';

export interface WelchOptions {
  /** Samples per segment, a power of two. */
  segmentLength: number;
  /** Fraction of a segment shared with the next one, in [0, 1). */
  overlap: number;
}

/**
 * Cross-power spectral density matrix G(f) of all channel pairs by Welch's method: Hann window,
 * constant detrend per segment, one-sided density scaling (as scipy.signal.csd).
 * Entry (i, j) at line k is re/im[((k - firstLine) * n + i) * n + j], with G_ij = E[conj(X_i) X_j].
 */
export interface CrossSpectra {
  /** The line of the first entry (0 for the whole spectrum). */
  firstLine: number;
  frequencies: Float64Array;
  channels: number;
  re: Float64Array;
  im: Float64Array;
  segments: number;
}

/** The whole spectrum, lines 0 to segmentLength / 2. */
export function welchCrossSpectra(source: RecordSource, options: WelchOptions): CrossSpectra {
  return welchCrossSpectraOfBands(source, options, [[0, options.segmentLength / 2]])[0];
}

/**
 * The spectrum over each band of lines (first and last included), in one pass over the record:
 * memory follows the bands and the segment, not the record's length.
 */
export function welchCrossSpectraOfBands(
  source: RecordSource,
  options: WelchOptions,
  bands: Array<[number, number]>,
): CrossSpectra[] {
  const { segmentLength, overlap } = options;
  const n = source.channels.length;
  const samples = source.samples;
  if (!isPowerOfTwo(segmentLength)) {
    throw new OmaInputError(`segment length must be a power of two, got ${segmentLength}`);
  }
  if (samples < segmentLength) {
    throw new OmaInputError(
      `a segment of ${segmentLength} samples needs at least that many samples; the record has ${samples}`,
    );
  }
  const step = Math.max(1, Math.round(segmentLength * (1 - overlap)));
  const segments = Math.floor((samples - segmentLength) / step) + 1;
  const window = hannWindow(segmentLength);
  const windowPower = window.reduce((sum, w) => sum + w * w, 0);
  const sums = bands.map(([first, last]) => ({
    first,
    last,
    re: new Float64Array((last - first + 1) * n * n),
    im: new Float64Array((last - first + 1) * n * n),
  }));

  const segment = new Float64Array(segmentLength);
  const spectra = Array.from({ length: n }, () => new Float64Array(2 * segmentLength));
  for (let s = 0; s < segments; s++) {
    const rows = source.read(s * step, segmentLength);
    for (let c = 0; c < n; c++) {
      const channel = rows[c];
      let mean = 0;
      for (let i = 0; i < segmentLength; i++) mean += channel[i];
      mean /= segmentLength;
      for (let i = 0; i < segmentLength; i++) segment[i] = (channel[i] - mean) * window[i];
      realSpectrum(segment, spectra[c]);
    }
    for (const { first, last, re, im } of sums) {
      for (let k = first; k <= last; k++) {
        const base = (k - first) * n * n;
        for (let i = 0; i < n; i++) {
          const xr = spectra[i][2 * k];
          const xi = spectra[i][2 * k + 1];
          for (let j = i; j < n; j++) {
            const yr = spectra[j][2 * k];
            const yi = spectra[j][2 * k + 1];
            re[base + i * n + j] += xr * yr + xi * yi;
            im[base + i * n + j] += xr * yi - xi * yr;
          }
        }
      }
    }
  }
  const fs = source.samplingRateHz;
  return sums.map(({ first, last, re, im }) => {
    for (let k = first; k <= last; k++) {
      const oneSided = k === 0 || k === segmentLength / 2 ? 1 : 2;
      const factor = oneSided / (fs * windowPower * segments);
      const base = (k - first) * n * n;
      for (let i = 0; i < n; i++) {
        for (let j = i; j < n; j++) {
          re[base + i * n + j] *= factor;
          im[base + i * n + j] *= factor;
          re[base + j * n + i] = re[base + i * n + j];
          im[base + j * n + i] = -im[base + i * n + j];
        }
      }
    }
    const frequencies = Float64Array.from(
      { length: last - first + 1 },
      (_, k) => ((first + k) * fs) / segmentLength,
    );
    return { firstLine: first, frequencies, channels: n, re, im, segments };
  });
}

/** Periodic Hann window (scipy's `hann`, sym=False). */
export function hannWindow(length: number): Float64Array {
  return Float64Array.from({ length }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / length));
}
