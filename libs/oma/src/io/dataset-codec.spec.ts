import { decodeDataset, encodeDataset } from './dataset-codec';

describe('dataset codec', () => {
  it('round-trips a record exactly', () => {
    const dataset = { samplingRateHz: 12.5, channels: ['a', 'b'], data: [Float64Array.of(1, -2.5, Math.PI), Float64Array.of(0, 1e-300, 7)] };
    expect(decodeDataset(encodeDataset(dataset))).toEqual(dataset);
  });

  it('refuses bytes that are not a dataset', () => {
    expect(() => decodeDataset(Buffer.from('time,a\n0,1\n'))).toThrow('not a ModalFlow dataset');
  });
});
