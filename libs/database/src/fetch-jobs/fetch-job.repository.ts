import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { FetchJobStatus } from '@modalflow/contracts';
import { NewDocument, Stored, TenantScopedRepository } from '../common/tenant-scoped.repository';

import { FetchJob } from './fetch-job.schema';
import { isDuplicateKey } from '../common/duplicate-key';

@Injectable()
export class FetchJobRepository extends TenantScopedRepository<FetchJob> {
  constructor(@InjectModel(FetchJob.name) model: Model<FetchJob>) {
    super(model);
  }

  /** Creates the job, or returns the one created earlier with the same idempotency key. */
  async createOnce(
    tenantId: number,
    job: NewDocument<FetchJob>,
  ): Promise<{ job: Stored<FetchJob>; created: boolean }> {
    try {
      return { job: await this.create(tenantId, job), created: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const existing = await this.findByIdempotencyKey(tenantId, job.idempotency_key);
      if (!existing) throw error;
      return { job: existing, created: false };
    }
  }

  /** Moves a job to `status` only from one of `from`; null when it was elsewhere (a duplicate delivery). */
  async transition(
    tenantId: number,
    id: string,
    from: FetchJobStatus[],
    status: FetchJobStatus,
    set: Record<string, unknown> = {},
  ): Promise<Stored<FetchJob> | null> {
    const doc = await this.model
      .findOneAndUpdate(
        this.scoped(tenantId, { _id: id, status: { $in: from } }),
        { $set: { ...set, status } },
        { new: true },
      )
      .lean()
      .exec();
    return doc ? this.toStored(doc) : null;
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
