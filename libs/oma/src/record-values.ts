import { Dataset, OmaInputError, requireChannels } from './dataset';
import { forEachBlock, recordSource, RecordSource } from './record/record-source';
import { channelsOfSource } from './record/record-views';

/**
 * Largest magnitude analysed: its square times a million samples stays far inside float64 (1e308),
 * so correlations and spectra never overflow into Infinity or NaN.
 */
const MAX_MAGNITUDE = 1e100;

/** A record as FDD and SSI take it, and what was left out of it. */
export interface UsableRecord {
  source: RecordSource;
  warnings: string[];
}

/**
 * What FDD and SSI can use of a record, checked in one pass: every value finite and small enough
 * to square (else the channel and sample are named); a constant channel (a dead sensor) is left out
 * with a warning; a record with fewer than two channels that vary is refused. `stage` names where
 * the values come from in a message ("the record", "the output of the preprocessing").
 */
export function usableRecord(input: Dataset | RecordSource, stage = 'the record'): UsableRecord {
  const source = recordSource(input);
  const n = source.channels.length;
  const min = new Float64Array(n).fill(Infinity);
  const max = new Float64Array(n).fill(-Infinity);
  forEachBlock(source, (block, start) => {
    block.forEach((values, c) => {
      const name = source.channels[c];
      for (let i = 0; i < values.length; i++) {
        const value = values[i];
        if (!Number.isFinite(value)) {
          throw new OmaInputError(
            `channel ${name} of ${stage} holds a value that is not finite at sample ${start + i + 1}`,
          );
        }
        if (Math.abs(value) > MAX_MAGNITUDE) {
          throw new OmaInputError(
            `channel ${name} of ${stage} holds ${value} at sample ${start + i + 1}: too large to square; rescale the record (e.g. to SI units)`,
          );
        }
        if (value < min[c]) min[c] = value;
        if (value > max[c]) max[c] = value;
      }
    });
  });
  const warnings: string[] = [];
  const varying: number[] = [];
  source.channels.forEach((name, c) => {
    if (source.samples > 0 && max[c] === min[c])
      warnings.push(
        `channel ${name} is constant (${min[c]}): a dead sensor? It was left out of the analysis`,
      );
    else varying.push(c);
  });
  if (varying.length === 0 && n > 0)
    throw new OmaInputError(`every channel of ${stage} is constant: there is nothing to analyse`);
  const kept = varying.length === n ? source : channelsOfSource(source, varying);
  requireChannels(kept);
  return { source: kept, warnings };
}
