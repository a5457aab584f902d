import { InvalidDataError, parseResourceData } from './resource-data';
import { parseCsv as readCsvRecord } from '@modalflow/oma';

describe('parseResourceData', () => {
  it('reads CSV with a time column, with , or ;', () => {
    for (const text of ['time,a,b\n0,1,2\n0.5,3,4\n', 'time;a;b\r\n0;1;2\r\n0.5;3;4']) {
      const dataset = parseResourceData(text);
      expect(dataset.channels).toEqual(['a', 'b']);
      expect([...dataset.time!]).toEqual([0, 0.5]);
      expect([...dataset.data[1]]).toEqual([2, 4]);
    }
  });

  it("reads CSV as the OMA records are read: quoted names, the header's separator, a timestamp column", () => {
    const text = '"timestamp";"deck, north";"deck ""south"""\n0;1.5;2\n1;3;4';
    const dataset = parseResourceData(text);
    expect(dataset.channels).toEqual(['deck, north', 'deck "south"']);
    expect([...dataset.time!]).toEqual([0, 1]);
    expect([...dataset.data[0]]).toEqual([1.5, 3]);
    const record = readCsvRecord(text);
    expect(record.channels).toEqual(dataset.channels);
    expect(record.samplingRateHz).toBe(1);
  });

  it('reads JSON records and an object of arrays', () => {
    expect(parseResourceData([{ x: 1, label: 'a' }, { x: 3 }]).channels).toEqual(['x']);
    const columns = parseResourceData('{"t":[0,1],"s1":[1,2],"s2":[3,4]}');
    expect(columns.channels).toEqual(['s1', 's2']);
    expect(columns.time).toBeDefined();
  });

  it('reads one record (an object of scalars) as a single row', () => {
    const dataset = parseResourceData({ temperature: 11.5, humidity: 43, label: 'deck' });
    expect(dataset.channels).toEqual(['temperature', 'humidity']);
    expect(dataset.data.map((column) => [...column])).toEqual([[11.5], [43]]);
  });

  it('names a bad value by position without quoting it', () => {
    expect(() => parseResourceData('a\n# HELP secret_metric 1')).toThrow(
      'CSV line 2, column 1 (a): the value is not a number',
    );
    expect(() => parseResourceData('{"a": [1, "x"')).toThrow(new InvalidDataError('data is not valid JSON'));
  });

  it.each([
    ['time,a\n0,1\n1,x', 'CSV line 3, column 2 (a): the value is not a number'],
    ['a,b\n1', 'CSV line 2 has 1 values; the header names 2 columns'],
    ['a,b', 'CSV needs a header row and at least one data row'],
    [{ a: [1, 2], b: [1] }, 'field b has 1 values, a has 2'],
    [{ a: [1, 'two'] }, 'field a, value 2: the value is not a number'],
    [[], 'data has no records'],
    [42, 'data is neither CSV text, an array of records nor an object of arrays'],
  ])('rejects %j: %s', (data, message) => {
    expect(() => parseResourceData(data)).toThrow(new InvalidDataError(message));
  });
});
