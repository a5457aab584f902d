import type { Collection } from 'mongoose';
import { upsertById } from '@modalflow/database';
import { addSummaries, pageSlot, pageSummaryText, SettleCounts, TallySummary } from '../../ledger-tally';
import { FetchLedgerRound } from './ledger-page.schema';

export const ledgerRoundId = (jobId: string, round: number): string => `${jobId}:${round}`;

type RoundFields = Partial<Record<keyof FetchLedgerRound, 1>>;

/** `fetch_ledger_rounds`: per job round, each page's summary; round 0 also holds the census. */
export class LedgerRoundsStore {
  constructor(private readonly rounds: Collection<FetchLedgerRound>) {}

  /** Stores the valid entries per index page; answers when the index was first stored. */
  async writeCensus(tenantId: number, jobId: string, validPerPage: number[]): Promise<Date> {
    const stored = await upsertById(
      this.rounds,
      ledgerRoundId(jobId, 0),
      {
        $set: { census: JSON.stringify(validPerPage) },
        $min: { indexed_at: new Date() },
        $setOnInsert: { tenant_id: tenantId, job_id: jobId, round: 0 },
      },
      { returning: true },
    );
    if (!stored?.indexed_at) throw new Error(`the census of job ${jobId} was not stored`);
    return stored.indexed_at;
  }

  /** `$max`es the pages' summaries into their round; answers the round's settled count. */
  async addPageSummaries(
    tenantId: number,
    jobId: string,
    round: number,
    summaries: ReadonlyArray<readonly [number, TallySummary]>,
  ): Promise<number> {
    const id = ledgerRoundId(jobId, round);
    const max: Record<string, string> = {};
    for (const [page, summary] of summaries) {
      const encoded = pageSummaryText.encode(summary);
      max[`counts.${pageSlot(page)}`] = encoded.counts;
      max[`fields.${pageSlot(page)}`] = encoded.fields;
    }
    await upsertById(this.rounds, id, {
      $max: max,
      $setOnInsert: { tenant_id: tenantId, job_id: jobId, round },
    });
    const stored = await this.rounds.findOne({ _id: id }, { projection: { counts: 1 } });
    return stored ? settledIn(stored) : 0;
  }

  async settled(tenantId: number, jobId: string, round: number): Promise<number> {
    const found = await this.read(tenantId, jobId, round, { counts: 1 });
    return found ? settledIn(found) : 0;
  }

  /** Rounds 0 to `lastRound` (null where nothing was stored), with the fields asked for. */
  readAll(tenantId: number, jobId: string, lastRound: number, fields: (round: number) => RoundFields) {
    return Promise.all(
      Array.from({ length: lastRound + 1 }, (_, round) => this.read(tenantId, jobId, round, fields(round))),
    );
  }

  private async read(
    tenantId: number,
    jobId: string,
    round: number,
    fields: RoundFields,
  ): Promise<FetchLedgerRound | null> {
    const found = await this.rounds.findOne(
      { _id: ledgerRoundId(jobId, round) },
      { projection: { ...fields, tenant_id: 1 } },
    );
    return found?.tenant_id === tenantId ? found : null;
  }
}

/** A round's per-page counts, by page. */
export function pageCountsOf(round: Pick<FetchLedgerRound, 'counts'> | null): Map<number, SettleCounts> {
  const counts = new Map<number, SettleCounts>();
  for (const [slot, text] of Object.entries(round?.counts ?? {}))
    counts.set(Number(slot.slice(1)), pageSummaryText.decodeCounts(text));
  return counts;
}

export function roundSummary(round: Pick<FetchLedgerRound, 'counts' | 'fields'>): TallySummary {
  return addSummaries(
    Object.entries(round.counts ?? {}).map(([slot, counts]) => ({
      ...pageSummaryText.decodeCounts(counts),
      fields: round.fields?.[slot] ? pageSummaryText.decodeFields(round.fields[slot]) : [],
    })),
  );
}

function settledIn(round: Pick<FetchLedgerRound, 'counts'>): number {
  let settled = 0;
  for (const text of Object.values(round.counts ?? {})) settled += pageSummaryText.decodeCounts(text).settled;
  return settled;
}
