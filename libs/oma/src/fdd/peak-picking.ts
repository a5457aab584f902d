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
 * single highest line. The band stays on the peak's own lobe: on a side where the spectrum rises
 * above the peak again (a stronger neighbour), it ends at the lowest point before that (the base of
 * the peak's prominence), so a weak peak is not pulled towards a strong one. `within` bounds it
 * further (close modes: each keeps to its side of the midpoint).
 */
export function halfPowerCentroid(
  values: Float64Array,
  line: number,
  within: [number, number] = [1, values.length - 2],
): number {
  const half = values[line] / 2;
  const [first, last] = [Math.max(1, within[0]), Math.min(values.length - 2, within[1])];
  const edge = (step: -1 | 1): number => {
    let base = line;
    let k = line + step;
    for (; k >= first && k <= last && values[k] <= values[line]; k += step)
      if (values[k] < values[base]) base = k;
    const lobeEnd = k >= first && k <= last ? base : k - step;
    let end = line;
    while (end !== lobeEnd && values[end + step] >= half) end += step;
    return end;
  };
  const low = edge(-1);
  const high = edge(1);
  let weighted = 0;
  let total = 0;
  for (let k = low; k <= high; k++) {
    weighted += k * (values[k] - half);
    total += values[k] - half;
  }
  return total > 0 ? weighted / total : line;
}
