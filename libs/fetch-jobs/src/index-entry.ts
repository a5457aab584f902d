/**
 * One entry of a fetch job's source index as the fetch worker found it: QUEUED (valid) or INVALID
 * with the reason. Entries are never updated: how a QUEUED resource ended is its ledger outcome
 * (same key), written once by the worker that settled it; readers join the two.
 */
export interface IndexEntry {
  /** `<job id>:<resource id>`; a repeated resource id gets `#<index>` appended. */
  id: string;
  resource_id: string;
  /** Position in the source index: entries are numbered 0, 1, 2, ... without gaps. */
  index: number;
  status: 'QUEUED' | 'INVALID';
  creation_date?: Date;
  /** Inline data; when too large for a message it is stored on its own and absent here. */
  data?: unknown;
  url?: string;
  /** Environmental values at the measurement, checked (see checkEnvironment). */
  environment?: Record<string, number>;
  /** Why an INVALID resource was rejected. */
  reason?: string;
}

/** An index entry as read back: with its job and tenant, and when it was stored. */
export type FetchResource = IndexEntry & { job_id: string; tenant_id: number; created_at: Date };
