import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { addAccumulators, FieldAccumulator } from '@modalflow/ingestion';
import { KeyedBatcher } from '@modalflow/database';
import { indexPageOf } from '../../index-pages';
import {
  addSummaries,
  EMPTY_SUMMARY,
  resourceSlot,
  SettleCounts,
  TallySummary,
  tallyText,
} from '../../ledger-tally';
import { FetchMark } from './fetch-mark.schema';
import { FetchOutcome, NewFetchOutcome, StoredFetchOutcome } from './fetch-outcome.schema';
import { LedgerMarksStore } from './ledger-marks.store';
import { LedgerOutcomesStore, SettledResource } from './ledger-outcomes.store';
import { FetchLedgerPage, FetchLedgerRecords, FetchLedgerRound } from './ledger-page.schema';
import { LedgerPagesStore } from './ledger-pages.store';
import { LedgerRecordsStore } from './ledger-records.store';
import { ledgerRoundId, LedgerRoundsStore, pageCountsOf, roundSummary } from './ledger-rounds.store';

export { outcomeKey, type SettledResource } from './ledger-outcomes.store';
export { ledgerPageId } from './ledger-pages.store';
export { ledgerRecordsId } from './ledger-records.store';
export { ledgerRoundId } from './ledger-rounds.store';

export interface LedgerCounts {
  processed: number;
  failed: number;
  attempts: number;
}

/** A job's counts and its field accumulators summed over every processed resource. */
export interface LedgerTotals {
  counts: LedgerCounts;
  fields: Map<string, FieldAccumulator>;
}

/** Per page of a job's index: its valid entries, and what each round settled of them. */
export interface LedgerPageCounts {
  /** When the index was stored (see writeCensus). */
  indexedAt?: Date;
  /** `census[page]`: the page's valid entries (undefined before the fetch worker wrote them). */
  census?: number[];
  /** `rounds[round].get(page)`: that round's counts on the page (absent: nothing settled). */
  rounds: Array<Map<number, SettleCounts>>;
}

/** A settled resource waiting to be counted on its page. */
interface PageWrite {
  tenantId: number;
  jobId: string;
  round: number;
  page: number;
  index: number;
  status: FetchOutcome['status'];
  record: string;
  tally: string;
}

/** Pages read at once when a job's pages are read in order. */
const PAGES_AHEAD = 8;

/**
 * A fetch job's ledger (docs/ingestion.md), over one store per collection: how each resource ended
 * (insert-once outcomes), the per-page tallies that count each settled resource once, the outcome
 * records by page and status, and per-round page summaries. Every read and write is by `_id`, the
 * only lookup FerretDB serves from an index; every method is scoped by tenant.
 */
@Injectable()
export class FetchLedgerRepository {
  private readonly marks: LedgerMarksStore;
  private readonly outcomes: LedgerOutcomesStore;
  private readonly pages: LedgerPagesStore;
  private readonly records: LedgerRecordsStore;
  private readonly rounds: LedgerRoundsStore;
  private readonly countWrites: KeyedBatcher<PageWrite, number>;

  constructor(
    @InjectModel(StoredFetchOutcome.name) outcomeModel: Model<StoredFetchOutcome>,
    @InjectModel(FetchMark.name) markModel: Model<FetchMark>,
    @InjectModel(FetchLedgerPage.name) pageModel: Model<FetchLedgerPage>,
    @InjectModel(FetchLedgerRecords.name) recordsModel: Model<FetchLedgerRecords>,
    @InjectModel(FetchLedgerRound.name) roundModel: Model<FetchLedgerRound>,
  ) {
    const collectionOf = <T extends object>(model: Model<T>) =>
      model.db.collection<T>(model.collection.collectionName);
    this.outcomes = new LedgerOutcomesStore(collectionOf(outcomeModel));
    this.marks = new LedgerMarksStore(collectionOf(markModel));
    this.pages = new LedgerPagesStore(collectionOf(pageModel));
    this.records = new LedgerRecordsStore(collectionOf(recordsModel));
    this.rounds = new LedgerRoundsStore(collectionOf(roundModel));
    this.countWrites = new KeyedBatcher((_roundId, writes) => this.writeCounts(writes));
  }

  /** Records that something happened once; true for the first caller only. */
  mark(tenantId: number, jobId: string, id: string, kind: FetchMark['kind']): Promise<boolean> {
    return this.marks.mark(tenantId, jobId, id, kind);
  }

  isMarked(tenantId: number, id: string): Promise<boolean> {
    return this.marks.isMarked(tenantId, id);
  }

  /**
   * Settles a resource in its round with `outcome`, unless an earlier delivery settled it first:
   * resolves with the outcome that stands, which is then counted (see count).
   */
  settle(tenantId: number, jobId: string, outcome: NewFetchOutcome): Promise<SettledResource> {
    return this.outcomes.settle(tenantId, jobId, outcome);
  }

  /**
   * Counts a settled resource in its round: sets its key on its ledger page (again, for a
   * redelivery: the same value), then the page's summary in the round. Resolves with how many
   * resources of the round are settled, this one included. Safe to repeat after any failure. The
   * resources a worker counts in a round while one write of that round is in flight go out together
   * in the next (one write per touched page, one of the round).
   */
  count(tenantId: number, jobId: string, settled: SettledResource): Promise<number> {
    const { outcome } = settled;
    return this.countWrites.submit(ledgerRoundId(jobId, outcome.round), {
      tenantId,
      jobId,
      round: outcome.round,
      page: indexPageOf(outcome.index),
      index: outcome.index,
      status: outcome.status,
      record: outcome.record,
      tally: tallyText.encode(settled.tally),
    });
  }

  /**
   * Stores how many valid entries each page of a job's index has (before the hand-off), and
   * resolves with when the index was first stored: the time its pages are stored with, so a
   * settled resource's listing needs only its ledger page.
   */
  writeCensus(tenantId: number, jobId: string, validPerPage: number[]): Promise<Date> {
    return this.rounds.writeCensus(tenantId, jobId, validPerPage);
  }

  /** How many resources of a job round are settled. */
  settledInRound(tenantId: number, jobId: string, round: number): Promise<number> {
    return this.rounds.settled(tenantId, jobId, round);
  }

  /**
   * A job's counts and field totals: processed resources add up over rounds; failed ones are those
   * of the current round (retry-failed reopens the earlier ones); attempts are those of every
   * settled resource and of the fetch.
   */
  async totals(tenantId: number, jobId: string, currentRound: number): Promise<LedgerTotals> {
    const [rounds, fetchAttempts] = await Promise.all([
      this.rounds.readAll(tenantId, jobId, currentRound, () => ({ counts: 1, fields: 1 })),
      this.marks.fetchAttempts(tenantId, jobId),
    ]);
    const summaries = rounds.map((round) => (round ? roundSummary(round) : EMPTY_SUMMARY));
    const all = addSummaries(summaries);
    return {
      counts: {
        processed: all.processed,
        failed: summaries[currentRound].failed,
        attempts: all.attempts + fetchAttempts,
      },
      fields: addAccumulators(new Map(), all.fields),
    };
  }

  /** A job's census and what each of its rounds settled, page by page (what a listing skips by). */
  async pageCounts(
    tenantId: number,
    jobId: string,
    currentRound: number,
    withCensus = true,
  ): Promise<LedgerPageCounts> {
    const rounds = await this.rounds.readAll(tenantId, jobId, currentRound, (round) =>
      round === 0 ? { counts: 1, indexed_at: 1, ...(withCensus ? { census: 1 } : {}) } : { counts: 1 },
    );
    const census = rounds[0]?.census;
    return {
      indexedAt: rounds[0]?.indexed_at,
      census: census === undefined ? undefined : (JSON.parse(census) as number[]),
      rounds: rounds.map(pageCountsOf),
    };
  }

  /** The outcomes with `status` settled on one page of a job's index in one round, by index. */
  outcomesOnPage(
    tenantId: number,
    jobId: string,
    round: number,
    page: number,
    status: FetchOutcome['status'],
  ): Promise<Map<number, FetchOutcome>> {
    return this.records.outcomes(tenantId, jobId, round, page, status);
  }

  /** How the resources settled on one page of a job's index in one round ended, by index. */
  statusesOnPage(
    tenantId: number,
    jobId: string,
    round: number,
    page: number,
  ): Promise<Map<number, FetchOutcome['status']>> {
    return this.pages.statuses(tenantId, jobId, round, page);
  }

  /** The processed resources of a job in index order, one ledger page at a time (for output.json). */
  async *streamProcessed(tenantId: number, jobId: string, currentRound: number): AsyncIterable<FetchOutcome> {
    const { rounds } = await this.pageCounts(tenantId, jobId, currentRound, false);
    const reads = rounds.flatMap((counts, round) =>
      [...counts].filter(([, page]) => page.processed > 0).map(([page]) => ({ round, page })),
    );
    reads.sort((a, b) => a.page - b.page || a.round - b.round);
    const pagesInOrder = [...new Set(reads.map((read) => read.page))];
    for (let first = 0; first < pagesInOrder.length; first += PAGES_AHEAD) {
      const pages = pagesInOrder.slice(first, first + PAGES_AHEAD);
      const outcomes = await Promise.all(
        pages.map(async (page) => {
          const perRound = await Promise.all(
            reads
              .filter((read) => read.page === page)
              .map((read) => this.outcomesOnPage(tenantId, jobId, read.round, page, 'DONE')),
          );
          return perRound.flatMap((found) => [...found.values()]).sort((a, b) => a.index - b.index);
        }),
      );
      for (const onPage of outcomes) yield* onPage;
    }
  }

  /** The resources a round ended FAILED (read only from the pages that have some). */
  async failedInRound(tenantId: number, jobId: string, round: number): Promise<FetchOutcome[]> {
    const { rounds } = await this.pageCounts(tenantId, jobId, round, false);
    const pages = [...rounds[round]].filter(([, counts]) => counts.failed > 0).map(([page]) => page);
    const found = await Promise.all(
      pages.map((page) => this.outcomesOnPage(tenantId, jobId, round, page, 'FAILED')),
    );
    return found.flatMap((onPage) => [...onPage.values()]).sort((a, b) => a.index - b.index);
  }

  private async writeCounts(writes: PageWrite[]): Promise<number> {
    const byPage = new Map<number, PageWrite[]>();
    for (const write of writes) {
      const onPage = byPage.get(write.page);
      if (onPage) onPage.push(write);
      else byPage.set(write.page, [write]);
    }
    const { tenantId, jobId, round } = writes[0];
    const summaries = await Promise.all(
      [...byPage].map(async ([page, onPage]) => [page, await this.writePage(onPage)] as const),
    );
    return this.rounds.addPageSummaries(tenantId, jobId, round, summaries);
  }

  private async writePage(writes: PageWrite[]): Promise<TallySummary> {
    const { tenantId, jobId, round, page } = writes[0];
    const tallies: Record<string, string> = {};
    const records = new Map<FetchOutcome['status'], Record<string, string>>();
    for (const write of writes) {
      tallies[resourceSlot(write.index)] = write.tally;
      const ofStatus = records.get(write.status) ?? {};
      ofStatus[resourceSlot(write.index)] = write.record;
      records.set(write.status, ofStatus);
    }
    // Records first: a resource whose tally is set is always shown with its record.
    await Promise.all(
      [...records].map(([status, set]) => this.records.setRecords(tenantId, jobId, round, page, status, set)),
    );
    return this.pages.setTallies(tenantId, jobId, round, page, tallies);
  }
}
