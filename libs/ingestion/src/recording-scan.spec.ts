import { InvalidDataError } from './resource-data';
import { RecordingScan } from './recording-scan';

const scan = (text: string, rate?: number) => {
  const reader = new RecordingScan(rate);
  for (const line of text.split('\n')) reader.addLine(line);
  return reader.finish();
};

describe('RecordingScan', () => {
  it('gives the shape and each channel summary of a recording with a time column', () => {
    const rows = Array.from({ length: 101 }, (_, i) => `${(i / 100).toFixed(2)};${i % 2 ? 1 : -1};${i}`);
    const found = scan(`time;a;b\n${rows.join('\n')}\n`);
    expect(found).toMatchObject({ channels: ['a', 'b'], samples: 101, sampling_rate_hz: 100 });
    expect(found.duration_s).toBeCloseTo(1.01, 12);
    const [a, b] = found.summary;
    expect(a).toMatchObject({ channel: 'a', count: 101, min: -1, max: 1, rms: 1 });
    expect(b.mean).toBe(50);
    expect(b.std).toBeCloseTo(Math.sqrt((101 * 102) / 12), 9);
  });

  it('takes the sampling rate given when there is no time column, and refuses one without', () => {
    expect(scan('x,y\n1,2\n3,4', 50).sampling_rate_hz).toBe(50);
    expect(() => scan('x,y\n1,2\n3,4')).toThrow(
      new InvalidDataError('the recording has no time column: give its sampling_rate_hz'),
    );
  });

  it('names what is wrong: the line and column, uneven steps, one channel, no rows', () => {
    expect(() => scan('t,x,y\n0,1,2\n0.1,1,oops')).toThrow(
      'CSV line 3, column 3 (y): the value is not a number',
    );
    expect(() => scan('t,x,y\n0,1,2\n0.1,1,2\n0.3,1,2\n0.4,1,2')).toThrow(
      /^uneven time steps: rows 1 and 2 of data are 0.100000 s apart, the mean step is 0.133333 s/,
    );
    expect(() => scan('t,x\n0,1\n0.1,2')).toThrow(
      'the recording has 1 channel(s); modal analysis needs at least 2',
    );
    expect(() => scan('t,x,y\n')).toThrow('the recording needs a header row and rows of samples');
    expect(() => scan('')).toThrow('the recording needs a header row and rows of samples');
  });
});
