import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { addAccumulators, FieldAccumulator } from '@modalflow/ingestion';
import { FetchMark } from './fetch-mark.schema';
import {
  FetchOutcome,
  fromStoredOutcome,
  NewFetchOutcome,
  StoredFetchOutcome,
  toStoredOutcome,
} from './fetch-outcome.schema';
import { FetchTally, talliedResourceIds } from './fetch-tally.schema';
import { SettledResource, TallyChain, TallyStore, TallyTotals } from './tally-chain';
import { isDuplicateKey } from '../common/duplicate-key';
import { InsertBatcher } from '../common/insert-batcher';
import { Page, PageRequest } from '../common/page';

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

/** Insert-once records of a fetch job's progress; every method is scoped by tenant. */
@Injectable()
export class FetchLedgerRepository {
  /** The concurrent resources of a busy worker share their ledger writes (see InsertBatcher). */
  private readonly markInserts: InsertBatcher<FetchMark & { created_at: Date }>;
  private readonly outcomeInserts: InsertBatcher<StoredFetchOutcome>;
  private readonly tallies: TallyChain;

  constructor(
    @InjectModel(StoredFetchOutcome.name) private readonly outcomes: Model<StoredFetchOutcome>,
    @InjectModel(FetchMark.name) private readonly marks: Model<FetchMark>,
    @InjectModel(FetchTally.name) private readonly links: Model<FetchTally>,
  ) {
    const linkCollection = links.db.collection<FetchTally>(links.collection.collectionName);
    const tallyStore: TallyStore = {
      insertOnce: async (link) => {
        try {
          await linkCollection.insertOne(link);
          return true;
        } catch (error) {
          if (isDuplicateKey(error)) return false;
          throw error;
        }
      },
      findById: (id) => linkCollection.findOne({ _id: id }, { projection: { resource_ids: 0 } }),
    };
    this.tallies = new TallyChain(tallyStore);
    this.markInserts = new InsertBatcher((documents) =>
      marks.db
        .collection<FetchMark>(marks.collection.collectionName)
        .insertMany(documents, { ordered: false }),
    );
    this.outcomeInserts = new InsertBatcher((documents) =>
      outcomes.db
        .collection<StoredFetchOutcome>(outcomes.collection.collectionName)
        .insertMany(documents, { ordered: false }),
    );
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

  /**
   * Settles a resource with its outcome; true only for the one call that settled it, so it is
   * counted once.
   */
  async settle(
    tenantId: number,
    jobId: string,
    resourceKey: string,
    outcome: NewFetchOutcome,
  ): Promise<boolean> {
    return this.outcomeInserts.insertOnce(
      toStoredOutcome({ _id: resourceKey, tenant_id: tenantId, job_id: jobId }, outcome, Date.now()),
    );
  }

  /**
   * Counts a resource this worker just settled in its job round; resolves with how many resources
   * of the round are settled as of the tally link that holds it (see TallyChain).
   */
  tally(tenantId: number, jobId: string, round: number, resource: SettledResource): Promise<number> {
    return this.tallies.append(tenantId, jobId, round, resource);
  }

  /** Whether a resource was counted in a round (reads the round's links: only for redeliveries). */
  async isTallied(tenantId: number, jobId: string, round: number, resourceId: string): Promise<boolean> {
    const links = await this.links
      .find({ tenant_id: tenantId, job_id: jobId, round }, { resource_ids: 1 })
      .lean<Array<Pick<FetchTally, 'resource_ids'>>>()
      .exec();
    return links.some((link) => talliedResourceIds(link).includes(resourceId));
  }

  /** How many resources of a job round are settled. */
  async settledInRound(tenantId: number, jobId: string, round: number): Promise<number> {
    return (await this.tallies.lastLink(tenantId, jobId, round))?.settled ?? 0;
  }

  /**
   * A job's counts and field totals, from the last tally link of each round (which holds the
   * round's totals) and its attempt marks. Processed resources add up over rounds; failed ones are
   * those of the current round (retry-failed reopens the earlier ones); every settle was an attempt,
   * and every other attempt (a retried failure, a fetch) left a mark.
   */
  async totals(tenantId: number, jobId: string, currentRound: number): Promise<LedgerTotals> {
    const [rounds, marked] = await Promise.all([
      Promise.all(
        Array.from({ length: currentRound + 1 }, (_, round) => this.tallies.lastLink(tenantId, jobId, round)),
      ),
      this.marks.countDocuments({ tenant_id: tenantId, job_id: jobId, kind: 'attempt' }).exec(),
    ]);
    const tallied = rounds.filter((link): link is TallyTotals => link !== null);
    return {
      counts: {
        processed: tallied.reduce((sum, link) => sum + link.processed, 0),
        failed: rounds[currentRound]?.failed ?? 0,
        attempts: marked + tallied.reduce((sum, link) => sum + link.settled, 0),
      },
      fields: addAccumulators(
        new Map<string, FieldAccumulator>(),
        tallied.flatMap((link) => link.fields),
      ),
    };
  }

  /** How a resource ended, or null while it is not settled. */
  async outcomeOf(tenantId: number, resourceKey: string): Promise<FetchOutcome | null> {
    const outcome = await this.outcomes.findOne({ _id: resourceKey }).lean<StoredFetchOutcome>().exec();
    return outcome?.tenant_id === tenantId ? fromStoredOutcome(outcome) : null;
  }

  /** A page of a job's resources that ended with `status`, in index order. */
  async outcomePage(
    tenantId: number,
    jobId: string,
    status: FetchOutcome['status'],
    page: PageRequest,
  ): Promise<Page<FetchOutcome>> {
    const filter = { tenant_id: tenantId, job_id: jobId, status };
    const [items, total] = await Promise.all([
      this.outcomes
        .find(filter)
        .sort({ index: 1 })
        .skip(page.offset)
        .limit(page.limit)
        .lean<StoredFetchOutcome[]>()
        .exec(),
      this.outcomes.countDocuments(filter).exec(),
    ]);
    return { items: items.map(fromStoredOutcome), total, offset: page.offset, limit: page.limit };
  }

  /** The processed resources of a job in index order, one at a time (for output.json). */
  async *streamProcessed(tenantId: number, jobId: string): AsyncIterable<FetchOutcome> {
    const cursor = this.outcomes
      .find({ tenant_id: tenantId, job_id: jobId, status: 'DONE' })
      .sort({ index: 1 })
      .lean<StoredFetchOutcome>()
      .cursor();
    for await (const outcome of cursor) yield fromStoredOutcome(outcome);
  }

  /**
   * Unsettles a job's FAILED resources so they can be processed again, and returns them. (Their
   * attempts stay counted: the tally links of their round keep them.)
   */
  async reopenFailed(tenantId: number, jobId: string): Promise<FetchOutcome[]> {
    const failed = await this.outcomes
      .find({ tenant_id: tenantId, job_id: jobId, status: 'FAILED' })
      .lean<StoredFetchOutcome[]>()
      .exec();
    if (failed.length > 0)
      await this.outcomes.deleteMany({ tenant_id: tenantId, job_id: jobId, status: 'FAILED' }).exec();
    return failed.map(fromStoredOutcome);
  }
}
