import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Dataset, OmaInputError, RecordShape, requireChannels } from '../dataset';
import { RecordFileWriter } from '../record/record-file';
import { CsvRowReader, CsvTableBuilder, isTimeColumn } from './csv-table';
import { TimeSteps } from './time-steps';

export interface CsvReadOptions {
  /** Sampling rate in Hz; required when the file has no `time` column. */
  samplingRateHz?: number;
}

/**
 * Reads a CSV file of channels into memory, line by line (see csv-table.ts: header row of names,
 * optional time column). Analyses of long records read it into a record file instead (spoolCsvStream).
 */
export async function readCsvFile(path: string, options: CsvReadOptions = {}): Promise<Dataset> {
  const reader = new CsvDatasetBuilder(options);
  const lines = createInterface({ input: await openCsvFile(path), crlfDelay: Infinity });
  for await (const line of lines) reader.addLine(line);
  return reader.finish();
}

/** A CSV file as a stream, once it is open (a missing file is the user's error). */
export async function openCsvFile(path: string): Promise<Readable> {
  const input = createReadStream(path);
  await new Promise<void>((resolve, reject) => {
    input.once('open', () => resolve());
    input.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new OmaInputError(`no file ${path}`) : error),
    );
  });
  return input;
}

/**
 * Reads a CSV record from a stream into a record file at `path` (record-file.ts), row by row, so
 * memory does not grow with the record; the file is removed when the CSV is refused.
 */
export async function spoolCsvStream(
  input: Readable,
  path: string,
  options: CsvReadOptions = {},
): Promise<RecordShape> {
  const spool = new CsvRecordFileBuilder(path, options);
  try {
    const lines = createInterface({ input, crlfDelay: Infinity });
    for await (const line of lines) spool.addLine(line);
    return spool.finish();
  } catch (error) {
    spool.discard();
    throw error;
  }
}

export function parseCsv(text: string, options: CsvReadOptions = {}): Dataset {
  const reader = new CsvDatasetBuilder(options);
  for (const line of text.split(/\r?\n/)) reader.addLine(line);
  return reader.finish();
}

/** A record from the one CSV table reading (csv-table.ts): the time column gives the sampling rate. */
class CsvDatasetBuilder {
  private readonly table = new CsvTableBuilder(inputError);

  constructor(private readonly options: CsvReadOptions) {}

  addLine(line: string): void {
    this.table.addLine(line);
  }

  finish(): Dataset {
    const { channels, data, time } = this.table.finish();
    let steps: TimeSteps | undefined;
    if (time) {
      steps = new TimeSteps(inputError);
      for (const t of time) steps.add(t);
    }
    const dataset: Dataset = { samplingRateHz: samplingRate(steps, this.options), channels, data };
    requireChannels(dataset);
    return dataset;
  }
}

/** A CSV record written to a record file as it is read: only the header and one row are kept. */
class CsvRecordFileBuilder {
  private readonly rows = new CsvRowReader(inputError);
  private writer?: RecordFileWriter;
  private channels: string[] = [];
  private timeColumn = -1;
  private steps?: TimeSteps;
  private values = new Float64Array(0);

  constructor(
    private readonly path: string,
    private readonly options: CsvReadOptions,
  ) {}

  addLine(line: string): void {
    const row = this.rows.read(line);
    if (!row) return;
    if (!this.writer) this.start(this.rows.header!);
    let c = 0;
    for (let column = 0; column < row.length; column++) {
      if (column === this.timeColumn) this.steps!.add(row[column]);
      else this.values[c++] = row[column];
    }
    this.writer!.appendRow(this.values);
  }

  finish(): RecordShape {
    if (!this.writer || this.writer.samples === 0)
      throw new OmaInputError('CSV needs a header row and at least one data row');
    const shape = {
      channels: this.channels,
      samplingRateHz: samplingRate(this.steps, this.options),
      samples: this.writer.samples,
    };
    requireChannels(shape);
    this.writer.finish(shape.channels, shape.samplingRateHz);
    return shape;
  }

  discard(): void {
    this.writer?.discard();
  }

  private start(names: string[]): void {
    this.timeColumn = names.findIndex(isTimeColumn);
    if (this.timeColumn >= 0) this.steps = new TimeSteps(inputError);
    this.channels = names.filter((_, i) => i !== this.timeColumn);
    this.values = new Float64Array(this.channels.length);
    this.writer = new RecordFileWriter(this.path, this.channels.length);
  }
}

const inputError = (message: string) => new OmaInputError(message);

/** The rate the caller gives, else the time column's; a file without either is refused. */
function samplingRate(steps: TimeSteps | undefined, options: CsvReadOptions): number {
  if (!steps) {
    const rate = options.samplingRateHz;
    if (!rate || rate <= 0) {
      throw new OmaInputError('the file has no time column: give the sampling rate (fs, in Hz)');
    }
    return rate;
  }
  const rate = steps.rate();
  return options.samplingRateHz ?? rate;
}
