import type { StatusEvent, StatusMoves } from '@modalflow/contracts';
import type { AnalysisType } from '@modalflow/oma';

/** Analysis types (PREPROCESSING, FDD, SSI) are the numerics library's. */
export { ANALYSIS_TYPES, type AnalysisType } from '@modalflow/oma';

/**
 * READY (created) -> QUEUED (run requested) -> RUNNING -> DONE, ERROR or ABORTED. SKIPPED: created by
 * a monitoring rule for a measurement the rule cannot apply to (its `error` says why), never run.
 */
export const ANALYSIS_STATUSES = [
  'READY',
  'QUEUED',
  'RUNNING',
  'DONE',
  'ERROR',
  'ABORTED',
  'SKIPPED',
] as const;
export type AnalysisStatus = (typeof ANALYSIS_STATUSES)[number];
export const ACTIVE_ANALYSIS_STATUSES: readonly AnalysisStatus[] = ['QUEUED', 'RUNNING'];
/** The statuses from which a run may be requested. */
export const INACTIVE_ANALYSIS_STATUSES: readonly AnalysisStatus[] = ANALYSIS_STATUSES.filter(
  (status) => !ACTIVE_ANALYSIS_STATUSES.includes(status),
);

/**
 * The allowed moves, by the status moved to: the statuses it may be reached from. Every status
 * change goes through AnalysisStatusChanges, which refuses any other.
 */
export const ANALYSIS_MOVES: StatusMoves<AnalysisStatus> = {
  /** A run is requested (the API, a monitoring rule) of an analysis that is not queued or running. */
  QUEUED: INACTIVE_ANALYSIS_STATUSES,
  /** A worker claims it; again, after the lease of a worker that died ran out. */
  RUNNING: ['QUEUED', 'RUNNING'],
  /** From QUEUED: a failed enqueue puts the analysis back where it was (AnalysisRuns); so for READY and SKIPPED. */
  DONE: ['RUNNING', 'QUEUED'],
  /** A run fails; also before it was RUNNING (the worker could not start it). */
  ERROR: ['QUEUED', 'RUNNING'],
  /** Aborted while queued (the API) or while running (its worker). */
  ABORTED: ['QUEUED', 'RUNNING'],
  READY: ['QUEUED'],
  SKIPPED: ['QUEUED'],
};

export function analysisStatusEvent(analysis: {
  id: string;
  structure_id: string;
  tenant_id: number;
  user_id: number;
  type: AnalysisType;
  status: AnalysisStatus;
  error?: string;
}): StatusEvent {
  return {
    tenant_id: analysis.tenant_id,
    user_id: analysis.user_id,
    document_id: analysis.id,
    run_type: analysis.type,
    structure_id: analysis.structure_id,
    status: analysis.status,
    ...(analysis.error ? { message: analysis.error } : {}),
  };
}
