import { Dataset, OmaInputError, requireChannels, requireSamples } from '../dataset';
import { macMatrix } from '../modes/mode-shape';
import { ModalResultBase } from '../modes/modal-result';
import { checkParams } from '../params/parameter-schemas';
import { recordSource, RecordSource, shapeOf } from '../record/record-source';
import { RecordShape } from '../dataset';
import { selectModes, SsiMode } from '../ssi/mode-selection';
import { referenceIndices } from '../ssi/ssi-dat';
import { StabilizationPole } from '../ssi/ssi';
import { labelPoles } from '../ssi/stabilization';
import { halfSpectra } from './half-spectra';
import { PlscfParams } from './plscf-params';
import { plscfPoles } from './plscf-poles';

export interface PlscfResult extends ModalResultBase {
  type: 'PLSCF';
  modes: SsiMode[];
  params: PlscfParams & { lags: number; references: string[] };
  stabilization: { orders: number[]; poles: StabilizationPole[] };
  clusters: Array<{ frequency_hz: number; poles: number; selected: boolean }>;
}

/** Lags of the default half spectra: at least 2 s and 3 periods of the band's low end. */
const MIN_LAG_SECONDS = 2;
const LAG_PERIODS = 3;
const LAG_LIMITS = { min: 64, max: 2048 } as const;
/** The record gives at least this many samples per lag. */
export const SAMPLES_PER_LAG = 8;

/** Default lags: a power of two covering 2 s and 3 periods of the band's low end, 64 to 2048, samples / 8 at most. */
export function plscfLags(record: RecordShape, params: { frequency_band?: [number, number] }): number {
  const low = params.frequency_band?.[0] ?? 0;
  const seconds = Math.max(MIN_LAG_SECONDS, low > 0 ? LAG_PERIODS / low : 0);
  let lags = LAG_LIMITS.min;
  while (lags < seconds * record.samplingRateHz && lags < LAG_LIMITS.max) lags *= 2;
  while (lags > LAG_LIMITS.min && lags * SAMPLES_PER_LAG > record.samples) lags /= 2;
  return lags;
}

/**
 * pLSCF (poly-reference least-squares complex frequency, "PolyMAX"): half spectra of every channel
 * against the references, a matrix-fraction model fitted per polynomial order (plscf-poles.ts), and
 * SSI's stabilization and automatic selection on its poles. docs/oma.md, "pLSCF".
 */
export function polyReferenceLscf(
  input: Dataset | RecordSource,
  given: Partial<PlscfParams> = {},
): PlscfResult {
  const source = recordSource(input);
  requireChannels(source);
  const resolved = checkParams('PLSCF', given);
  const references = referenceIndices(source.channels, resolved.references);
  const lags = resolved.lags ?? plscfLags(shapeOf(source), resolved);
  requireSamples(
    source,
    SAMPLES_PER_LAG * lags,
    `pLSCF with ${lags} lags`,
    'lower params.lags or give a longer record',
  );
  const fs = source.samplingRateHz;
  const spectra = halfSpectra(source, references, lags);
  const [low, high] = resolved.frequency_band ?? [0, fs / 2];
  const lines = Array.from({ length: spectra.lines }, (_, k) => k).filter((k) => {
    const hz = (k * fs) / lags;
    return hz >= low && hz <= high;
  });
  if (lines.length < 4)
    throw new OmaInputError(
      `params.frequency_band holds ${lines.length} lines of the half spectra: widen it or raise params.lags`,
    );
  const orders: number[] = [];
  for (let n = resolved.order_min; n <= resolved.order_max; n += resolved.order_step) orders.push(n);
  const poles = plscfPoles(spectra, source.channels.length, references.length, lines, fs, orders, high);
  const labelled = labelPoles(poles, resolved);
  const selection = selectModes(labelled, resolved);
  const shapes = selection.modes.map((mode) => mode.mode_shape);
  return {
    type: 'PLSCF',
    sampling_rate_hz: fs,
    channels: source.channels,
    modes: selection.modes,
    mac_matrix: macMatrix(shapes, shapes),
    params: {
      ...resolved,
      lags,
      references: references.map((index) => source.channels[index]),
      frequency_band: [low, high],
    },
    stabilization: { orders, poles: labelled.flat().map(({ shape: _shape, ...pole }) => pole) },
    clusters: selection.clusters,
  };
}
