import { type ChannelTable } from '@modalflow/oma';

export interface FieldStats {
  count: number;
  min: number;
  max: number;
  mean: number;
  /** Sample standard deviation (n - 1); 0 for a single value. */
  std: number;
}

export interface TimeSeriesSummary {
  samples: number;
  sampling_rate_hz: number;
  duration_s: number;
  rms: Record<string, number>;
}

export interface DatasetSummary {
  fields: Record<string, FieldStats>;
  /** Present when the data has a time column: then each field is a channel. */
  time_series?: TimeSeriesSummary;
}

/** What a job adds up across its resources; the job's statistics are derived from their totals. */
export interface FieldAccumulator {
  count: number;
  sum: number;
  sum_sq: number;
  min: number;
  max: number;
}

export function summarise(table: ChannelTable): DatasetSummary {
  const fields: Record<string, FieldStats> = {};
  table.channels.forEach((name, i) => (fields[name] = fieldStats(table.data[i])));
  const summary: DatasetSummary = { fields };
  const time = table.time;
  if (time && time.length >= 2) {
    const duration = time[time.length - 1] - time[0];
    const rms: Record<string, number> = {};
    table.channels.forEach((name, i) => (rms[name] = rootMeanSquare(table.data[i])));
    summary.time_series = {
      samples: time.length,
      sampling_rate_hz: duration > 0 ? (time.length - 1) / duration : 0,
      duration_s: duration,
      rms,
    };
  }
  return summary;
}

/** A multichannel time series: a time column and at least two channels of equal length. */
export function isMultichannelTimeSeries(table: ChannelTable): boolean {
  return (
    table.time !== undefined &&
    table.time.length >= 2 &&
    table.data.length >= 2 &&
    table.data.every((column) => column.length === table.time!.length)
  );
}

export function fieldStats(values: Float64Array): FieldStats {
  const count = values.length;
  if (count === 0) return { count: 0, min: 0, max: 0, mean: 0, std: 0 };
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
    sum += value;
  }
  const mean = sum / count;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return { count, min, max, mean, std: count > 1 ? Math.sqrt(squares / (count - 1)) : 0 };
}

function rootMeanSquare(values: Float64Array): number {
  let squares = 0;
  for (const value of values) squares += value * value;
  return values.length ? Math.sqrt(squares / values.length) : 0;
}

/** Per field, what a job adds up across its resources. */
export function accumulators(table: ChannelTable): (FieldAccumulator & { field: string })[] {
  return table.channels.map((field, i) => {
    const values = table.data[i];
    const stats = fieldStats(values);
    let sumSq = 0;
    for (const value of values) sumSq += value * value;
    return {
      field,
      count: stats.count,
      sum: stats.mean * stats.count,
      sum_sq: sumSq,
      min: stats.min,
      max: stats.max,
    };
  });
}

/** The statistics of a field over all resources of a job, from its accumulator. */
export function statsFromAccumulator(acc: FieldAccumulator): FieldStats {
  const mean = acc.count ? acc.sum / acc.count : 0;
  const variance = acc.count > 1 ? Math.max(0, (acc.sum_sq - acc.count * mean * mean) / (acc.count - 1)) : 0;
  return { count: acc.count, min: acc.min, max: acc.max, mean, std: Math.sqrt(variance) };
}

/** Adds per-field accumulators (of one resource, or of many) into running totals. */
export function addAccumulators(
  totals: Map<string, FieldAccumulator>,
  entries: Iterable<FieldAccumulator & { field: string }>,
): Map<string, FieldAccumulator> {
  for (const { field, ...acc } of entries) {
    const total = totals.get(field);
    totals.set(
      field,
      total
        ? {
            count: total.count + acc.count,
            sum: total.sum + acc.sum,
            sum_sq: total.sum_sq + acc.sum_sq,
            min: Math.min(total.min, acc.min),
            max: Math.max(total.max, acc.max),
          }
        : acc,
    );
  }
  return totals;
}
