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
import { halfPowerCentroid, Peak, prominentPeaks } from './peak-picking';
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
  type: 'FDD';
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

export function frequencyDomainDecomposition(
  input: Dataset | RecordSource,
  given: Partial<FddParams> = {},
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
  const picks: Pick[] = params.frequencies
    ? separateClosePicks(
        params.frequencies.map((hz) => strongestLineNear(firstDb, hz, df, lines)),
        singular[0],
        (a, b) => mac(shapeAt(a), shapeAt(b)),
      )
    : withCloseModes(
        candidates
          .filter((peak) => peak.prominenceDb >= params.peak_prominence_db)
          .sort((a, b) => b.prominenceDb - a.prominenceDb)
          .slice(0, params.max_modes)
          .map((peak) => ({ line: peak.line, level: 0 as const })),
        prominentPeaks(
          Float64Array.from(singular[1] ?? [], (value) => 10 * Math.log10(value + floor)),
          from,
          to,
        ).filter((peak) => peak.prominenceDb >= params.peak_prominence_db + SECOND_PEAK_EXTRA_DB),
        params.max_modes,
        (a, b) => mac(shapeAt(a.line, a.level), shapeAt(b.line, b.level)),
      );
  const selectedLines = picks.map((pick) => pick.line);

  const bells: Array<[number, number]> = [];
  const baseModes: FddMode[] = picks.map(({ line, level, within }) => {
    const peakShape = shapeAt(line, level);
    const bell = sdofBell(
      line,
      (k) => mac(shapeAt(k, level), peakShape),
      params.efdd_mac_threshold,
      1,
      lines - 1,
    );
    bells.push(bell);
    const sdof = sdofFromBell(singular[level], bell, segmentLength, fs, params.efdd_decay_range);
    return {
      frequency_hz: halfPowerCentroid(singular[level], line, within) * df,
      damping_ratio: sdof?.damping_ratio ?? null,
      efdd_frequency_hz: sdof?.frequency_hz ?? null,
      mode_shape: normaliseShape(peakShape),
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
          picks.map((pick, i) => ({
            frequency_hz: baseModes[i].frequency_hz,
            band_hz: [(bells[i][0] - 1) * df, (bells[i][1] + 1) * df] as [number, number],
            level: pick.level,
            shape: shapeAt(pick.line, pick.level),
          })),
          { ...params, segment_length: efddSegment },
        )
      : [];
  const modes = baseModes.map((mode, i) =>
    refined[i]
      ? { ...mode, damping_ratio: refined[i].damping_ratio, efdd_frequency_hz: refined[i].frequency_hz }
      : mode,
  );

  const selected = new Set(selectedLines);
  return {
    type: 'FDD',
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

/** Which singular value (and vector) a mode is read from: the first, or the second for a close mode. */
type SingularLevel = 0 | 1;

interface Pick {
  line: number;
  level: SingularLevel;
  /** Lines its frequency is read from (close picks share a lobe, each keeps to its side). */
  within?: [number, number];
}

/** A peak of the second singular value needs this much more prominence than one of the first. */
const SECOND_PEAK_EXTRA_DB = 6;
/**
 * ... and a singular vector with a MAC below this with every mode already picked. Between two
 * well-separated modes the second singular value peaks where their skirts cross, with a vector
 * like one of them (MAC 0.67 to 0.87 on the bridge and simulated frames); a close mode's is its
 * own (0.02 for a pair 1% apart).
 */
const DISTINCT_MAC = 0.5;

/**
 * The modes picked on the first singular value, and the close modes only the second shows (docs/oma.md):
 * a prominent peak of the second whose vector is unlike every mode picked so far, the most
 * prominent first, up to `maxModes` in all. Picks of one lobe keep each to its side of their midpoint.
 */
function withCloseModes(
  firstPicks: Pick[],
  secondPeaks: Peak[],
  maxModes: number,
  macOf: (a: Pick, b: Pick) => number,
): Pick[] {
  const picks = [...firstPicks];
  for (const peak of [...secondPeaks].sort((a, b) => b.prominenceDb - a.prominenceDb)) {
    if (picks.length >= maxModes) break;
    const candidate: Pick = { line: peak.line, level: 1 };
    if (picks.every((pick) => macOf(candidate, pick) < DISTINCT_MAC)) picks.push(candidate);
  }
  picks.sort((a, b) => a.line - b.line);
  if (picks.length === firstPicks.length) return picks;
  return picks.map((pick, i) => ({
    ...pick,
    within: [
      i > 0 ? Math.ceil((picks[i - 1].line + pick.line) / 2) : 1,
      i < picks.length - 1 ? Math.floor((pick.line + picks[i + 1].line) / 2) : Number.MAX_SAFE_INTEGER,
    ],
  }));
}

/** Picks whose first singular vectors agree this well are one mode's lobe, not two modes. */
const SAME_LOBE_MAC = 0.9;

/**
 * Given frequencies that land on one mode's lobe (their first singular vectors alike) are close
 * modes the first singular value cannot separate: the pick where the first singular value is
 * highest keeps it, the others are read from the second singular value and vector at their own
 * line, so two picks 1% apart give two modes with their own shapes.
 */
function separateClosePicks(
  lines: number[],
  first: Float64Array,
  macOfLines: (a: number, b: number) => number,
): Pick[] {
  return lines.map((line, i) => {
    const close = lines.filter((other, j) => j !== i && macOfLines(line, other) >= SAME_LOBE_MAC);
    if (close.length === 0) return { line, level: 0 };
    const below = Math.max(...close.filter((other) => other < line), -Infinity);
    const above = Math.min(...close.filter((other) => other > line), Infinity);
    const within: [number, number] = [
      Number.isFinite(below) ? Math.ceil((below + line) / 2) : 1,
      Number.isFinite(above) ? Math.floor((line + above) / 2) : first.length - 2,
    ];
    const stronger = close.some(
      (other) => first[other] > first[line] || (first[other] === first[line] && other < line),
    );
    return { line, level: stronger ? 1 : 0, within };
  });
}

/**
 * The line of a given frequency: the strongest of the first singular value within half a percent
 * (at least one line), so the mode is reported where it was asked.
 */
function strongestLineNear(valuesDb: Float64Array, hz: number, df: number, lines: number): number {
  const centre = Math.round(hz / df);
  if (centre < 1 || centre >= lines - 1) {
    throw new OmaInputError(
      `params.frequencies: ${hz} Hz lies outside the spectrum (0 to ${(lines - 1) * df} Hz)`,
    );
  }
  const reach = Math.max(1, Math.round((0.005 * hz) / df));
  let best = centre;
  for (let k = Math.max(1, centre - reach); k <= Math.min(lines - 2, centre + reach); k++) {
    if (valuesDb[k] > valuesDb[best]) best = k;
  }
  return best;
}
