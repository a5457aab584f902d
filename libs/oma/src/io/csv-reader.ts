import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Dataset, OmaInputError, requireChannels } from '../dataset';
import { CsvTableBuilder } from './csv-table';
import { TimeSteps } from './time-steps';

export interface CsvReadOptions {
  /** Sampling rate in Hz; required when the file has no `time` column. */
  samplingRateHz?: number;
}

/** Streams a CSV file of channels (see csv-table.ts: header row of names, optional time column). */
export async function readCsvFile(path: string, options: CsvReadOptions = {}): Promise<Dataset> {
  const input = createReadStream(path);
  const opened = new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new OmaInputError(`no file ${path}`) : error),
    );
  });
  await opened;
  return readCsvStream(input, options);
}

/** Reads a CSV record from a stream (an object in a bucket, a file), line by line. */
export async function readCsvStream(input: Readable, options: CsvReadOptions = {}): Promise<Dataset> {
  const reader = new CsvDatasetBuilder(options);
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) reader.addLine(line);
  return reader.finish();
}

export function parseCsv(text: string, options: CsvReadOptions = {}): Dataset {
  const reader = new CsvDatasetBuilder(options);
  for (const line of text.split(/\r?\n/)) reader.addLine(line);
  return reader.finish();
}

/** A record from the one CSV table reading (csv-table.ts): the time column gives the sampling rate. */
class CsvDatasetBuilder {
  private readonly table = new CsvTableBuilder((message) => new OmaInputError(message));

  constructor(private readonly options: CsvReadOptions) {}

  addLine(line: string): void {
    this.table.addLine(line);
  }

  finish(): Dataset {
    const { channels, data, time } = this.table.finish();
    const dataset: Dataset = { samplingRateHz: this.samplingRate(time), channels, data };
    requireChannels(dataset);
    return dataset;
  }

  private samplingRate(time: Float64Array | undefined): number {
    if (!time) {
      const rate = this.options.samplingRateHz;
      if (!rate || rate <= 0) {
        throw new OmaInputError('the file has no time column: give the sampling rate (fs, in Hz)');
      }
      return rate;
    }
    const steps = new TimeSteps((message) => new OmaInputError(message));
    for (const t of time) steps.add(t);
    const rate = steps.rate();
    return this.options.samplingRateHz ?? rate;
  }
}
