import { parseResourceData } from './resource-data';
import { accumulators, isMultichannelTimeSeries, statsFromAccumulator, summarise } from './summary';

describe('summarise', () => {
  it('gives count, min, max, mean and sample std per field', () => {
    const summary = summarise(
      parseResourceData([{ x: 2 }, { x: 4 }, { x: 4 }, { x: 4 }, { x: 5 }, { x: 5 }, { x: 7 }, { x: 9 }]),
    );
    expect(summary.fields.x.count).toBe(8);
    expect(summary.fields.x.min).toBe(2);
    expect(summary.fields.x.max).toBe(9);
    expect(summary.fields.x.mean).toBe(5);
    expect(summary.fields.x.std).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(summary.time_series).toBeUndefined();
  });

  it('gives sampling rate and RMS per channel for a time series', () => {
    const n = 201;
    const time = Array.from({ length: n }, (_, i) => i / 100);
    const sine = time.map((t) => Math.sin(2 * Math.PI * 5 * t));
    const constant = time.map(() => 3);
    const dataset = parseResourceData({ time, sine, constant });
    const summary = summarise(dataset);
    expect(summary.time_series!.sampling_rate_hz).toBeCloseTo(100, 9);
    expect(summary.time_series!.samples).toBe(n);
    expect(summary.time_series!.rms.sine).toBeCloseTo(Math.SQRT1_2, 2);
    expect(summary.time_series!.rms.constant).toBeCloseTo(3, 12);
    expect(isMultichannelTimeSeries(dataset)).toBe(true);
    expect(isMultichannelTimeSeries(parseResourceData({ time, sine }))).toBe(false);
  });

  it('adds resources up through accumulators to the statistics of all their values', () => {
    const a = parseResourceData([{ v: 1 }, { v: 2 }, { v: 3 }]);
    const b = parseResourceData([{ v: 10 }, { v: 20 }]);
    const [accA, accB] = [accumulators(a)[0], accumulators(b)[0]];
    const combined = statsFromAccumulator({
      count: accA.count + accB.count,
      sum: accA.sum + accB.sum,
      sum_sq: accA.sum_sq + accB.sum_sq,
      min: Math.min(accA.min, accB.min),
      max: Math.max(accA.max, accB.max),
    });
    expect(combined).toEqual(summarise(parseResourceData([1, 2, 3, 10, 20].map((v) => ({ v })))).fields.v);
  });
});
