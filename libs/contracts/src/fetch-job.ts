/** Lifecycle of a fetch job: QUEUED -> FETCHING -> PROCESSING -> DONE, or ERROR. */
export const FETCH_JOB_STATUSES = ['QUEUED', 'FETCHING', 'PROCESSING', 'DONE', 'ERROR'] as const;
export type FetchJobStatus = (typeof FETCH_JOB_STATUSES)[number];

/** Lifecycle of one resource of a fetch job. */
export const RESOURCE_STATUSES = ['QUEUED', 'PROCESSING', 'DONE', 'FAILED', 'INVALID'] as const;
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

export const EMPTY_FETCH_JOB_COUNTS: FetchJobCounts = {
  found: 0,
  valid: 0,
  invalid: 0,
  processed: 0,
  failed: 0,
  attempts: 0,
};
