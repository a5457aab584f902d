import type { AnalysisType } from '@modalflow/oma';

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
