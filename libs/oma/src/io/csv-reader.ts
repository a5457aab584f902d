import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Dataset, OmaInputError, requireChannels } from '../dataset';

export interface CsvReadOptions {
  /** Sampling rate in Hz; required when the file has no `time` column. */
  samplingRateHz?: number;
}

/** Relative spread of time steps accepted as "constant rate" (jitter of the clock's rounding). */
const TIME_STEP_TOLERANCE = 0.01;

/** Streams a CSV file of channels (header row of names, optional `time` column; `,` or `;`). */
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

class CsvDatasetBuilder {
  private lineNumber = 0;
  private separator = ',';
  private header: string[] | null = null;
  private timeColumn = -1;
  private columns: GrowableColumn[] = [];
  private time = new GrowableColumn();

  constructor(private readonly options: CsvReadOptions) {}

  addLine(rawLine: string): void {
    this.lineNumber++;
    const line = rawLine.trim();
    if (line === '') return;
    if (!this.header) return this.readHeader(line);
    const cells = line.split(this.separator);
    if (cells.length !== this.header.length) {
      throw new OmaInputError(
        `line ${this.lineNumber} has ${cells.length} values; the header names ${this.header.length} columns`,
      );
    }
    let channel = 0;
    for (let column = 0; column < cells.length; column++) {
      const value = Number(cells[column]);
      if (cells[column].trim() === '' || !Number.isFinite(value)) {
        throw new OmaInputError(
          `line ${this.lineNumber}, column ${column + 1} (${this.header[column]}): the value is not a number`,
        );
      }
      if (column === this.timeColumn) this.time.push(value);
      else this.columns[channel++].push(value);
    }
  }

  finish(): Dataset {
    if (!this.header) throw new OmaInputError('the file is empty: expected a header row of channel names');
    const channels = this.header.filter((_, column) => column !== this.timeColumn);
    const dataset: Dataset = {
      samplingRateHz: this.samplingRate(),
      channels,
      data: this.columns.map((column) => column.values()),
    };
    requireChannels(dataset);
    return dataset;
  }

  private readHeader(line: string): void {
    this.separator = line.includes(';') ? ';' : ',';
    this.header = line.split(this.separator).map((name) => name.trim().replace(/^"|"$/g, ''));
    this.timeColumn = this.header.findIndex((name) => /^(time|t)(\s*\[?s\]?)?$/i.test(name));
    const channelCount = this.header.length - (this.timeColumn >= 0 ? 1 : 0);
    this.columns = Array.from({ length: channelCount }, () => new GrowableColumn());
  }

  private samplingRate(): number {
    if (this.timeColumn < 0) {
      const rate = this.options.samplingRateHz;
      if (!rate || rate <= 0) {
        throw new OmaInputError('the file has no time column: give the sampling rate (fs, in Hz)');
      }
      return rate;
    }
    const time = this.time.values();
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

class GrowableColumn {
  private buffer = new Float64Array(4096);
  private length = 0;

  push(value: number): void {
    if (this.length === this.buffer.length) {
      const larger = new Float64Array(this.buffer.length * 2);
      larger.set(this.buffer);
      this.buffer = larger;
    }
    this.buffer[this.length++] = value;
  }

  values(): Float64Array {
    return this.buffer.slice(0, this.length);
  }
}
