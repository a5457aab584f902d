import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Collection, Model, mongo } from 'mongoose';
import { FetchMark } from './fetch-mark.schema';
import {
  FetchOutcome,
  fromStoredOutcome,
  NewFetchOutcome,
  StoredFetchOutcome,
  toStoredOutcome,
} from './fetch-outcome.schema';
import { FetchLedgerPage, FetchLedgerRecords, FetchLedgerRound } from './ledger-page.schema';
import {
  addSummaries,
  decodePageCounts,
  decodePageFields,
  EMPTY_SUMMARY,
  encodePageSummary,
  encodeTally,
  pageSlot,
  SettleCounts,
  resourceSlot,
  summariseTallies,
  Tally,
  TallySummary,
} from '../../ledger-tally';
import { INDEX_PAGE_SIZE } from '../fetch-resource.repository';
import { FieldAccumulator, addAccumulators } from '@modalflow/ingestion';
import { isDuplicateKey, InsertBatcher, KeyedBatcher } from '@modalflow/database';

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

/** A resource's outcome as it stands in the ledger (the first one stored), with its tally. */
export interface SettledResource {
  outcome: StoredFetchOutcome;
  tally: Tally;
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

/** `_id` of a resource's outcome in a round. */
export const outcomeKey = (jobId: string, round: number, resourceId: string): string =>
  `${jobId}:${round}:${resourceId}`;

export const ledgerPageId = (jobId: string, round: number, page: number): string =>
  `${jobId}:${round}:${page}`;
export const ledgerRoundId = (jobId: string, round: number): string => `${jobId}:${round}`;
export const ledgerRecordsId = (
  jobId: string,
  round: number,
  page: number,
  status: FetchOutcome['status'],
): string => `${jobId}:${round}:${page}:${status}`;

/** Pages read at once when a job's pages are read in order. */
const PAGES_AHEAD = 8;

/**
 * A fetch job's ledger (docs/ingestion.md): how each resource ended (insert-once outcomes), the
 * per-page maps that count each settled resource once, and per-round page summaries. Every read and
 * write is by `_id`, the only lookup FerretDB serves from an index; every method is scoped by tenant.
 */
@Injectable()
export class FetchLedgerRepository {
  /** The concurrent resources of a busy worker share their ledger writes (see InsertBatcher). */
  private readonly markInserts: InsertBatcher<FetchMark & { created_at: Date }>;
  private readonly outcomeInserts: InsertBatcher<StoredFetchOutcome>;
  private readonly countWrites: KeyedBatcher<PageWrite, number>;
  private readonly outcomes: Collection<StoredFetchOutcome>;
  private readonly marks: Collection<FetchMark>;
  private readonly pages: Collection<FetchLedgerPage>;
  private readonly records: Collection<FetchLedgerRecords>;
  private readonly rounds: Collection<FetchLedgerRound>;

  constructor(
    @InjectModel(StoredFetchOutcome.name) outcomeModel: Model<StoredFetchOutcome>,
    @InjectModel(FetchMark.name) markModel: Model<FetchMark>,
    @InjectModel(FetchLedgerPage.name) pageModel: Model<FetchLedgerPage>,
    @InjectModel(FetchLedgerRecords.name) recordsModel: Model<FetchLedgerRecords>,
    @InjectModel(FetchLedgerRound.name) roundModel: Model<FetchLedgerRound>,
  ) {
    const collectionOf = <T extends object>(model: Model<T>) =>
      model.db.collection<T>(model.collection.collectionName);
    this.outcomes = collectionOf(outcomeModel);
    this.marks = collectionOf(markModel);
    this.pages = collectionOf(pageModel);
    this.records = collectionOf(recordsModel);
    this.rounds = collectionOf(roundModel);
    this.markInserts = new InsertBatcher((documents) => this.marks.insertMany(documents, { ordered: false }));
    this.outcomeInserts = new InsertBatcher((documents) =>
      this.outcomes.insertMany(documents, { ordered: false }),
    );
    this.countWrites = new KeyedBatcher((_roundId, writes) => this.writeCounts(writes));
  }

  /** Records that something happened once; true for the first caller only. */
  async mark(tenantId: number, jobId: string, id: string, kind: FetchMark['kind']): Promise<boolean> {
    return this.markInserts.insertOnce({
      _id: id,
      tenant_id: tenantId,
      job_id: jobId,
      kind,
      created_at: new Date(),
    });
  }

  /** Whether a mark was recorded. */
  async isMarked(tenantId: number, id: string): Promise<boolean> {
    const found = await this.marks.findOne({ _id: id }, { projection: { tenant_id: 1 } });
    return found?.tenant_id === tenantId;
  }

  /**
   * Settles a resource in its round with `outcome`, unless an earlier delivery settled it first:
   * resolves with the outcome that stands, which is then counted (see count).
   */
  async settle(tenantId: number, jobId: string, outcome: NewFetchOutcome): Promise<SettledResource> {
    const _id = outcomeKey(jobId, outcome.round, outcome.resource_id);
    const stored = toStoredOutcome({ _id, tenant_id: tenantId, job_id: jobId }, outcome, Date.now());
    if (await this.outcomeInserts.insertOnce(stored)) return { outcome: stored, tally: outcome };
    const first = await this.outcomes.findOne({ _id });
    if (first?.tenant_id !== tenantId) throw new Error(`outcome ${_id} vanished or is another tenant's`);
    return { outcome: first, tally: fromStoredOutcome(first) };
  }

  /**
   * Counts a settled resource in its round: sets its key on its ledger page (again, for a
   * redelivery: the same value), then the page's summary in the round. Resolves with how many
   * resources of the round are settled, this one included. Safe to repeat after any failure. The
   * resources a worker counts in a round while one write of that round is in flight go out together
   * in the next (one write per touched page, one of the round).
   */
  async count(tenantId: number, jobId: string, settled: SettledResource): Promise<number> {
    const { outcome } = settled;
    return this.countWrites.submit(ledgerRoundId(jobId, outcome.round), {
      tenantId,
      jobId,
      round: outcome.round,
      page: Math.floor(outcome.index / INDEX_PAGE_SIZE),
      index: outcome.index,
      status: outcome.status,
      record: outcome.record,
      tally: encodeTally(settled.tally),
    });
  }

  /**
   * Stores how many valid entries each page of a job's index has (before the hand-off), and
   * resolves with when the index was first stored: the time its pages are stored with, so a
   * settled resource's listing needs only its ledger page.
   */
  async writeCensus(tenantId: number, jobId: string, validPerPage: number[]): Promise<Date> {
    const stored = await this.upsertReturning(this.rounds, ledgerRoundId(jobId, 0), {
      $set: { census: JSON.stringify(validPerPage) },
      $min: { indexed_at: new Date() },
      $setOnInsert: { tenant_id: tenantId, job_id: jobId, round: 0 },
    });
    if (!stored?.indexed_at) throw new Error(`the census of job ${jobId} was not stored`);
    return stored.indexed_at;
  }

  /** How many resources of a job round are settled. */
  async settledInRound(tenantId: number, jobId: string, round: number): Promise<number> {
    const found = await this.round(tenantId, jobId, round, { counts: 1 });
    return found ? settledIn(found) : 0;
  }

  /**
   * A job's counts and field totals: processed resources add up over rounds; failed ones are those
   * of the current round (retry-failed reopens the earlier ones); attempts are those of every
   * settled resource and of the fetch.
   */
  async totals(tenantId: number, jobId: string, currentRound: number): Promise<LedgerTotals> {
    const [rounds, fetchAttempts] = await Promise.all([
      Promise.all(
        Array.from({ length: currentRound + 1 }, (_, round) =>
          this.round(tenantId, jobId, round, { counts: 1, fields: 1 }),
        ),
      ),
      this.fetchAttempts(tenantId, jobId),
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
    const rounds = await Promise.all(
      Array.from({ length: currentRound + 1 }, (_, round) =>
        this.round(
          tenantId,
          jobId,
          round,
          round === 0 ? { counts: 1, indexed_at: 1, ...(withCensus ? { census: 1 } : {}) } : { counts: 1 },
        ),
      ),
    );
    const census = rounds[0]?.census;
    return {
      indexedAt: rounds[0]?.indexed_at,
      census: census === undefined ? undefined : (JSON.parse(census) as number[]),
      rounds: rounds.map((round) => {
        const counts = new Map<number, SettleCounts>();
        for (const [slot, text] of Object.entries(round?.counts ?? {}))
          counts.set(Number(slot.slice(1)), decodePageCounts(text));
        return counts;
      }),
    };
  }

  /** The outcomes with `status` settled on one page of a job's index in one round, by index. */
  async outcomesOnPage(
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

  /** How the resources settled on one page of a job's index in one round ended, by index. */
  async statusesOnPage(
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
      statuses.set(Number(slot.slice(1)), tally.startsWith('D') ? 'DONE' : 'FAILED');
    return statuses;
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
      [...byPage].map(
        async ([page, onPage]) =>
          [page, await this.writePage(ledgerPageId(jobId, round, page), onPage)] as const,
      ),
    );
    return this.writeRound(tenantId, jobId, round, summaries);
  }

  private async writePage(id: string, writes: PageWrite[]): Promise<TallySummary> {
    const { tenantId, jobId, round, page } = writes[0];
    const tallies: Record<string, string> = {};
    const records = new Map<FetchOutcome['status'], Record<string, string>>();
    for (const write of writes) {
      tallies[`tallies.${resourceSlot(write.index)}`] = write.tally;
      const ofStatus = records.get(write.status) ?? {};
      ofStatus[`records.${resourceSlot(write.index)}`] = write.record;
      records.set(write.status, ofStatus);
    }
    // Records first: a resource whose tally is set is always shown with its record.
    await Promise.all(
      [...records].map(([status, set]) =>
        this.upsert(this.records, ledgerRecordsId(jobId, round, page, status), {
          $set: set,
          $setOnInsert: { tenant_id: tenantId, job_id: jobId },
        }),
      ),
    );
    // The page document holds only its tallies: the update answers with all of them.
    const stored = await this.upsertReturning(this.pages, id, {
      $set: tallies,
      $setOnInsert: { tenant_id: tenantId, job_id: jobId, round, page },
    });
    return summariseTallies(stored?.tallies ?? {});
  }

  /** `$max`es the pages' summaries into their round; resolves with the round's settled count. */
  private async writeRound(
    tenantId: number,
    jobId: string,
    round: number,
    summaries: ReadonlyArray<readonly [number, TallySummary]>,
  ): Promise<number> {
    const id = ledgerRoundId(jobId, round);
    const max: Record<string, string> = {};
    for (const [page, summary] of summaries) {
      const encoded = encodePageSummary(summary);
      max[`counts.${pageSlot(page)}`] = encoded.counts;
      max[`fields.${pageSlot(page)}`] = encoded.fields;
    }
    await this.upsert(this.rounds, id, {
      $max: max,
      $setOnInsert: { tenant_id: tenantId, job_id: jobId, round },
    });
    const stored = await this.rounds.findOne({ _id: id }, { projection: { counts: 1 } });
    return stored ? settledIn(stored) : 0;
  }

  /** An update by `_id` that creates the document; two first writers may race, the loser retries. */
  private async upsert<T extends { _id: string }>(
    collection: Collection<T>,
    id: string,
    update: mongo.UpdateFilter<T>,
  ): Promise<void> {
    await this.upsertReturning(collection, id, update, false);
  }

  /** The same, answering with the document as updated (for small documents: it comes back whole). */
  private async upsertReturning<T extends { _id: string }>(
    collection: Collection<T>,
    id: string,
    update: mongo.UpdateFilter<T>,
    returning = true,
  ): Promise<mongo.WithId<T> | null> {
    const filter = { _id: id } as mongo.Filter<T>;
    const write = () =>
      returning
        ? collection.findOneAndUpdate(filter, update, { upsert: true, returnDocument: 'after' })
        : collection.updateOne(filter, update, { upsert: true }).then(() => null);
    try {
      return await write();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return write();
    }
  }

  private async round(
    tenantId: number,
    jobId: string,
    round: number,
    projection: Partial<Record<keyof FetchLedgerRound, 1>>,
  ): Promise<FetchLedgerRound | null> {
    const found = await this.rounds.findOne(
      { _id: ledgerRoundId(jobId, round) },
      { projection: { ...projection, tenant_id: 1 } },
    );
    return found?.tenant_id === tenantId ? found : null;
  }

  /** Fetch attempts leave marks `<job>:fetch:1`, `:2`, ...: counted by looking them up in order. */
  private async fetchAttempts(tenantId: number, jobId: string): Promise<number> {
    let attempts = 0;
    while (await this.isMarked(tenantId, `${jobId}:fetch:${attempts + 1}`)) attempts++;
    return attempts;
  }
}

function settledIn(round: Pick<FetchLedgerRound, 'counts'>): number {
  let settled = 0;
  for (const text of Object.values(round.counts ?? {})) settled += decodePageCounts(text).settled;
  return settled;
}

function roundSummary(round: Pick<FetchLedgerRound, 'counts' | 'fields'>): TallySummary {
  return addSummaries(
    Object.entries(round.counts ?? {}).map(([slot, counts]) => ({
      ...decodePageCounts(counts),
      fields: round.fields?.[slot] ? decodePageFields(round.fields[slot]) : [],
    })),
  );
}
