import { Dataset, OmaInputError } from './dataset';
import { FddResult, frequencyDomainDecomposition } from './fdd/fdd';
import { PreprocessingResult, preprocess, resolvePreprocessingParams } from './preprocessing/preprocessing';
import { resolveFddParams } from './fdd/fdd-params';
import { resolveSsiParams } from './ssi/ssi-params';
import { SsiResult, stochasticSubspaceIdentification } from './ssi/ssi';

export const ANALYSIS_TYPES = ['PREPROCESSING', 'FDD', 'SSI'] as const;
export type AnalysisType = (typeof ANALYSIS_TYPES)[number];
export type AnalysisResult = PreprocessingResult | FddResult | SsiResult;

export interface AnalysisOutcome {
  result: AnalysisResult;
  /** The processed record, for PREPROCESSING (the input of later analyses). */
  dataset?: Dataset;
}

/** Runs one analysis by its type name: the single entry point of the worker and the command line. */
export function runAnalysis(
  type: string,
  dataset: Dataset,
  params: Record<string, unknown> = {},
): AnalysisOutcome {
  switch (type) {
    case 'PREPROCESSING':
      return preprocess(dataset, params);
    case 'FDD':
      return { result: frequencyDomainDecomposition(dataset, params) };
    case 'SSI':
      return { result: stochasticSubspaceIdentification(dataset, params) };
    default:
      throw new OmaInputError(`unknown analysis type "${type}": use one of ${ANALYSIS_TYPES.join(', ')}`);
  }
}

/** The parameters each analysis type accepts. */
export const PARAMETER_NAMES: Record<AnalysisType, readonly string[]> = {
  PREPROCESSING: ['channels', 'start_s', 'end_s', 'detrend', 'filter', 'decimation_factor'],
  FDD: [
    'segment_length',
    'overlap',
    'frequency_band',
    'frequencies',
    'peak_prominence_db',
    'max_modes',
    'efdd_mac_threshold',
    'efdd_decay_range',
  ],
  SSI: [
    'block_rows',
    'order_min',
    'order_max',
    'order_step',
    'tol_frequency',
    'tol_damping',
    'tol_mac',
    'max_damping',
    'cluster_distance',
    'min_cluster_fraction',
    'frequency_band',
  ],
};

/** Checks an analysis's parameters before any data is read: unknown names and values out of range. */
export function validateParams(type: AnalysisType, params: Record<string, unknown>): void {
  const unknown = Object.keys(params).filter((name) => !PARAMETER_NAMES[type].includes(name));
  if (unknown.length) {
    throw new OmaInputError(
      `params.${unknown[0]} is not a parameter of ${type} (it takes ${PARAMETER_NAMES[type].join(', ')})`,
    );
  }
  if (type === 'PREPROCESSING') resolvePreprocessingParams(params);
  else if (type === 'FDD') resolveFddParams(params);
  else resolveSsiParams(params);
}
