import { RecordSource } from '../record/record-source';
import { HermitianEigen, hermitianEigen } from '../linalg/hermitian-eigen';
import { ComplexShape, mac } from '../modes/mode-shape';
import { welchCrossSpectraOfBands } from '../spectral/welch';
import { SdofEstimate, sdofBell, sdofFromBell } from './efdd';
import { filteredShape, filteredValue } from './spatial-filters';
import { FddParams } from './fdd-params';

/**
 * EFDD wants this many spectral lines inside the half-power band (2 zeta f) of a mode damped
 * REFERENCE_DAMPING: on coarser lines the bell is too wide and damping comes out high (1% at 1 Hz
 * came out 2.1% on the 4096-sample segments of a 100 Hz record).
 */
const LINES_PER_HALF_POWER_BAND = 2;
const REFERENCE_DAMPING = 0.005;
/** Averages a finer segment must still get: fewer make the bell too noisy to fit. */
const FINE_SEGMENT_AVERAGES = 16;

/**
 * The segment EFDD needs for modes from `lowestHz` up: two lines in the half-power band of a
 * 0.5%-damped mode, as long as the record gives 16 averages. Peaks, frequencies and shapes stay on
 * the default segment: longer segments of few averages make noisy peaks (a 6-storey frame's
 * frequencies were 0.7% off at 32768 samples against 0.1% at 4096).
 */
export function efddSegmentLength(samples: number, samplingRateHz: number, lowestHz: number): number {
  const wanted = (LINES_PER_HALF_POWER_BAND * samplingRateHz) / (2 * REFERENCE_DAMPING * lowestHz);
  let length = 2;
  while (length < wanted && (2 * samples) / (length * 2) - 1 >= FINE_SEGMENT_AVERAGES) length *= 2;
  return length;
}

export interface PickedMode {
  frequency_hz: number;
  /** Where its bell lies on the default segment's lines, in Hz: the finer lines are taken there. */
  band_hz: [number, number];
  /** The singular value it was read from: 0 (first) or 1 (second, a close mode). */
  level: 0 | 1;
  shape: ComplexShape;
  /** A mode sharing its lobe is read through its modal filter instead (close-modes.ts). */
  filter?: ComplexShape;
}

/**
 * EFDD of each picked mode on the spectrum of `params.segment_length`-sample segments, computed
 * in one pass over the record and over the modes' bands only (memory follows the bands, not the
 * segment): a mode's peak is the strongest
 * line of its singular value within 0.5% of its frequency, its bell the lines whose singular vector
 * keeps a MAC of `efdd_mac_threshold` with its shape.
 */
export function efddOnFinerLines(
  source: RecordSource,
  modes: PickedMode[],
  params: FddParams & { segment_length: number },
): Array<SdofEstimate | null> {
  const segmentLength = params.segment_length;
  const fs = source.samplingRateHz;
  const n = source.channels.length;
  const df = fs / segmentLength;
  const lastUsable = segmentLength / 2 - 1;
  const bands = modes.map((mode): [number, number] => [
    Math.max(1, Math.floor(mode.band_hz[0] / df)),
    Math.min(lastUsable, Math.ceil(mode.band_hz[1] / df)),
  ]);
  const spectraOfBands = welchCrossSpectraOfBands(source, { segmentLength, overlap: params.overlap }, bands);
  return modes.map((mode, m) => {
    const [first, last] = bands[m];
    const spectra = spectraOfBands[m];
    // Decomposed when first read: a mode seen through its filter reads none.
    const eigen: Array<HermitianEigen | undefined> = [];
    const at = (line: number) =>
      (eigen[line - first] ??= hermitianEigen(spectra.re, spectra.im, n, (line - first) * n * n));
    const filter = mode.filter;
    const vectorAt = (line: number): ComplexShape =>
      filter
        ? filteredShape(spectra, n, filter, line - first)
        : mode.level === 0
          ? { re: at(line).firstRe, im: at(line).firstIm }
          : { re: at(line).secondRe, im: at(line).secondIm };
    const valueAt = (line: number): number =>
      filter ? filteredValue(spectra, n, filter, line - first) : at(line).values[mode.level];

    const centre = Math.round(mode.frequency_hz / df);
    const reach = Math.max(1, Math.round((0.005 * mode.frequency_hz) / df));
    let peak = Math.min(last, Math.max(first, centre - reach));
    for (let k = peak; k <= Math.min(last, centre + reach); k++) {
      if (valueAt(k) > valueAt(peak)) peak = k;
    }
    const shape = filter ? vectorAt(peak) : mode.shape;
    const bell = sdofBell(peak, (k) => mac(vectorAt(k), shape), params.efdd_mac_threshold, first, last);
    const values = new Float64Array(segmentLength / 2 + 1);
    for (let k = bell[0]; k <= bell[1]; k++) values[k] = Math.max(0, valueAt(k));
    return sdofFromBell(values, bell, segmentLength, fs, params.efdd_decay_range);
  });
}
