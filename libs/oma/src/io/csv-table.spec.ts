import { CsvTableBuilder, isTimeColumn, splitCsvLine } from './csv-table';

const read = (text: string) => {
  const table = new CsvTableBuilder((message) => new Error(message));
  for (const line of text.split('\n')) table.addLine(line);
  return table.finish();
};

describe('the one CSV reading', () => {
  it('splits at the separator outside quotes, with "" for a quote', () => {
    expect(splitCsvLine('a,b,c', ',')).toEqual(['a', 'b', 'c']);
    expect(splitCsvLine('"a,b",c', ',')).toEqual(['a,b', 'c']);
    expect(splitCsvLine('"say ""hi""";x', ';')).toEqual(['say "hi"', 'x']);
    expect(splitCsvLine('a,,c', ',')).toEqual(['a', '', 'c']);
  });

  it('takes the separator the header uses more, and a comma on a tie', () => {
    expect(read('a;b;c\n1;2;3').data.map((column) => [...column])).toEqual([[1], [2], [3]]);
    expect(read('"x;y",b\n1,2').channels).toEqual(['x;y', 'b']);
    expect(read('a\n1').channels).toEqual(['a']);
  });

  it('finds the time column by name: time, t or timestamp, with an optional [s]', () => {
    for (const name of ['time', 'T', 'timestamp', 'time [s]', 'time[s]'])
      expect(isTimeColumn(name)).toBe(true);
    for (const name of ['times', 'tx', 'date']) expect(isTimeColumn(name)).toBe(false);
    const table = read('s1,Time\n1,0');
    expect(table.channels).toEqual(['s1']);
    expect(table.time).toEqual(new Float64Array([0]));
  });

  it('skips blank lines and names what is wrong by line and column', () => {
    expect(read('a,b\n\n1,2\n\n3,4\n').data[1]).toEqual(new Float64Array([2, 4]));
    expect(() => read('a,b\n1,x')).toThrow('CSV line 2, column 2 (b): the value is not a number');
    expect(() => read('a,b\n1')).toThrow('CSV line 2 has 1 values; the header names 2 columns');
    expect(() => read('a,,b\n1,2,3')).toThrow('CSV header has an empty column name');
    expect(() => read('a,b')).toThrow('CSV needs a header row and at least one data row');
  });

  it('grows its columns past their first buffer', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `${i},${2 * i}`).join('\n');
    const table = read(`a,b\n${rows}`);
    expect(table.data[1].length).toBe(1000);
    expect(table.data[1][999]).toBe(1998);
  });
});
