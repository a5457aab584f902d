import { RecordSource } from '../record/record-source';
import { outputCorrelations } from '../ssi/correlations';

/** Half spectra on `lines` lines: entry (o, q) of line k at re/im[(k * l + o) * r + q]. */
export interface HalfSpectra {
  lines: number;
  re: Float64Array;
  im: Float64Array;
  /** The exponential window's time constant in seconds: it adds 1 / window_s to every decay rate. */
  window_s: number;
}

/** The window falls to 1% at the last lag. */
const WINDOW_END = 0.01;

/**
 * Half spectra (positive-lag spectra) of every channel against the references: the correlations
 * R_k (k = 0 .. lags - 1) under an exponential window, Fourier-transformed,
 * S_oq(w) = sum_k w(k) R_k(o, q) e^{-i w k dt}. Their poles are the system's (a full spectrum has
 * each twice, mirrored), and the window's added damping is known exactly.
 */
export function halfSpectra(source: RecordSource, references: number[], lags: number): HalfSpectra {
  const l = source.channels.length;
  const r = references.length;
  const dt = 1 / source.samplingRateHz;
  const R = outputCorrelations(source, lags - 1);
  const decay = -Math.log(WINDOW_END) / (lags - 1);
  const lines = lags / 2 + 1;
  const re = new Float64Array(lines * l * r);
  const im = new Float64Array(lines * l * r);
  for (let k = 0; k < lines; k++) {
    const theta = (Math.PI * k) / (lags / 2);
    for (let lag = 0; lag < lags; lag++) {
      const weight = Math.exp(-decay * lag);
      const c = weight * Math.cos(theta * lag);
      const s = -weight * Math.sin(theta * lag);
      for (let o = 0; o < l; o++)
        for (let q = 0; q < r; q++) {
          const value = R[(lag * l + o) * l + references[q]];
          re[(k * l + o) * r + q] += value * c;
          im[(k * l + o) * r + q] += value * s;
        }
    }
  }
  return { lines, re, im, window_s: ((lags - 1) * dt) / -Math.log(WINDOW_END) };
}
