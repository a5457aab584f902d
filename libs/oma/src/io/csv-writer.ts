import { Writable } from 'node:stream';
import { once } from 'node:events';
import { Dataset } from '../dataset';
import { recordSource, RecordSource } from '../record/record-source';

export interface CsvWriteOptions {
  /** Continues a record already written: no header, times from this sample on. */
  continueFrom?: number;
}

/** Writes a record as CSV (a `time` column, then one column per channel) to a stream, block by block. */
export async function writeCsv(
  record: Dataset | RecordSource,
  out: Writable,
  options: CsvWriteOptions = {},
): Promise<void> {
  const source = recordSource(record);
  const offset = options.continueFrom ?? 0;
  if (options.continueFrom === undefined && !out.write(['time', ...source.channels].join(',') + '\n'))
    await once(out, 'drain');
  const rowsPerChunk = 2000;
  for (let start = 0; start < source.samples; start += rowsPerChunk) {
    const block = source.read(start, Math.min(rowsPerChunk, source.samples - start));
    let chunk = '';
    for (let i = 0; i < block[0].length; i++) {
      chunk += Number(((offset + start + i) / source.samplingRateHz).toPrecision(12));
      for (const channel of block) chunk += ',' + channel[i].toPrecision(9);
      chunk += '\n';
    }
    if (!out.write(chunk)) await once(out, 'drain');
  }
}
