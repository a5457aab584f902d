/**
 * Local maxima of a spectrum with their prominence (as scipy.signal.peak_prominences): how far a
 * peak stands above the higher of the two lowest points between it and a higher peak (or the
 * edge) on each side. Values are compared in dB.
 */
export interface Peak {
  line: number;
  prominenceDb: number;
}

export function prominentPeaks(valuesDb: Float64Array, from: number, to: number): Peak[] {
  const peaks: Peak[] = [];
  for (let k = Math.max(from, 1); k < Math.min(to, valuesDb.length - 1); k++) {
    if (!(valuesDb[k] > valuesDb[k - 1] && valuesDb[k] >= valuesDb[k + 1])) continue;
    let leftMin = valuesDb[k];
    for (let i = k - 1; i >= from && valuesDb[i] <= valuesDb[k]; i--)
      leftMin = Math.min(leftMin, valuesDb[i]);
    let rightMin = valuesDb[k];
    for (let i = k + 1; i < to && valuesDb[i] <= valuesDb[k]; i++) rightMin = Math.min(rightMin, valuesDb[i]);
    peaks.push({ line: k, prominenceDb: valuesDb[k] - Math.max(leftMin, rightMin) });
  }
  return peaks;
}

/**
 * Sub-line position of a peak: the centroid of the spectrum over its half-power band (the lines
 * around the peak above half its value), which averages out the estimation noise that moves the
 * single highest line.
 */
export function halfPowerCentroid(values: Float64Array, line: number): number {
  const half = values[line] / 2;
  let low = line;
  while (low > 1 && values[low - 1] >= half) low--;
  let high = line;
  while (high < values.length - 2 && values[high + 1] >= half) high++;
  let weighted = 0;
  let total = 0;
  for (let k = low; k <= high; k++) {
    weighted += k * (values[k] - half);
    total += values[k] - half;
  }
  return total > 0 ? weighted / total : line;
}
