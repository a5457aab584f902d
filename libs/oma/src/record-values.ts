import { Dataset, OmaInputError, requireChannels } from './dataset';

/**
 * Largest magnitude analysed: its square times a million samples stays far inside float64 (1e308),
 * so correlations and spectra never overflow into Infinity or NaN.
 */
const MAX_MAGNITUDE = 1e100;

/** A record as FDD and SSI take it, and what was left out of it. */
export interface UsableRecord {
  dataset: Dataset;
  warnings: string[];
}

/**
 * What FDD and SSI can use of a record: every value finite and small enough to square (else the
 * channel and sample are named); a constant channel (a dead sensor) is left out with a warning; a
 * record with fewer than two channels that vary is refused. `stage` names where the values come
 * from in a message ("the record", "the output of the preprocessing").
 */
export function usableRecord(dataset: Dataset, stage = 'the record'): UsableRecord {
  const warnings: string[] = [];
  const varying: number[] = [];
  dataset.data.forEach((column, c) => {
    const name = dataset.channels[c];
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < column.length; i++) {
      const value = column[i];
      if (!Number.isFinite(value)) {
        throw new OmaInputError(
          `channel ${name} of ${stage} holds a value that is not finite at sample ${i + 1}`,
        );
      }
      if (Math.abs(value) > MAX_MAGNITUDE) {
        throw new OmaInputError(
          `channel ${name} of ${stage} holds ${value} at sample ${i + 1}: too large to square; rescale the record (e.g. to SI units)`,
        );
      }
      if (value < min) min = value;
      if (value > max) max = value;
    }
    if (column.length > 0 && max === min)
      warnings.push(`channel ${name} is constant (${min}): a dead sensor? It was left out of the analysis`);
    else varying.push(c);
  });
  if (varying.length === 0 && dataset.channels.length > 0)
    throw new OmaInputError(`every channel of ${stage} is constant: there is nothing to analyse`);
  const kept: Dataset =
    varying.length === dataset.channels.length
      ? dataset
      : {
          samplingRateHz: dataset.samplingRateHz,
          channels: varying.map((c) => dataset.channels[c]),
          data: varying.map((c) => dataset.data[c]),
        };
  requireChannels(kept);
  return { dataset: kept, warnings };
}
