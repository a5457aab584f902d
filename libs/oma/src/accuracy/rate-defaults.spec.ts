import { simulate } from '../simulate/simulate';
import { stochasticSubspaceIdentification } from '../ssi/ssi';
import { defaultBlockRows } from '../ssi/ssi-cov';
import { relativeError } from './reference-data';

const record = (channels: number, samplingRateHz: number, seconds = 3600) => ({
  channels: Array.from({ length: channels }, (_, i) => `c${i}`),
  samplingRateHz,
  samples: seconds * samplingRateHz,
});

describe('SSI defaults follow the sampling rate', () => {
  it('block rows give lags of at least 2 s (3 periods of the band low end), within the cost bound and the record', () => {
    const orderMax = { order_max: 60 };
    expect(defaultBlockRows(record(12, 20), orderMax)).toBe(40); // 2 s
    expect(defaultBlockRows(record(12, 100), orderMax)).toBe(60); // bound: 720 / 12 channels
    expect(defaultBlockRows(record(3, 100), orderMax)).toBe(200); // 2 s
    expect(defaultBlockRows(record(3, 1000), orderMax)).toBe(240); // bound: 720 / 3
    expect(defaultBlockRows(record(3, 20), { ...orderMax, frequency_band: [0.1, 5] })).toBe(240); // 30 s for 0.1 Hz, bounded
    expect(defaultBlockRows(record(4, 20), { ...orderMax, frequency_band: [1, 5] })).toBe(60); // 3 s
    expect(defaultBlockRows(record(2, 5), { order_max: 80 })).toBe(41); // room for order_max
    expect(defaultBlockRows(record(3, 100, 10), orderMax)).toBe(21); // 1,000 samples: the rows order_max needs
    expect(defaultBlockRows(record(12, 50, 200), orderMax)).toBe(27); // 30 samples per Toeplitz row
  });

  it('at 200 Hz, a 1.2 Hz first mode and 5 others come within 0.3% at the defaults', () => {
    const simulation = simulate({
      storeys: 6,
      damping_ratio: 0.02,
      noise: 0.05,
      duration_s: 1200,
      sampling_rate_hz: 200,
      seed: 3,
    });
    const result = stochasticSubspaceIdentification(simulation.dataset, { frequency_band: [0.5, 20] });
    expect(result.params.block_rows).toBe(120);
    expect(result.modes).toHaveLength(6);
    result.modes.forEach((mode, j) => {
      expect(relativeError(mode.frequency_hz, simulation.modes[j].frequency_hz)).toBeLessThan(0.003);
    });
  });
});
