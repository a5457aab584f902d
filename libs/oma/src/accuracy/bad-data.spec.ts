import { parseCsv } from '../io/csv-reader';
import { OmaInputError } from '../dataset';
import { stochasticSubspaceIdentification } from '../ssi/ssi';
import { frequencyDomainDecomposition } from '../fdd/fdd';
import { runAnalysis } from '../analysis';

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

describe('records an analysis cannot use are refused or reported, never analysed silently', () => {
  const rows = (n: number, row: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => `${i / 100},${row(i)}`).join('\n');

  it('refuses a record too short for FDD, saying how long it must be', () => {
    const dataset = parseCsv(`time,a,b\n${rows(100, (i) => `${Math.sin(i)},${Math.cos(i)}`)}`);
    expectInputError(
      () => runAnalysis('FDD', dataset),
      /^FDD needs at least 288 samples \(a segment of 64 with 8 averages\); the record has 100 \(give a longer record\)$/,
    );
  });

  it('refuses values too large to square, naming the channel and sample', () => {
    const dataset = parseCsv(
      `time,a,b\n${rows(2000, (i) => `${i === 7 ? '1e308' : Math.sin(i)},${Math.cos(i)}`)}`,
    );
    for (const type of ['FDD', 'SSI', 'PREPROCESSING'])
      expectInputError(
        () => runAnalysis(type, dataset),
        /^channel a of the record holds 1e\+308 at sample 8: too large to square/,
      );
  });

  it('leaves a constant channel out with a warning, and refuses an all-constant record', () => {
    const noisy = (i: number) => Math.sin(0.37 * i) + 0.3 * Math.sin(1.91 * i + 1);
    const dataset = parseCsv(`time,a,dead,b\n${rows(4000, (i) => `${noisy(i)},0.5,${noisy(i + 3)}`)}`);
    for (const type of ['FDD', 'SSI']) {
      const { result } = runAnalysis(type, dataset);
      expect(result.channels).toEqual(['a', 'b']);
      expect((result as { warnings?: string[] }).warnings).toEqual([
        'channel dead is constant (0.5): a dead sensor? It was left out of the analysis',
      ]);
    }
    const flat = parseCsv(`time,a,b\n${rows(4000, () => '1,2')}`);
    expectInputError(
      () => runAnalysis('SSI', flat),
      /^every channel of the record is constant: there is nothing to analyse$/,
    );
    const oneLeft = parseCsv(`time,a,b\n${rows(4000, (i) => `${noisy(i)},2`)}`);
    expectInputError(() => runAnalysis('FDD', oneLeft), /1 channel\(s\); modal analysis needs at least 2/);
  });
});
