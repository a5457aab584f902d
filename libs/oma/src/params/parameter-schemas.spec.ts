import { checkRun } from '../analysis';
import { OmaInputError, RecordShape } from '../dataset';
import { checkParams } from './parameter-schemas';
import { estimateRunCost } from './run-cost';

function fieldOf(check: () => unknown): { field?: string; message: string } {
  try {
    check();
  } catch (error) {
    expect(error).toBeInstanceOf(OmaInputError);
    return { field: (error as OmaInputError).field, message: (error as Error).message };
  }
  throw new Error('the check passed');
}

const shape: RecordShape = {
  channels: ['s1', 's2', 's3', 's4', 's5'],
  samplingRateHz: 100,
  samples: 360_000,
};
const budget = { maxMemoryBytes: 2048 * 2 ** 20, maxSeconds: 3600 };

describe('checkParams: one declared schema per analysis type', () => {
  it('fills in the defaults', () => {
    expect(checkParams('SSI', {})).toMatchObject({ order_min: 2, order_max: 60, order_step: 2 });
    expect(checkParams('FDD', { overlap: 0.25 })).toMatchObject({ overlap: 0.25, max_modes: 20 });
    expect(checkParams('PREPROCESSING', {})).toEqual({ detrend: 'linear', decimation_factor: 1 });
  });

  it.each([
    ['PREPROCESSING', { channels: ['s1', 's1'] }, 'params.channels'],
    ['PREPROCESSING', { decimation_factor: 2 ** 30 }, 'params.decimation_factor'],
    ['PREPROCESSING', { filter: { type: 'bandpass', cutoff_hz: [5, 1] } }, 'params.filter.cutoff_hz'],
    ['PREPROCESSING', { filter: { type: 'lowpass', cutoff_hz: 5, order: 99 } }, 'params.filter.order'],
    ['PREPROCESSING', { start_s: 10, end_s: 5 }, 'params.end_s'],
    ['FDD', { frequency_band: [5, 1] }, 'params.frequency_band'],
    ['FDD', { frequencies: 'abc' }, 'params.frequencies'],
    ['FDD', { frequencies: [1.2, 1.2] }, 'params.frequencies'],
    ['FDD', { segment_length: 1000 }, 'params.segment_length'],
    ['FDD', { overlap: 1 }, 'params.overlap'],
    ['SSI', { block_rows: 2000, order_max: 400 }, 'params.block_rows'],
    ['SSI', { order_max: 1000 }, 'params.order_max'],
    ['SSI', { order_min: 30, order_max: 10 }, 'params.order_max'],
    ['SSI', { colour: 'red' }, 'params.colour'],
  ] as const)('%s %j: refused, naming %s', (type, params, field) => {
    expect(fieldOf(() => checkParams(type, params)).field).toBe(field);
  });

  it('refuses 10,000 copies of one channel name (a 60 KB body that once took 4.4 GB)', () => {
    const channels = Array.from({ length: 10_000 }, () => 's1');
    expect(fieldOf(() => checkParams('PREPROCESSING', { channels })).field).toBe('params.channels');
  });

  it('says which parameters a type takes when given an unknown one', () => {
    expect(fieldOf(() => checkParams('FDD', { order_max: 3 })).message).toBe(
      'params.order_max is not a parameter of FDD (it takes segment_length, overlap, frequency_band, frequencies, ' +
        'peak_prominence_db, max_modes, efdd_mac_threshold, efdd_decay_range)',
    );
  });
});

describe('checkRun: parameters against the record, and the run cost', () => {
  it('accepts the defaults on an hour of five channels at 100 Hz', () => {
    for (const type of ['PREPROCESSING', 'FDD', 'SSI'] as const)
      expect(() => checkRun(type, {}, shape, budget)).not.toThrow();
  });

  it.each([
    ['PREPROCESSING', { channels: ['s1', 'x9'] }, 'params.channels'],
    ['PREPROCESSING', { filter: { type: 'lowpass', cutoff_hz: 60 } }, 'params.filter.cutoff_hz'],
    ['PREPROCESSING', { decimation_factor: 1000, end_s: 100 }, 'params.decimation_factor'],
    ['PREPROCESSING', { start_s: 4000 }, 'params.start_s'],
    ['FDD', { frequency_band: [1, 80] }, 'params.frequency_band'],
    ['FDD', { frequencies: [55] }, 'params.frequencies'],
    ['SSI', { block_rows: 5, order_max: 60 }, 'params.block_rows'],
  ] as const)('%s %j: refused, naming %s', (type, params, field) => {
    expect(fieldOf(() => checkRun(type, params, shape, budget)).field).toBe(field);
  });

  it('refuses a segment longer than the record and SSI block rows the record cannot fill', () => {
    const short = { ...shape, samples: 1000 };
    expect(fieldOf(() => checkRun('FDD', { segment_length: 2048 }, short, budget)).field).toBe(
      'params.segment_length',
    );
    expect(fieldOf(() => checkRun('SSI', { block_rows: 100 }, short, budget)).field).toBe(
      'params.block_rows',
    );
  });

  it('refuses a run over the memory budget, saying what to lower', () => {
    const wide = { ...shape, channels: Array.from({ length: 100 }, (_, i) => `c${i}`) };
    const { message } = fieldOf(() => checkRun('SSI', { block_rows: 500, order_max: 400 }, wide, budget));
    expect(message).toMatch(
      /^the run would need about \d+ MB, over the limit of 2048 MB \(ANALYSIS_MAX_MEMORY_MB\): lower block_rows or order_max$/,
    );
  });

  it('estimates memory that grows with the settings, not with the record (read block by block)', () => {
    const small = estimateRunCost('SSI', checkParams('SSI', {}), shape);
    const larger = estimateRunCost('SSI', checkParams('SSI', { block_rows: 200 }), shape);
    expect(larger.memoryBytes).toBeGreaterThan(small.memoryBytes);
    expect(larger.seconds).toBeGreaterThan(small.seconds);
    const longer = { ...shape, samples: 10 * shape.samples };
    for (const type of ['PREPROCESSING', 'FDD', 'SSI'] as const) {
      const params = checkParams(type, {});
      expect(estimateRunCost(type, params, longer).memoryBytes).toBe(
        estimateRunCost(type, params, shape).memoryBytes,
      );
      expect(estimateRunCost(type, params, longer).seconds).toBeGreaterThan(
        estimateRunCost(type, params, shape).seconds,
      );
    }
  });
});
