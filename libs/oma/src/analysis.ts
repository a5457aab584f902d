import { Dataset, OmaInputError, RecordShape } from './dataset';
import { FddResult, frequencyDomainDecomposition } from './fdd/fdd';
import { PreprocessingResult, preprocess } from './preprocessing/preprocessing';
import { SsiResult, stochasticSubspaceIdentification } from './ssi/ssi';
import { ANALYSIS_TYPES, AnalysisType, checkParams } from './params/parameter-schemas';
import { checkParamsForRecord } from './params/record-checks';
import { estimateRunCost, requireAffordable, RunBudget, RunCost } from './params/run-cost';
import { usableRecord } from './record-values';
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
    case 'PREPROCESSING': {
      usableRecord(dataset);
      const outcome = preprocess(dataset, params);
      if (outcome.dataset) usableRecord(outcome.dataset, 'the output of the preprocessing');
      return outcome;
    }
    case 'FDD': {
      const usable = usableRecord(dataset);
      return { result: withWarnings(frequencyDomainDecomposition(usable.dataset, params), usable.warnings) };
    }
    case 'SSI': {
      const usable = usableRecord(dataset);
      return {
        result: withWarnings(stochasticSubspaceIdentification(usable.dataset, params), usable.warnings),
      };
    }
    default:
      throw new OmaInputError(`unknown analysis type "${type}": use one of ${ANALYSIS_TYPES.join(', ')}`);
  }
}

function withWarnings<T extends FddResult | SsiResult>(result: T, warnings: string[]): T {
  return warnings.length ? { ...result, warnings } : result;
}

/**
 * Everything that can be checked before a run, on the record's shape alone: the parameters against
 * their type's schema and the record, and the run's estimated memory and time against the budget.
 * The API calls it when it knows the record; the worker always does, before the analysis starts.
 */
export function checkRun(
  type: AnalysisType,
  params: Record<string, unknown>,
  shape: RecordShape,
  budget: RunBudget,
): RunCost {
  const resolved = checkParams(type, params);
  checkParamsForRecord(type, resolved, shape);
  const cost = estimateRunCost(type, resolved, shape);
  requireAffordable(cost, budget);
  return cost;
}
