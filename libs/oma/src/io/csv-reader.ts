import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Dataset, OmaInputError, requireChannels } from '../dataset';
import { CsvTableBuilder } from './csv-table';

export interface CsvReadOptions {
  /** Sampling rate in Hz; required when the file has no `time` column. */
  samplingRateHz?: number;
}

/** Relative spread of time steps accepted as "constant rate" (jitter of the clock's rounding). */
const TIME_STEP_TOLERANCE = 0.01;

/** Streams a CSV file of channels (see csv-table.ts: header row of names, optional time column). */
export async function readCsvFile(path: string, options: CsvReadOptions = {}): Promise<Dataset> {
  const reader = new CsvDatasetBuilder(options);
  const input = createReadStream(path);
  const opened = new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new OmaInputError(`no file ${path}`) : error),
    );
  });
  await opened;
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
    if (time.length < 2) throw new OmaInputError('the file needs at least two rows of samples');
    const step = (time[time.length - 1] - time[0]) / (time.length - 1);
    if (!(step > 0)) throw new OmaInputError('the time column must increase');
    for (let i = 1; i < time.length; i++) {
      if (Math.abs(time[i] - time[i - 1] - step) > TIME_STEP_TOLERANCE * step) {
        throw new OmaInputError(
          `uneven time steps: rows ${i} and ${i + 1} of data are ${(time[i] - time[i - 1]).toPrecision(6)} s apart, ` +
            `the mean step is ${step.toPrecision(6)} s; resample the record to a constant rate`,
        );
      }
    }
    return this.options.samplingRateHz ?? Number((1 / step).toPrecision(10));
  }
}
