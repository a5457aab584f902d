import { Dataset } from '../dataset';
import { recordSource, RecordSource } from '../record/record-source';
import { macMatrix } from '../modes/mode-shape';
import { ModalResultBase } from '../modes/modal-result';
import { ModeSelection, selectModes, SsiMode } from './mode-selection';
import { covarianceSsiPoles } from './ssi-cov';
import { SsiParams } from './ssi-params';
import { checkParams, resolveSsiParams } from '../params/parameter-schemas';
import { dataSsiPoles } from './ssi-dat';
import { labelPoles } from './stabilization';
import {
  correlationDeviations,
  modeUncertainty,
  subspaceUncertainty,
  uncertaintyBlocks,
} from './uncertainty';

export interface StabilizationPole {
  order: number;
  frequency_hz: number;
  damping_ratio: number;
  mpc: number;
  stable_frequency: boolean;
  stable_damping: boolean;
  stable_mode: boolean;
  stable: boolean;
}

export type SsiMethod = 'SSI' | 'SSI-DAT';

export interface SsiResult extends ModalResultBase {
  /** SSI: covariance-driven; SSI-DAT: data-driven (ssi-dat.ts). */
  type: SsiMethod;
  modes: SsiMode[];
  params: SsiParams & { block_rows: number; references?: string[] };
  /** Every pole of every order with its stability labels: the data of the stabilization diagram. */
  stabilization: { orders: number[]; poles: StabilizationPole[] };
  clusters: ModeSelection['clusters'];
  /** Leading singular values of the block Toeplitz matrix. */
  singular_values: number[];
}

export function stochasticSubspaceIdentification(
  input: Dataset | RecordSource,
  given: Partial<SsiParams & { references: string[] }> = {},
  method: SsiMethod = 'SSI',
): SsiResult {
  const source = recordSource(input);
  const resolved = method === 'SSI' ? resolveSsiParams(given) : checkParams('SSI-DAT', given);
  const identified = method === 'SSI' ? covarianceSsiPoles(source, resolved) : dataSsiPoles(source, resolved);
  const params = { ...resolved, block_rows: identified.blockRows };
  const labelled = labelPoles(identified.poles, params);
  const selection = selectModes(labelled, params);
  if (params.uncertainty) {
    const deviations = correlationDeviations(
      source,
      2 * identified.blockRows - 1,
      uncertaintyBlocks(source.samples, identified.blockRows),
    );
    const atPoles = (poles: Array<{ order: number; frequency_hz: number }>) =>
      subspaceUncertainty(
        identified.subspace,
        source.channels.length,
        identified.blockRows,
        source.samplingRateHz,
        poles,
        identified.correlationKernel,
        deviations,
      );
    for (const mode of selection.modes) mode.uncertainty = modeUncertainty(mode, labelled, params, atPoles);
  }
  const shapes = selection.modes.map((mode) => mode.mode_shape);
  return {
    type: method,
    sampling_rate_hz: source.samplingRateHz,
    channels: source.channels,
    modes: selection.modes,
    mac_matrix: macMatrix(shapes, shapes),
    params,
    stabilization: {
      orders: identified.orders,
      poles: labelled.flat().map(({ shape: _shape, ...pole }) => pole),
    },
    clusters: selection.clusters,
    singular_values: identified.singularValues,
  };
}
