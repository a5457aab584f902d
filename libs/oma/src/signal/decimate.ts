import { OmaInputError } from '../dataset';
import { butterworth } from './butterworth';
import { zeroPhaseFilter } from './zero-phase-filter';

/** Anti-aliasing low pass at this fraction of the new Nyquist frequency. */
const ANTI_ALIAS_FRACTION = 0.8;
const ANTI_ALIAS_ORDER = 8;

/** Keeps every `factor`-th sample after a zero-phase anti-aliasing low pass. */
export function decimate(signal: Float64Array, factor: number, samplingRateHz: number): Float64Array {
  if (!Number.isInteger(factor) || factor < 1) {
    throw new OmaInputError(`decimation factor must be a positive integer, got ${factor}`);
  }
  if (factor === 1) return Float64Array.from(signal);
  const newNyquist = samplingRateHz / factor / 2;
  const sections = butterworth({
    type: 'lowpass',
    order: ANTI_ALIAS_ORDER,
    cutoffHz: ANTI_ALIAS_FRACTION * newNyquist,
    samplingRateHz,
  });
  const filtered = zeroPhaseFilter(sections, signal);
  const out = new Float64Array(Math.ceil(signal.length / factor));
  for (let i = 0; i < out.length; i++) out[i] = filtered[i * factor];
  return out;
}
