import { Dataset, OmaInputError, RecordShape } from './dataset';
import { FddResult, frequencyDomainDecomposition } from './fdd/fdd';
import { PreprocessingResult, preprocess, preprocessToFile } from './preprocessing/preprocessing';
import { SsiResult, stochasticSubspaceIdentification } from './ssi/ssi';
import { PlscfResult, polyReferenceLscf } from './plscf/plscf';
import { ANALYSIS_TYPES, AnalysisType, checkParams } from './params/parameter-schemas';
import { checkParamsForRecord } from './params/record-checks';
import { estimateRunCost, requireAffordable, RunBudget, RunCost } from './params/run-cost';
import { usableRecord } from './record-values';
import { recordSource, RecordSource } from './record/record-source';
export type AnalysisResult = PreprocessingResult | FddResult | SsiResult | PlscfResult;

export interface AnalysisOutcome {
  result: AnalysisResult;
  /** The processed record of a PREPROCESSING run in memory (the input of later analyses). */
  dataset?: Dataset;
}

export interface AnalysisOptions {
  /** Where a PREPROCESSING run writes its processed record (a record file) instead of memory. */
  outputPath?: string;
}

/**
 * Runs one analysis by its type name: the single entry point of the worker and the command line.
 * The record may be in memory or a source read block by block (a record file).
 */
export function runAnalysis(
  type: string,
  record: Dataset | RecordSource,
  params: Record<string, unknown> = {},
  options: AnalysisOptions = {},
): AnalysisOutcome {
  switch (type) {
    case 'PREPROCESSING': {
      usableRecord(record);
      if (options.outputPath)
        return { result: preprocessToFile(recordSource(record), params, options.outputPath) };
      return preprocess(record, params);
    }
    case 'FDD':
    case 'FSDD': {
      const usable = usableRecord(record);
      return {
        result: withWarnings(frequencyDomainDecomposition(usable.source, params, type), usable.warnings),
      };
    }
    case 'SSI':
    case 'SSI-DAT': {
      const usable = usableRecord(record);
      return {
        result: withWarnings(stochasticSubspaceIdentification(usable.source, params, type), usable.warnings),
      };
    }
    case 'PLSCF': {
      const usable = usableRecord(record);
      return { result: withWarnings(polyReferenceLscf(usable.source, params), usable.warnings) };
    }
    default:
      throw new OmaInputError(`unknown analysis type "${type}": use one of ${ANALYSIS_TYPES.join(', ')}`);
  }
}

function withWarnings<T extends FddResult | SsiResult | PlscfResult>(result: T, warnings: string[]): T {
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
