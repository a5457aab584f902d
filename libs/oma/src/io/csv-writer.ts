import { Writable } from 'node:stream';
import { once } from 'node:events';
import { Dataset, sampleCount } from '../dataset';

/** Writes a record as CSV (a `time` column, then one column per channel) to a stream. */
export async function writeCsv(dataset: Dataset, out: Writable): Promise<void> {
  const header = ['time', ...dataset.channels].join(',') + '\n';
  if (!out.write(header)) await once(out, 'drain');
  const samples = sampleCount(dataset);
  const rowsPerChunk = 2000;
  for (let start = 0; start < samples; start += rowsPerChunk) {
    let chunk = '';
    for (let t = start; t < Math.min(samples, start + rowsPerChunk); t++) {
      chunk += Number((t / dataset.samplingRateHz).toPrecision(12));
      for (const channel of dataset.data) chunk += ',' + channel[t].toPrecision(9);
      chunk += '\n';
    }
    if (!out.write(chunk)) await once(out, 'drain');
  }
}
