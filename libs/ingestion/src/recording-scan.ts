import { InvalidDataError } from './resource-data';
import { FieldAccumulator, statsFromAccumulator } from './summary';
import type { RecordingSummary } from './recording-summary';
import { CsvRowReader, isTimeColumn, TimeSteps } from '@modalflow/oma';

/** Channels an analysis needs at least (as libs/oma's requireChannels). */
const MIN_CHANNELS = 2;

/**
 * Checks an uploaded recording as it streams by, line by line, in constant memory: the one CSV
 * reading (header, numbers; the first bad line and column named), a time column with a constant step
 * or a given sampling rate, at least two channels; sums each channel as it goes.
 */
export class RecordingScan {
  private readonly rows = new CsvRowReader((message) => new InvalidDataError(message));
  private readonly steps = new TimeSteps((message) => new InvalidDataError(message));
  private timeColumn = -1;
  private channels: string[] = [];
  private sums: FieldAccumulator[] = [];
  private samples = 0;

  /** `samplingRateHz`: given with the upload; needed when there is no time column, else it wins. */
  constructor(private readonly samplingRateHz?: number) {}

  addLine(line: string): void {
    const row = this.rows.read(line);
    if (!row) return;
    if (this.samples === 0) this.start(this.rows.header!);
    for (let column = 0, channel = 0; column < row.length; column++) {
      const value = row[column];
      if (column === this.timeColumn) {
        this.steps.add(value);
        continue;
      }
      const sum = this.sums[channel++];
      sum.count++;
      sum.sum += value;
      sum.sum_sq += value * value;
      if (value < sum.min) sum.min = value;
      if (value > sum.max) sum.max = value;
    }
    this.samples++;
  }

  finish(): RecordingSummary {
    if (this.samples === 0)
      throw new InvalidDataError('the recording needs a header row and rows of samples');
    if (this.channels.length < MIN_CHANNELS) {
      throw new InvalidDataError(
        `the recording has ${this.channels.length} channel(s); modal analysis needs at least ${MIN_CHANNELS}`,
      );
    }
    const rate = this.samplingRate();
    return {
      channels: this.channels,
      samples: this.samples,
      sampling_rate_hz: rate,
      duration_s: this.samples / rate,
      summary: this.channels.map((channel, i) => {
        const sum = this.sums[i];
        const stats = statsFromAccumulator(sum);
        return { channel, ...stats, rms: Math.sqrt(sum.sum_sq / sum.count) };
      }),
    };
  }

  private start(header: string[]): void {
    this.timeColumn = header.findIndex(isTimeColumn);
    this.channels = header.filter((_, column) => column !== this.timeColumn);
    this.sums = this.channels.map(() => ({ count: 0, sum: 0, sum_sq: 0, min: Infinity, max: -Infinity }));
  }

  private samplingRate(): number {
    if (this.timeColumn < 0) {
      if (!this.samplingRateHz)
        throw new InvalidDataError('the recording has no time column: give its sampling_rate_hz');
      return this.samplingRateHz;
    }
    const rate = this.steps.rate();
    return this.samplingRateHz ?? rate;
  }
}
