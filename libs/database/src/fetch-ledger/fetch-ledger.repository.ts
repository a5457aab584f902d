import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { FetchMark } from './fetch-mark.schema';
import { FetchOutcome, FieldAccumulatorEntry } from './fetch-outcome.schema';
import { InsertBatcher } from '../common/insert-batcher';

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
      marks.db.collection<FetchMark>(marks.collection.collectionName).insertMany(documents, { ordered: false }),
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

  /** Settles a resource; true only for the one call that settled it, so it is counted once. */
  async settle(
    tenantId: number,
    jobId: string,
    resourceKey: string,
    status: FetchOutcome['status'],
    fields: FieldAccumulatorEntry[] = [],
  ): Promise<boolean> {
    return this.outcomeInserts.insertOnce({
      _id: resourceKey,
      tenant_id: tenantId,
      job_id: jobId,
      status,
      fields,
      created_at: new Date(),
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

  async counts(tenantId: number, jobId: string): Promise<LedgerCounts> {
    const [byStatus, attempts] = await Promise.all([
      this.outcomes
        .aggregate<{ _id: string; n: number }>([
          { $match: { tenant_id: tenantId, job_id: jobId } },
          { $group: { _id: '$status', n: { $sum: 1 } } },
        ])
        .exec(),
      this.marks.countDocuments({ tenant_id: tenantId, job_id: jobId, kind: 'attempt' }).exec(),
    ]);
    const of = (status: string) => byStatus.find((row) => row._id === status)?.n ?? 0;
    return { processed: of('DONE'), failed: of('FAILED'), attempts };
  }

  /** The accumulators of every processed resource of a job, one list per resource. */
  async *fieldAccumulators(tenantId: number, jobId: string): AsyncIterable<FieldAccumulatorEntry[]> {
    const cursor = this.outcomes
      .find({ tenant_id: tenantId, job_id: jobId, status: 'DONE' }, { fields: 1 })
      .lean()
      .cursor();
    for await (const outcome of cursor) yield (outcome as { fields?: FieldAccumulatorEntry[] }).fields ?? [];
  }

  /** Forgets a job's FAILED outcomes so those resources can be processed again. */
  async forgetFailed(tenantId: number, jobId: string): Promise<void> {
    await this.outcomes.deleteMany({ tenant_id: tenantId, job_id: jobId, status: 'FAILED' }).exec();
  }
}
