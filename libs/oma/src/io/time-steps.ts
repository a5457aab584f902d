/** Relative spread of time steps accepted as "constant rate" (jitter of the clock's rounding). */
const TIME_STEP_TOLERANCE = 0.01;

/**
 * The one check of a time column, fed value by value so a stream can use it in constant memory: it
 * must increase, every step within 1% of the mean step (checked at the end through the smallest and
 * the largest step); the sampling rate is 1 / the mean step.
 */
export class TimeSteps {
  private first = NaN;
  private previous = NaN;
  private count = 0;
  private smallest = { step: Infinity, row: 0 };
  private largest = { step: -Infinity, row: 0 };

  /** `invalid` makes the caller's error from a message. */
  constructor(private readonly invalid: (message: string) => Error) {}

  add(time: number): void {
    if (this.count === 0) this.first = time;
    else {
      const step = time - this.previous;
      if (step < this.smallest.step) this.smallest = { step, row: this.count };
      if (step > this.largest.step) this.largest = { step, row: this.count };
    }
    this.previous = time;
    this.count++;
  }

  /** The sampling rate in Hz, once every value has been added. */
  rate(): number {
    if (this.count < 2) throw this.invalid('the record needs at least two rows of samples');
    const mean = (this.previous - this.first) / (this.count - 1);
    if (!(mean > 0) || !(this.smallest.step > 0)) throw this.invalid('the time column must increase');
    for (const { step, row } of [this.smallest, this.largest]) {
      if (Math.abs(step - mean) > TIME_STEP_TOLERANCE * mean) {
        throw this.invalid(
          `uneven time steps: rows ${row} and ${row + 1} of data are ${step.toPrecision(6)} s apart, ` +
            `the mean step is ${mean.toPrecision(6)} s; resample the record to a constant rate`,
        );
      }
    }
    return Number((1 / mean).toPrecision(10));
  }
}
