import { ResourceStatus } from '../fetch-job-status';
import { FetchOutcome } from '../persistence/ledger/fetch-outcome.schema';
import { FetchResource } from '../index-entry';

/** A resource as people see it: its index entry joined with its ledger outcome, without its data. */
export type ResourceView = Omit<FetchResource, 'data' | 'status'> & {
  status: ResourceStatus;
  attempts: number;
} & Partial<
    Pick<FetchOutcome, 'summary' | 'last_error' | 'measurement_id' | 'processed_at' | 'processed_by'>
  >;

export function resourceView(resource: FetchResource, outcome: FetchOutcome | null): ResourceView {
  const { data, ...entry } = resource;
  void data;
  if (!outcome) return { ...entry, attempts: 0 };
  return {
    ...entry,
    status: outcome.status,
    attempts: outcome.attempts,
    summary: outcome.summary,
    last_error: outcome.last_error,
    measurement_id: outcome.measurement_id,
    processed_at: outcome.processed_at,
    processed_by: outcome.processed_by,
  };
}
