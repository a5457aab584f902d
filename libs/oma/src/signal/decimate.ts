import { OmaInputError } from '../dataset';
import { memoryScratch, ScratchSpace } from '../record/scratch';
import { readWhole, recordSource, RecordSource } from '../record/record-source';
import { everyNthSource } from '../record/record-views';
import { butterworth } from './butterworth';
import { zeroPhaseFiltered } from './zero-phase-filter';

/** Anti-aliasing low pass at this fraction of the new Nyquist frequency. */
const ANTI_ALIAS_FRACTION = 0.8;
const ANTI_ALIAS_ORDER = 8;

/** One signal decimated in memory (decimated on a one-channel record). */
export function decimate(signal: Float64Array, factor: number, samplingRateHz: number): Float64Array {
  const source = recordSource({ samplingRateHz, channels: ['x'], data: [signal] });
  return Float64Array.from(readWhole(decimated(source, factor, memoryScratch())).data[0]);
}

/** Keeps every `factor`-th sample after a zero-phase anti-aliasing low pass. */
export function decimated(source: RecordSource, factor: number, scratch: ScratchSpace): RecordSource {
  if (!Number.isInteger(factor) || factor < 1) {
    throw new OmaInputError(`decimation factor must be a positive integer, got ${factor}`);
  }
  if (factor === 1) return source;
  const sections = butterworth({
    type: 'lowpass',
    order: ANTI_ALIAS_ORDER,
    cutoffHz: (ANTI_ALIAS_FRACTION * source.samplingRateHz) / factor / 2,
    samplingRateHz: source.samplingRateHz,
  });
  return everyNthSource(zeroPhaseFiltered(source, sections, scratch), factor);
}
