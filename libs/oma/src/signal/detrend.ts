export type DetrendType = 'none' | 'constant' | 'linear';

/** Removes the mean (constant) or the least-squares line (linear) of a signal. */
export function detrend(signal: Float64Array, type: DetrendType): Float64Array {
  if (type === 'none') return Float64Array.from(signal);
  const n = signal.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += signal[i];
  mean /= n;
  let slope = 0;
  const centre = (n - 1) / 2;
  if (type === 'linear' && n > 1) {
    let numerator = 0;
    let denominator = 0;
    for (let i = 0; i < n; i++) {
      numerator += (i - centre) * (signal[i] - mean);
      denominator += (i - centre) ** 2;
    }
    slope = numerator / denominator;
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = signal[i] - mean - slope * (i - centre);
  return out;
}
