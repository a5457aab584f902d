import { Dataset, OmaInputError, requireChannels } from '../dataset';
import { recordSource, RecordSource } from '../record/record-source';
import { hermitianEigen } from '../linalg/hermitian-eigen';
import { macMatrix, normaliseShape } from '../modes/mode-shape';
import { IdentifiedMode, ModalResultBase } from '../modes/modal-result';
import { welchCrossSpectra } from '../spectral/welch';
import { sdofBell, sdofFromBell } from './efdd';
import { efddOnFinerLines, efddSegmentLength } from './efdd-fine';
import { FddParams } from './fdd-params';
import { resolveFddParams } from '../params/parameter-schemas';
import { halfPowerCentroid, prominentPeaks } from './peak-picking';
import { separateClosePicks, SingularLevel, strongestLineNear } from './mode-picks';
import { closeModeFilters, withHiddenModes } from './close-modes';
import { filteredPsd, filteredShape } from './spatial-filters';
import { ComplexShape } from '../modes/mode-shape';
import { mac } from '../modes/mode-shape';

const MAX_SEGMENT_LENGTH = 4096;
const MIN_AVERAGES = 8;
/** The shortest default segment that still resolves peaks (32 lines). */
const MIN_SEGMENT_LENGTH = 64;
/** The shortest record FDD takes with its default segment: 64 samples with 8 half-overlapping averages. */
export const MIN_FDD_SAMPLES = (MIN_SEGMENT_LENGTH * (MIN_AVERAGES + 1)) / 2;

/** Refuses a record too short for FDD's default segment (a given segment_length is checked on its own). */
export function requireFddRecordLength(samples: number, segmentLength?: number): void {
  if (segmentLength === undefined && samples < MIN_FDD_SAMPLES) {
    throw new OmaInputError(
      `FDD needs at least ${MIN_FDD_SAMPLES} samples (a segment of ${MIN_SEGMENT_LENGTH} with ${MIN_AVERAGES} averages); ` +
        `the record has ${samples} (give a longer record)`,
    );
  }
}

export interface FddMode extends IdentifiedMode {
  /** Frequency from the EFDD auto-correlation (the peak's own is `frequency_hz`). */
  efdd_frequency_hz: number | null;
}

export interface FddResult extends ModalResultBase {
  /** FSDD reads every mode through its modal filter and reports the fitted bell's frequency. */
  type: FddMethod;
  modes: FddMode[];
  params: FddParams & { segment_length: number };
  /** Samples per Welch segment of the spectrum damping was estimated on (see efdd-fine.ts). */
  efdd_segment_length: number;
  /** Singular values of the spectral matrix: values[k][line] is the (k+1)-th at frequencies_hz[line]. */
  singular_values: { frequencies_hz: number[]; values: number[][] };
  /** Every peak considered, with its prominence, and whether it was taken as a mode. */
  peaks: Array<{ frequency_hz: number; prominence_db: number; selected: boolean }>;
}

export function defaultSegmentLength(samples: number): number {
  let length = 2;
  while (length * 2 <= MAX_SEGMENT_LENGTH && (2 * samples) / (length * 2) - 1 >= MIN_AVERAGES) length *= 2;
  return length;
}

export type FddMethod = 'FDD' | 'FSDD';

/**
 * FDD (peak picking on the singular values, EFDD damping), or FSDD (frequency-spatial domain
 * decomposition: the same picks, each mode's spectrum seen through its modal filter, frequency and
 * damping from the SDOF bell fitted there).
 */
export function frequencyDomainDecomposition(
  input: Dataset | RecordSource,
  given: Partial<FddParams> = {},
  method: FddMethod = 'FDD',
): FddResult {
  const source = recordSource(input);
  requireChannels(source);
  const resolved = resolveFddParams(given);
  requireFddRecordLength(source.samples, resolved.segment_length);
  const segmentLength = resolved.segment_length ?? defaultSegmentLength(source.samples);
  const params = { ...resolved, segment_length: segmentLength };
  const fs = source.samplingRateHz;
  const n = source.channels.length;

  const spectra = welchCrossSpectra(source, { segmentLength, overlap: params.overlap });
  const lines = spectra.frequencies.length;
  const singular = Array.from({ length: n }, () => new Float64Array(lines));
  // The first two singular vectors at every line: [level][re | im].
  const vectors = [0, 1].map(() => ({ re: new Float64Array(lines * n), im: new Float64Array(lines * n) }));
  for (let k = 0; k < lines; k++) {
    const eigen = hermitianEigen(spectra.re, spectra.im, n, k * n * n);
    for (let s = 0; s < n; s++) singular[s][k] = Math.max(0, eigen.values[s]);
    vectors[0].re.set(eigen.firstRe, k * n);
    vectors[0].im.set(eigen.firstIm, k * n);
    vectors[1].re.set(eigen.secondRe, k * n);
    vectors[1].im.set(eigen.secondIm, k * n);
  }
  const shapeAt = (line: number, level: SingularLevel = 0) => ({
    re: vectors[level].re.subarray(line * n, line * n + n),
    im: vectors[level].im.subarray(line * n, line * n + n),
  });

  const df = fs / segmentLength;
  const [bandLow, bandHigh] = params.frequency_band ?? [0, fs / 2];
  if (!(bandLow >= 0 && bandHigh <= fs / 2 && bandLow < bandHigh)) {
    throw new OmaInputError(
      `params.frequency_band must lie within 0 and the Nyquist frequency ${fs / 2} Hz, low first`,
    );
  }
  const from = Math.max(1, Math.ceil(bandLow / df));
  const to = Math.min(lines - 1, Math.floor(bandHigh / df) + 1);
  const floor = Math.max(...singular[0]) * 1e-30;
  const firstDb = Float64Array.from(singular[0], (value) => 10 * Math.log10(value + floor));

  const candidates = prominentPeaks(firstDb, from, to);
  const picks: ModePick[] = params.frequencies
    ? separateClosePicks(
        params.frequencies.map((hz) => strongestLineNear(firstDb, hz, df, lines)),
        singular[0],
        (a, b) => mac(shapeAt(a), shapeAt(b)),
      ).map(({ line, level }) => ({ line, level, shape: shapeAt(line, level) }))
    : withHiddenModes(
        candidates
          .filter((peak) => peak.prominenceDb >= params.peak_prominence_db)
          .sort((a, b) => b.prominenceDb - a.prominenceDb)
          .slice(0, params.max_modes)
          .map((peak) => ({ line: peak.line, shape: shapeAt(peak.line, 0) })),
        spectra,
        n,
        lines,
        { from, to, prominenceDb: params.peak_prominence_db, maxModes: params.max_modes },
      ).map((pick) => ({ ...pick, level: 0 as const }));
  const filters = closeModeFilters(picks, n, { everyMode: method === 'FSDD' });
  const views = picks.map((pick, i): ModeView => {
    const filter = filters[i];
    if (!filter) {
      return {
        line: pick.line,
        shape: pick.shape,
        values: singular[pick.level],
        vectorAt: (k) => shapeAt(k, pick.level),
        level: pick.level,
      };
    }
    const values = filteredPsd(spectra, n, filter, lines);
    const line = strongestLineWithin(values, pick.line, Math.max(2, Math.round(0.005 * pick.line)));
    return {
      line,
      shape: filteredShape(spectra, n, filter, line),
      values,
      vectorAt: (k) => filteredShape(spectra, n, filter, k),
      filter,
    };
  });
  const selectedLines = picks.map((pick) => pick.line);

  const bells: Array<[number, number]> = [];
  const baseModes: FddMode[] = views.map((view) => {
    const bell = sdofBell(
      view.line,
      (k) => mac(view.vectorAt(k), view.shape),
      params.efdd_mac_threshold,
      1,
      lines - 1,
    );
    bells.push(bell);
    const sdof = sdofFromBell(view.values, bell, segmentLength, fs, params.efdd_decay_range);
    return {
      frequency_hz: halfPowerCentroid(view.values, view.line) * df,
      damping_ratio: sdof?.damping_ratio ?? null,
      efdd_frequency_hz: sdof?.frequency_hz ?? null,
      mode_shape: normaliseShape(view.shape),
    };
  });

  // The damping of a lightly damped mode needs finer lines than peak picking does (efdd-fine.ts).
  const efddSegment =
    resolved.segment_length === undefined && baseModes.length
      ? efddSegmentLength(source.samples, fs, Math.min(...baseModes.map((mode) => mode.frequency_hz)))
      : segmentLength;
  const refined =
    efddSegment > segmentLength
      ? efddOnFinerLines(
          source,
          views.map((view, i) => ({
            frequency_hz: baseModes[i].frequency_hz,
            band_hz: [(bells[i][0] - 1) * df, (bells[i][1] + 1) * df] as [number, number],
            level: view.level ?? 0,
            filter: view.filter,
            shape: view.shape,
          })),
          { ...params, segment_length: efddSegment },
        )
      : [];
  const modes = baseModes
    .map((mode, i) =>
      refined[i]
        ? { ...mode, damping_ratio: refined[i].damping_ratio, efdd_frequency_hz: refined[i].frequency_hz }
        : mode,
    )
    .map((mode) =>
      method === 'FSDD' ? { ...mode, frequency_hz: mode.efdd_frequency_hz ?? mode.frequency_hz } : mode,
    );

  const selected = new Set(selectedLines);
  return {
    type: method,
    efdd_segment_length: efddSegment,
    sampling_rate_hz: fs,
    channels: source.channels,
    modes,
    mac_matrix: macMatrix(
      modes.map((m) => m.mode_shape),
      modes.map((m) => m.mode_shape),
    ),
    params,
    singular_values: {
      frequencies_hz: Array.from(spectra.frequencies),
      values: singular.map((s) => Array.from(s)),
    },
    peaks: candidates
      .filter((peak) => peak.prominenceDb >= 1 || selected.has(peak.line))
      .map((peak) => ({
        frequency_hz: peak.line * df,
        prominence_db: peak.prominenceDb,
        selected: selected.has(peak.line),
      })),
  };
}

interface ModePick {
  line: number;
  level: SingularLevel;
  shape: ComplexShape;
}

/**
 * How a picked mode is read: the spectrum it lies on and its vector at each line, either a
 * singular value and vector or, for a mode sharing its lobe with another, its modal filter's view.
 */
interface ModeView {
  line: number;
  shape: ComplexShape;
  values: Float64Array;
  vectorAt: (line: number) => ComplexShape;
  level?: SingularLevel;
  filter?: ComplexShape;
}

/** The line of the largest value within `reach` lines of `line`. */
function strongestLineWithin(values: Float64Array, line: number, reach: number): number {
  let best = line;
  for (let k = Math.max(1, line - reach); k <= Math.min(values.length - 2, line + reach); k++) {
    if (values[k] > values[best]) best = k;
  }
  return best;
}
