import FFT from 'fft.js';

const transforms = new Map<number, FFT>();

function transformOfSize(size: number): FFT {
  let transform = transforms.get(size);
  if (!transform) {
    transform = new FFT(size);
    transforms.set(size, transform);
  }
  return transform;
}

export function isPowerOfTwo(n: number): boolean {
  return n >= 2 && (n & (n - 1)) === 0;
}

export function nextPowerOfTwo(n: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(2, n)));
}

/**
 * One-sided spectrum of a real signal whose length is a power of two: interleaved re/im of bins
 * 0..n/2 (n + 2 numbers). `out` is reused when given.
 */
export function realSpectrum(signal: Float64Array, out?: Float64Array): Float64Array {
  const transform = transformOfSize(signal.length);
  const full = out && out.length >= 2 * signal.length ? out : new Float64Array(2 * signal.length);
  transform.realTransform(full, signal);
  return full;
}

/** Real signal of length n from its one-sided spectrum (bins 0..n/2, interleaved). */
export function inverseRealSpectrum(halfSpectrum: Float64Array, n: number): Float64Array {
  const transform = transformOfSize(n);
  const full = new Float64Array(2 * n);
  full.set(halfSpectrum.subarray(0, n + 2));
  for (let k = 1; k < n / 2; k++) {
    full[2 * (n - k)] = halfSpectrum[2 * k];
    full[2 * (n - k) + 1] = -halfSpectrum[2 * k + 1];
  }
  const complex = new Float64Array(2 * n);
  transform.inverseTransform(complex, full);
  const signal = new Float64Array(n);
  for (let i = 0; i < n; i++) signal[i] = complex[2 * i];
  return signal;
}
