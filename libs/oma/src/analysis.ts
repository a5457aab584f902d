import { Dataset, OmaInputError } from './dataset';
import { FddResult, frequencyDomainDecomposition } from './fdd/fdd';
import { PreprocessingResult, preprocess } from './preprocessing/preprocessing';
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
