import { parseCsv } from '../io/csv-reader';
import { OmaInputError } from '../dataset';
import { stochasticSubspaceIdentification } from '../ssi/ssi';
import { frequencyDomainDecomposition } from '../fdd/fdd';

const expectInputError = (run: () => unknown, message: RegExp) => {
  expect(run).toThrow(OmaInputError);
  expect(run).toThrow(message);
};

describe('bad data gets a message a person can act on', () => {
  it('names the line and column of a value that is not a number', () => {
    expectInputError(
      () => parseCsv('time,a,b\n0,1,2\n0.1,1,x2\n'),
      /line 3, column 3 \(b\): the value is not a number/,
    );
  });

  it('rejects uneven time steps', () => {
    expectInputError(() => parseCsv('time,a,b\n0,1,2\n0.1,1,2\n0.2,1,2\n0.35,1,2\n'), /uneven time steps/);
  });

  it('rejects a record of fewer than two channels', () => {
    expectInputError(
      () => parseCsv('time,a\n0,1\n0.1,2\n'),
      /1 channel\(s\); modal analysis needs at least 2/,
    );
  });

  it('asks for the sampling rate when there is no time column', () => {
    expectInputError(() => parseCsv('a;b\n1;2\n3;4\n'), /no time column: give the sampling rate/);
    expect(parseCsv('a;b\n1;2\n3;4\n', { samplingRateHz: 10 }).samplingRateHz).toBe(10);
  });

  it('rejects too few samples for the settings asked', () => {
    const rows = Array.from({ length: 100 }, (_, i) => `${i / 10},${Math.sin(i)},${Math.cos(i)}`).join('\n');
    const dataset = parseCsv(`time,a,b\n${rows}`);
    expectInputError(
      () => stochasticSubspaceIdentification(dataset),
      /SSI with 31 block rows needs at least 620 samples; the record has 100 \(lower params.order_max/,
    );
    expectInputError(
      () => frequencyDomainDecomposition(dataset, { segment_length: 256 }),
      /at least that many samples; the record has 100/,
    );
  });

  it('rejects a row with a missing value', () => {
    expectInputError(
      () => parseCsv('time,a,b\n0,1,2\n0.1,1\n'),
      /line 3 has 2 values; the header names 3 columns/,
    );
  });
});
