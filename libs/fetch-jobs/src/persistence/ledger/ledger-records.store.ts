import type { Collection } from 'mongoose';
import { upsertById } from '@modalflow/database';
import { FetchOutcome, fromStoredOutcome } from './fetch-outcome.schema';
import { outcomeKey } from './ledger-outcomes.store';
import { FetchLedgerRecords } from './ledger-page.schema';

export const ledgerRecordsId = (
  jobId: string,
  round: number,
  page: number,
  status: FetchOutcome['status'],
): string => `${jobId}:${round}:${page}:${status}`;

/** `fetch_ledger_records`: per page, round and status, the outcome records of its resources. */
export class LedgerRecordsStore {
  constructor(private readonly records: Collection<FetchLedgerRecords>) {}

  /** Sets the records (by resource slot) of the resources of one page that ended with `status`. */
  async setRecords(
    tenantId: number,
    jobId: string,
    round: number,
    page: number,
    status: FetchOutcome['status'],
    records: Record<string, string>,
  ): Promise<void> {
    const set = Object.fromEntries(
      Object.entries(records).map(([slot, record]) => [`records.${slot}`, record]),
    );
    await upsertById(this.records, ledgerRecordsId(jobId, round, page, status), {
      $set: set,
      $setOnInsert: { tenant_id: tenantId, job_id: jobId },
    });
  }

  /** The outcomes with `status` settled on one page of a job's index in one round, by index. */
  async outcomes(
    tenantId: number,
    jobId: string,
    round: number,
    page: number,
    status: FetchOutcome['status'],
  ): Promise<Map<number, FetchOutcome>> {
    const found = await this.records.findOne({ _id: ledgerRecordsId(jobId, round, page, status) });
    const outcomes = new Map<number, FetchOutcome>();
    if (found?.tenant_id !== tenantId) return outcomes;
    for (const [slot, record] of Object.entries(found.records ?? {})) {
      const index = Number(slot.slice(1));
      const outcome = fromStoredOutcome({
        _id: '',
        tenant_id: tenantId,
        job_id: jobId,
        status,
        index,
        round,
        record,
      });
      outcomes.set(index, { ...outcome, _id: outcomeKey(jobId, round, outcome.resource_id) });
    }
    return outcomes;
  }
}
