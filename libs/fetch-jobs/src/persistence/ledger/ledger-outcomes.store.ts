import type { Collection } from 'mongoose';
import { InsertBatcher } from '@modalflow/database';
import type { Tally } from '../../ledger-tally';
import {
  fromStoredOutcome,
  NewFetchOutcome,
  StoredFetchOutcome,
  toStoredOutcome,
} from './fetch-outcome.schema';

/** `_id` of a resource's outcome in a round. */
export const outcomeKey = (jobId: string, round: number, resourceId: string): string =>
  `${jobId}:${round}:${resourceId}`;

/** A resource's outcome as it stands in the ledger (the first one stored), with its tally. */
export interface SettledResource {
  outcome: StoredFetchOutcome;
  tally: Tally;
}

/** `fetch_outcomes`: how each resource ended in a round, inserted once (the first delivery wins). */
export class LedgerOutcomesStore {
  private readonly inserts: InsertBatcher<StoredFetchOutcome>;

  constructor(private readonly outcomes: Collection<StoredFetchOutcome>) {
    this.inserts = new InsertBatcher((documents) => this.outcomes.insertMany(documents, { ordered: false }));
  }

  /** Stores `outcome` unless an earlier delivery stored one first; answers the one that stands. */
  async settle(tenantId: number, jobId: string, outcome: NewFetchOutcome): Promise<SettledResource> {
    const _id = outcomeKey(jobId, outcome.round, outcome.resource_id);
    const stored = toStoredOutcome({ _id, tenant_id: tenantId, job_id: jobId }, outcome, Date.now());
    if (await this.inserts.insertOnce(stored)) return { outcome: stored, tally: outcome };
    const first = await this.outcomes.findOne({ _id });
    if (first?.tenant_id !== tenantId) throw new Error(`outcome ${_id} vanished or is another tenant's`);
    return { outcome: first, tally: fromStoredOutcome(first) };
  }
}
