import { type AnalysisType } from '@modalflow/oma';
import { type StatusEvent } from '@modalflow/contracts';

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

/** Where an analysis reads its record from. */
export type AnalysisInput =
  | { source: 'measurement'; measurement_id: string; channels?: string[]; start_s?: number; end_s?: number }
  | { source: 'file'; path: string; sampling_rate_hz?: number }
  | { source: 'bucket'; key: string; sampling_rate_hz?: number }
  | { source: 'analysis'; analysis_id: string }
  | { source: 'upload'; upload_id: string; channels?: string[] };

export const ANALYSIS_INPUT_SOURCES = ['measurement', 'file', 'bucket', 'analysis', 'upload'] as const;

/**
 * An entry of the run queue (MONGODB_QUEUE_COLLECTION): the seed's payload, keyed by the analysis id,
 * plus what the worker needs to claim it and report: tenant and user, the claim epoch and its lease.
 */
export interface RunQueueEntry {
  /** = analysis_id: one queue entry per analysis. */
  _id: string;
  status: 'QUEUED' | 'RUNNING';
  structure_id: string;
  analysis_id: string;
  type: AnalysisType;
  tenant_id: number;
  user_id: number;
  queued_at: Date;
  /** Incremented by every claim; a worker whose epoch is no longer current has lost the run. */
  claim_epoch: number;
  worker_id?: string;
  lease_until?: Date;
}

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

/** Where a monitored analysis came from: the rule and the measurement that triggered it. */
export interface MonitoringOrigin {
  rule_id: string;
  /** A measurement of a fetch job (measures database) or an upload. */
  source: 'measurement' | 'upload';
  source_id: string;
  /** When the measurement was recorded: its resource's creation date, or the upload's time. */
  recorded_at: Date;
}
