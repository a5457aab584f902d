import type { StatusEvent, StatusMoves } from '@modalflow/contracts';

/** Lifecycle of a fetch job: QUEUED -> FETCHING -> PROCESSING -> DONE, or ERROR. */
export const FETCH_JOB_STATUSES = ['QUEUED', 'FETCHING', 'PROCESSING', 'DONE', 'ERROR'] as const;
export type FetchJobStatus = (typeof FETCH_JOB_STATUSES)[number];

/** The allowed moves, by the status moved to (FetchJobProgress moves jobs only along them). */
export const FETCH_JOB_MOVES: StatusMoves<FetchJobStatus> = {
  /** Created so. */
  QUEUED: [],
  /** The fetch worker reads the source (again, on a redelivered start). */
  FETCHING: ['QUEUED', 'FETCHING'],
  /** Its resources are handed out; a DONE job reopened by retry-failed. */
  PROCESSING: ['FETCHING', 'DONE'],
  /** Every resource settled (an index with none valid: straight from FETCHING). */
  DONE: ['FETCHING', 'PROCESSING'],
  ERROR: ['QUEUED', 'FETCHING', 'PROCESSING'],
};

/** Lifecycle of one resource of a fetch job: QUEUED until it is settled DONE or FAILED; or INVALID. */
export const RESOURCE_STATUSES = ['QUEUED', 'DONE', 'FAILED', 'INVALID'] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

/** The counts a fetch job carries and sends with each status event. */
export interface FetchJobCounts {
  found: number;
  valid: number;
  invalid: number;
  processed: number;
  failed: number;
  attempts: number;
}

/** The status event of a fetch job, in the seed's shape plus its counts and, on ERROR, the reason. */
export function fetchJobStatusEvent(job: {
  id: string;
  tenant_id: number;
  user_id: number;
  status: FetchJobStatus;
  counts: FetchJobCounts;
  last_error?: string;
}): StatusEvent {
  return {
    tenant_id: job.tenant_id,
    user_id: job.user_id,
    document_id: job.id,
    run_type: 'FETCH',
    status: job.status,
    counts: { ...job.counts },
    ...(job.status === 'ERROR' && job.last_error ? { message: job.last_error } : {}),
  };
}

/** The counts read off the source index. */
export type IndexCounts = Pick<FetchJobCounts, 'found' | 'valid' | 'invalid'>;

export const EMPTY_FETCH_JOB_COUNTS: FetchJobCounts = {
  found: 0,
  valid: 0,
  invalid: 0,
  processed: 0,
  failed: 0,
  attempts: 0,
};
