import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, Model, Types } from 'mongoose';
import { FetchJob } from './fetch-job.schema';
import { FetchJobStatus } from '../fetch-job-status';
import {
  NewDocument,
  Stored,
  TenantScopedRepository,
  isDuplicateKey,
  documentOutboxes,
  DocumentOutboxes,
  OutboxEntry,
  pushToOutbox,
} from '@modalflow/database';

/** Fields a status change sets; null clears one. */
export type FetchJobChanges = { [K in keyof FetchJob]?: FetchJob[K] | null };

@Injectable()
export class FetchJobRepository extends TenantScopedRepository<FetchJob> {
  constructor(@InjectModel(FetchJob.name) model: Model<FetchJob>) {
    super(model);
  }

  /**
   * Creates the job with its first status event (`eventOf` its id) in its outbox, or returns the one
   * created earlier with the same idempotency key (and no event: that one was made then).
   */
  async createOnce(
    tenantId: number,
    job: NewDocument<FetchJob>,
    eventOf: (id: string) => OutboxEntry,
  ): Promise<{ job: Stored<FetchJob>; created: boolean; event?: OutboxEntry }> {
    const _id = new Types.ObjectId();
    const event = eventOf(_id.toHexString());
    try {
      const created = await this.create(tenantId, { ...job, _id, outbox: [event] } as NewDocument<FetchJob>);
      return { job: created, created: true, event };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const existing = await this.findByIdempotencyKey(tenantId, job.idempotency_key);
      if (!existing) throw error;
      return { job: existing, created: false };
    }
  }

  /**
   * Moves a job to `status` only from one of `from`, recording `event` in its outbox by the same
   * update; null when it was elsewhere (a duplicate delivery).
   */
  async transition(
    tenantId: number,
    id: string,
    from: FetchJobStatus[],
    status: FetchJobStatus,
    set: FetchJobChanges,
    event?: OutboxEntry,
  ): Promise<Stored<FetchJob> | null> {
    const doc = await this.model
      .findOneAndUpdate(
        this.scoped(tenantId, { _id: id, status: { $in: from } }),
        { $set: { ...set, status }, ...(event ? pushToOutbox(event) : {}) },
        { new: true },
      )
      .lean()
      .exec();
    return doc ? this.toStored(doc) : null;
  }

  /** The jobs' outboxes, for StatusRelay. */
  outboxes(): DocumentOutboxes {
    return documentOutboxes(this.model.db.collection(this.model.collection.collectionName), (id) =>
      isValidObjectId(id) ? new Types.ObjectId(id) : id,
    );
  }

  /** Lowers a FETCHING job's round_size_floor to `size` (sets it when absent). */
  async lowerRoundSizeFloor(tenantId: number, id: string, size: number): Promise<void> {
    await this.model
      .updateOne(this.scoped(tenantId, { _id: id, status: 'FETCHING' }), { $min: { round_size_floor: size } })
      .exec();
  }

  async findByIdempotencyKey(tenantId: number, key: string): Promise<Stored<FetchJob> | null> {
    const doc = await this.model
      .findOne(this.scoped(tenantId, { idempotency_key: key }))
      .lean()
      .exec();
    return doc ? this.toStored(doc) : null;
  }
}
