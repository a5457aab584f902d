import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { OmaInputError } from '../dataset';
import { spoolCsvStream } from '../io/csv-reader';
import { RecordFile, RecordFileWriter, writeRecordFile } from './record-file';
import { withRecordFile } from './record-selection';
import { readWhole, recordSource } from './record-source';

describe('record files', () => {
  let directory: string;
  beforeAll(() => (directory = mkdtempSync(join(tmpdir(), 'record-file-'))));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  const dataset = {
    samplingRateHz: 12.5,
    channels: ['a', 'b', 'c'],
    data: [
      Float64Array.from({ length: 10_000 }, (_, i) => Math.sin(i)),
      Float64Array.from({ length: 10_000 }, (_, i) => i * 1e-300),
      Float64Array.from({ length: 10_000 }, (_, i) => -i),
    ],
  };

  it('round-trips a record exactly, whole and in blocks', () => {
    const path = join(directory, 'round-trip.mfds');
    writeRecordFile(path, recordSource(dataset));
    const file = RecordFile.open(path);
    try {
      expect(file.samples).toBe(10_000);
      expect(readWhole(file)).toEqual(dataset);
      expect(Array.from(file.read(4095, 3)[2])).toEqual([-4095, -4096, -4097]);
      expect(() => file.read(9_999, 2)).toThrow(RangeError);
    } finally {
      file.close();
    }
  });

  it('selects channels and a time window as views', () => {
    const path = join(directory, 'selected.mfds');
    writeRecordFile(path, recordSource(dataset));
    const selected = withRecordFile({ path, channels: ['c', 'a'], start_s: 8, end_s: 16 }, readWhole);
    expect(selected.channels).toEqual(['c', 'a']);
    expect(selected.data[0]).toEqual(dataset.data[2].slice(100, 200));
    expect(selected.data[1]).toEqual(dataset.data[0].slice(100, 200));
  });

  it('refuses a file that is not a record file', () => {
    const path = join(directory, 'text.mfds');
    writeFileSync(path, 'time,a\n0,1\n');
    expect(() => RecordFile.open(path)).toThrow('not a ModalFlow record file');
  });

  it('refuses a truncated record file', () => {
    const path = join(directory, 'truncated.mfds');
    const writer = new RecordFileWriter(path, 2);
    writer.appendRow([1, 2]);
    writer.finish(['a', 'b', 'c'], 10);
    expect(() => RecordFile.open(path)).toThrow('not a ModalFlow record file');
  });

  describe('a CSV stream spooled into a record file', () => {
    const csv = (text: string) => Readable.from([text]);

    it('keeps the channels and takes the rate from the time column', async () => {
      const path = join(directory, 'spooled.mfds');
      const rows = Array.from({ length: 5000 }, (_, i) => `${i / 50},${i},${-2 * i}`).join('\n');
      const shape = await spoolCsvStream(csv(`time,x,y\n${rows}\n`), path);
      expect(shape).toEqual({ channels: ['x', 'y'], samplingRateHz: 50, samples: 5000 });
      const record = withRecordFile({ path }, readWhole);
      expect(record.data[1][4999]).toBe(-9998);
      expect(record.samplingRateHz).toBe(50);
    });

    it.each([
      ['time,x,y\n0,1,2\n0.1,1,oops\n', /line 3, column 3 \(y\): the value is not a number/],
      ['x,y\n1,2\n', /no time column: give the sampling rate/],
      ['time,x\n0,1\n0.1,2\n', /at least 2/],
      ['time,x,y\n', /a header row and at least one data row/],
    ])('refuses %j naming the cause, and leaves no file', async (text, message) => {
      const path = join(directory, 'refused.mfds');
      await expect(spoolCsvStream(csv(text), path)).rejects.toEqual(
        expect.objectContaining({ name: OmaInputError.name, message: expect.stringMatching(message) }),
      );
      expect(() => RecordFile.open(path)).toThrow(/ENOENT/);
    });
  });
});
