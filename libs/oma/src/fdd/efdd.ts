import { inverseRealSpectrum } from '../signal/fft';

export interface SdofEstimate {
  frequency_hz: number;
  damping_ratio: number;
  /** Frequency lines of the SDOF bell. */
  bell: [number, number];
}

/**
 * Enhanced FDD: the SDOF bell of a mode (first singular values on `bell`), back to the time domain
 * as an auto-correlation; frequency from its zero crossings, damping from the logarithmic decrement
 * of its extrema within `decayRange` of the normalised amplitude.
 */
export function sdofFromBell(
  firstSingularValues: Float64Array,
  bell: [number, number],
  segmentLength: number,
  samplingRateHz: number,
  decayRange: [number, number],
): SdofEstimate | null {
  const half = new Float64Array(segmentLength + 2);
  for (let k = bell[0]; k <= bell[1]; k++) half[2 * k] = firstSingularValues[k];
  const correlation = inverseRealSpectrum(half, segmentLength);
  const usable = segmentLength / 2;
  const r0 = correlation[0];
  if (!(r0 > 0)) return null;

  const crossings: number[] = [];
  const extrema: number[] = [];
  let extremum = 0;
  for (let i = 1; i < usable; i++) {
    const previous = correlation[i - 1] / r0;
    const current = correlation[i] / r0;
    extremum = Math.max(extremum, Math.abs(previous));
    if (previous === 0 || Math.sign(previous) !== Math.sign(current)) {
      crossings.push(i - 1 + previous / (previous - current));
      extrema.push(extremum);
      extremum = 0;
      if (extrema.length > 1 && extrema[extrema.length - 1] < decayRange[0]) break;
    }
  }
  // extrema[j] is the largest |r| between crossings j-1 and j; the first belongs to lag 0.
  const usedExtrema: Array<[number, number]> = [];
  for (let j = 1; j < extrema.length; j++) {
    if (extrema[j] <= decayRange[1] && extrema[j] >= decayRange[0])
      usedExtrema.push([j, Math.log(extrema[j])]);
  }
  if (usedExtrema.length < 3 || crossings.length < 3) return null;
  const lastCrossing = Math.min(crossings.length, usedExtrema[usedExtrema.length - 1][0] + 1);
  const halfPeriod = slope(crossings.slice(0, lastCrossing).map((t, j) => [j, t]));
  const decayPerHalfPeriod = -slope(usedExtrema);
  const logDecrement = 2 * decayPerHalfPeriod;
  const damping = logDecrement / Math.sqrt(4 * Math.PI * Math.PI + logDecrement * logDecrement);
  const dampedFrequency = samplingRateHz / (2 * halfPeriod);
  return {
    frequency_hz: dampedFrequency / Math.sqrt(1 - damping * damping),
    damping_ratio: damping,
    bell,
  };
}

function slope(points: Array<[number, number]>): number {
  const n = points.length;
  const meanX = points.reduce((s, [x]) => s + x, 0) / n;
  const meanY = points.reduce((s, [, y]) => s + y, 0) / n;
  let numerator = 0;
  let denominator = 0;
  for (const [x, y] of points) {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  }
  return numerator / denominator;
}
export function sdofBell(
  peak: number,
  macWithPeak: (line: number) => number,
  threshold: number,
  first: number,
  last: number,
): [number, number] {
  let low = peak;
  while (low - 1 >= first && macWithPeak(low - 1) >= threshold) low--;
  let high = peak;
  while (high + 1 <= last && macWithPeak(high + 1) >= threshold) high++;
  return [low, high];
}
