import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { FetchMark } from './fetch-mark.schema';
import { FetchOutcome, FieldAccumulatorEntry, NewFetchOutcome } from './fetch-outcome.schema';
import { InsertBatcher } from '../common/insert-batcher';
import { Page, PageRequest } from '../common/page';

export interface LedgerCounts {
  processed: number;
  failed: number;
  attempts: number;
}

/** Insert-once records of a fetch job's progress; every method is scoped by tenant. */
@Injectable()
export class FetchLedgerRepository {
  /** Per job round, the slot this process expects to be next (a guess; inserts decide). */
  private readonly nextSlots = new Map<string, number>();
  /** The concurrent resources of a busy worker share their ledger writes (see InsertBatcher). */
  private readonly markInserts: InsertBatcher<FetchMark & { created_at: Date }>;
  private readonly outcomeInserts: InsertBatcher<FetchOutcome>;

  constructor(
    @InjectModel(FetchOutcome.name) private readonly outcomes: Model<FetchOutcome>,
    @InjectModel(FetchMark.name) private readonly marks: Model<FetchMark>,
  ) {
    this.markInserts = new InsertBatcher((documents) =>
      marks.db
        .collection<FetchMark>(marks.collection.collectionName)
        .insertMany(documents, { ordered: false }),
    );
    this.outcomeInserts = new InsertBatcher((documents) =>
      outcomes.db
        .collection<FetchOutcome>(outcomes.collection.collectionName)
        .insertMany(documents, { ordered: false }),
    );
  }

  /** Records that something happened once; true for the first caller only. */
  async mark(
    tenantId: number,
    jobId: string,
    id: string,
    kind: FetchMark['kind'],
    resourceKey?: string,
  ): Promise<boolean> {
    return this.markInserts.insertOnce({
      _id: id,
      tenant_id: tenantId,
      job_id: jobId,
      kind,
      ...(resourceKey ? { resource_key: resourceKey } : {}),
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
    return this.outcomeInserts.insertOnce({
      ...outcome,
      _id: resourceKey,
      tenant_id: tenantId,
      job_id: jobId,
      processed_at: new Date(),
    });
  }

  /**
   * Takes the next settle slot of a job's round and returns its number (1, 2, ...): an atomic
   * counter made of unique inserts, each an `_id` write (FerretDB scans the collection for any
   * other filter). The holder of slot `round_size` settled the round's last resource.
   */
  async takeSlot(tenantId: number, jobId: string, round: number, resourceKey: string): Promise<number> {
    const key = `${jobId}:slot:${round}`;
    let firstGuess = this.nextSlots.get(key);
    if (firstGuess === undefined) {
      firstGuess = (await this.slotsTaken(tenantId, jobId, key)) + 1;
      if (!this.nextSlots.has(key)) this.nextSlots.set(key, firstGuess);
      if (this.nextSlots.size > 10_000) this.nextSlots.delete(this.nextSlots.keys().next().value!);
    }
    // Each guess is reserved before the insert, so this process's concurrent calls try different
    // slots instead of racing for the same one. (Evicted meanwhile: go on from the first guess.)
    const reserve = () => {
      const slot = this.nextSlots.get(key) ?? firstGuess;
      this.nextSlots.set(key, slot + 1);
      return slot;
    };
    try {
      let slot = reserve();
      while (!(await this.mark(tenantId, jobId, `${key}:${slot}`, 'slot', resourceKey))) slot = reserve();
      return slot;
    } catch (error) {
      this.nextSlots.delete(key); // the guess may have passed a slot nobody took: count again
      throw error;
    }
  }

  /** Whether a resource's settling took its slot in the round (a scan: only for redeliveries). */
  async hasSlot(tenantId: number, jobId: string, round: number, resourceKey: string): Promise<boolean> {
    const slots = await this.marks
      .countDocuments({
        tenant_id: tenantId,
        job_id: jobId,
        kind: 'slot',
        resource_key: resourceKey,
        _id: { $regex: `^${jobId}:slot:${round}:` },
      })
      .exec();
    return slots > 0;
  }

  /** How many resources of a job's round are settled (a scan: for rare checks, not per resource). */
  async settledInRound(tenantId: number, jobId: string, round: number): Promise<number> {
    return this.slotsTaken(tenantId, jobId, `${jobId}:slot:${round}`);
  }

  private slotsTaken(tenantId: number, jobId: string, key: string): Promise<number> {
    return this.marks
      .countDocuments({ tenant_id: tenantId, job_id: jobId, kind: 'slot', _id: { $regex: `^${key}:` } })
      .exec();
  }

  /**
   * A job's settled resources and its attempts: each settle is the attempt that settled it, and
   * every other attempt (a retried failure, a fetch) left an attempt mark.
   */
  async counts(tenantId: number, jobId: string): Promise<LedgerCounts> {
    const [byStatus, marked] = await Promise.all([
      this.outcomes
        .aggregate<{ _id: string; n: number }>([
          { $match: { tenant_id: tenantId, job_id: jobId } },
          { $group: { _id: '$status', n: { $sum: 1 } } },
        ])
        .exec(),
      this.marks.countDocuments({ tenant_id: tenantId, job_id: jobId, kind: 'attempt' }).exec(),
    ]);
    const of = (status: string) => byStatus.find((row) => row._id === status)?.n ?? 0;
    return { processed: of('DONE'), failed: of('FAILED'), attempts: marked + of('DONE') + of('FAILED') };
  }

  /** How a resource ended, or null while it is not settled. */
  async outcomeOf(tenantId: number, resourceKey: string): Promise<FetchOutcome | null> {
    const outcome = await this.outcomes.findOne({ _id: resourceKey }).lean<FetchOutcome>().exec();
    return outcome?.tenant_id === tenantId ? outcome : null;
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
        .lean<FetchOutcome[]>()
        .exec(),
      this.outcomes.countDocuments(filter).exec(),
    ]);
    return { items, total, offset: page.offset, limit: page.limit };
  }

  /** The keys of a job's settled resources. */
  async settledKeys(tenantId: number, jobId: string): Promise<Set<string>> {
    const settled = await this.outcomes
      .find({ tenant_id: tenantId, job_id: jobId }, { _id: 1 })
      .lean<Array<{ _id: string }>>()
      .exec();
    return new Set(settled.map((outcome) => outcome._id));
  }

  /** The processed resources of a job in index order, one at a time (for output.json). */
  async *streamProcessed(tenantId: number, jobId: string): AsyncIterable<FetchOutcome> {
    const cursor = this.outcomes
      .find({ tenant_id: tenantId, job_id: jobId, status: 'DONE' }, { fields: 0 })
      .sort({ index: 1 })
      .lean<FetchOutcome>()
      .cursor();
    for await (const outcome of cursor) yield outcome;
  }

  /** The accumulators of every processed resource of a job, one list per resource. */
  async *fieldAccumulators(tenantId: number, jobId: string): AsyncIterable<FieldAccumulatorEntry[]> {
    const cursor = this.outcomes
      .find({ tenant_id: tenantId, job_id: jobId, status: 'DONE' }, { fields: 1 })
      .lean()
      .cursor();
    for await (const outcome of cursor) yield (outcome as { fields?: FieldAccumulatorEntry[] }).fields ?? [];
  }

  /**
   * Unsettles a job's FAILED resources so they can be processed again, and returns them. The
   * attempts that settled them stay counted, as attempt marks.
   */
  async reopenFailed(tenantId: number, jobId: string, round: number): Promise<FetchOutcome[]> {
    const failed = await this.outcomes
      .find({ tenant_id: tenantId, job_id: jobId, status: 'FAILED' })
      .lean<FetchOutcome[]>()
      .exec();
    if (failed.length === 0) return [];
    await Promise.all(
      failed.map((outcome) =>
        this.mark(tenantId, jobId, `${outcome._id}:attempt:${round}:${outcome.attempts}`, 'attempt'),
      ),
    );
    await this.outcomes.deleteMany({ tenant_id: tenantId, job_id: jobId, status: 'FAILED' }).exec();
    return failed;
  }
}
