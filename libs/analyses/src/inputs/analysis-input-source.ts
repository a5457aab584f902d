import type { RecordFileInput, RecordShape } from '@modalflow/oma';
import type { AnalysisInput } from './analysis-input';

/** Whose input it is: an analysis of this tenant's structure. */
export interface InputOwner {
  tenantId: number;
  structureId: string;
}

/**
 * One kind of analysis input (`input.source`), for both sides: the API checks it when the analysis
 * is created, the OMA worker reads it when the analysis runs. Registered in ANALYSIS_INPUT_SOURCES.
 */
export interface AnalysisInputSource<S extends AnalysisInput['source'] = AnalysisInput['source']> {
  readonly source: S;
  /**
   * Checks every id in the input against its owner (404 when not theirs, 409 when not ready) and
   * answers the record's shape when it is known without reading samples.
   */
  shapeOf(input: Extract<AnalysisInput, { source: S }>, owner: InputOwner): Promise<RecordShape | undefined>;
  /**
   * Writes the record into a record file at `spooled` (or answers a record file of its own, which
   * the run does not remove); throws OmaInputError or StorageInputError with a reason for the user.
   */
  read(
    input: Extract<AnalysisInput, { source: S }>,
    owner: InputOwner,
    spooled: string,
  ): Promise<RecordFileInput>;
}
