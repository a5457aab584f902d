import { butterworth, sectionsMagnitude } from '../signal/butterworth';
import { zeroPhaseFilter } from '../signal/zero-phase-filter';
import { decimate } from '../signal/decimate';
import { preprocess } from '../preprocessing/preprocessing';

const fs = 100;

/** Analytic magnitude of a digital Butterworth filter designed with the bilinear transform. */
function analyticMagnitude(
  type: 'lowpass' | 'highpass' | 'bandpass',
  order: number,
  cutoff: number | [number, number],
  hz: number,
): number {
  const warp = (f: number) => Math.tan((Math.PI * f) / fs);
  let x: number;
  if (type === 'lowpass') x = warp(hz) / warp(cutoff as number);
  else if (type === 'highpass') x = warp(cutoff as number) / warp(hz);
  else {
    const [low, high] = (cutoff as [number, number]).map(warp);
    x = (warp(hz) ** 2 - low * high) / (warp(hz) * (high - low));
  }
  return 1 / Math.sqrt(1 + x ** (2 * order));
}

function amplitudeOfTone(signal: Float64Array, hz: number, rate: number): number {
  let re = 0;
  let im = 0;
  for (let i = 0; i < signal.length; i++) {
    re += signal[i] * Math.cos((2 * Math.PI * hz * i) / rate);
    im += signal[i] * Math.sin((2 * Math.PI * hz * i) / rate);
  }
  return (2 * Math.hypot(re, im)) / signal.length;
}

const tone = (hz: number, samples: number, rate = fs) =>
  Float64Array.from({ length: samples }, (_, i) => Math.sin((2 * Math.PI * hz * i) / rate));

describe('preprocessing: filters and decimation', () => {
  const designs = [
    { type: 'lowpass' as const, order: 4, cutoff: 10 },
    { type: 'highpass' as const, order: 3, cutoff: 5 },
    { type: 'bandpass' as const, order: 4, cutoff: [2, 15] as [number, number] },
  ];

  it.each(designs)(
    'a $type Butterworth of order $order has the analytic magnitude',
    ({ type, order, cutoff }) => {
      const sections = butterworth({ type, order, cutoffHz: cutoff, samplingRateHz: fs });
      for (let hz = 0.5; hz < fs / 2; hz += 0.5) {
        expect(sectionsMagnitude(sections, hz, fs)).toBeCloseTo(
          analyticMagnitude(type, order, cutoff, hz),
          9,
        );
      }
    },
  );

  it('zero-phase filtering scales a tone by the squared magnitude and keeps its phase', () => {
    const sections = butterworth({ type: 'lowpass', order: 4, cutoffHz: 10, samplingRateHz: fs });
    const input = tone(9, 20000);
    const output = zeroPhaseFilter(sections, input);
    const expected = analyticMagnitude('lowpass', 4, 10, 9) ** 2;
    expect(amplitudeOfTone(output.subarray(2000, 18000), 9, fs)).toBeCloseTo(expected, 3);
    // Zero phase: the output is the input scaled, sample by sample, away from the ends.
    for (let i = 5000; i < 5010; i++) expect(output[i]).toBeCloseTo(expected * input[i], 3);
  });

  it('zero-phase filtering streams across blocks: no seam where one block of 65,536 samples ends', () => {
    const sections = butterworth({ type: 'lowpass', order: 4, cutoffHz: 10, samplingRateHz: fs });
    const input = tone(9, 150_000);
    const output = zeroPhaseFilter(sections, input);
    const expected = analyticMagnitude('lowpass', 4, 10, 9) ** 2;
    for (const seam of [65_536, 131_072, 150_000 - 65_536, 150_000 - 131_072]) {
      for (let i = seam - 5; i < seam + 5; i++) expect(output[i]).toBeCloseTo(expected * input[i], 3);
    }
  });

  it('decimation keeps a tone below the new Nyquist frequency and removes one above it', () => {
    const factor = 5; // 100 Hz -> 20 Hz, new Nyquist 10 Hz
    const kept = decimate(tone(4, 50000), factor, fs);
    const removed = decimate(tone(14, 50000), factor, fs);
    expect(kept).toHaveLength(10000);
    expect(amplitudeOfTone(kept.subarray(500, 9500), 4, fs / factor)).toBeGreaterThan(0.99);
    // 14 Hz would alias to 6 Hz at 20 Hz: it must be gone.
    expect(amplitudeOfTone(removed.subarray(500, 9500), 6, fs / factor)).toBeLessThan(0.005);
  });

  it('selects channels and a time window, detrends and reports the new rate', () => {
    const ramp = Float64Array.from({ length: 1000 }, (_, i) => 3 + 0.01 * i + Math.sin(i));
    const { dataset, result } = preprocess(
      { samplingRateHz: fs, channels: ['a', 'b', 'c'], data: [ramp, ramp, ramp] },
      { channels: ['c', 'a'], start_s: 1, end_s: 9, detrend: 'linear', decimation_factor: 2 },
    );
    expect(dataset.channels).toEqual(['c', 'a']);
    expect(result.sampling_rate_hz).toBe(50);
    expect(result.samples).toBe(400);
    const mean = dataset.data[0].reduce((s, v) => s + v, 0) / 400;
    expect(Math.abs(mean)).toBeLessThan(0.05);
  });
});
