import type { Collection } from 'mongoose';
import { upsertById } from '@modalflow/database';
import { summariseTallies, type TallySummary, tallyText } from '../../ledger-tally';
import type { FetchOutcome } from './fetch-outcome.schema';
import { FetchLedgerPage } from './ledger-page.schema';

export const ledgerPageId = (jobId: string, round: number, page: number): string =>
  `${jobId}:${round}:${page}`;

/** `fetch_ledger_pages`: per page of a job's index and round, each settled resource's tally. */
export class LedgerPagesStore {
  constructor(private readonly pages: Collection<FetchLedgerPage>) {}

  /**
   * Sets the tallies (encoded, by resource slot) on the page; answers the page's summary. The page
   * holds only its tallies, so the update answers with all of them.
   */
  async setTallies(
    tenantId: number,
    jobId: string,
    round: number,
    page: number,
    tallies: Record<string, string>,
  ): Promise<TallySummary> {
    const set = Object.fromEntries(
      Object.entries(tallies).map(([slot, tally]) => [`tallies.${slot}`, tally]),
    );
    const stored = await upsertById(
      this.pages,
      ledgerPageId(jobId, round, page),
      { $set: set, $setOnInsert: { tenant_id: tenantId, job_id: jobId, round, page } },
      { returning: true },
    );
    return summariseTallies(stored?.tallies ?? {});
  }

  /** How the resources settled on the page ended, by index. */
  async statuses(
    tenantId: number,
    jobId: string,
    round: number,
    page: number,
  ): Promise<Map<number, FetchOutcome['status']>> {
    const found = await this.pages.findOne(
      { _id: ledgerPageId(jobId, round, page) },
      { projection: { tenant_id: 1, tallies: 1 } },
    );
    const statuses = new Map<number, FetchOutcome['status']>();
    if (found?.tenant_id !== tenantId) return statuses;
    for (const [slot, tally] of Object.entries(found.tallies ?? {}))
      statuses.set(Number(slot.slice(1)), tallyText.status(tally));
    return statuses;
  }
}
