import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { NewDocument, Stored, TenantScopedRepository } from '../common/tenant-scoped.repository';
import { FetchResource } from './fetch-resource.schema';
import { onlyDuplicates } from '../common/duplicate-key';

export const resourceKey = (jobId: string, resourceId: string): string => `${jobId}:${resourceId}`;

@Injectable()
export class FetchResourceRepository extends TenantScopedRepository<FetchResource> {
  constructor(@InjectModel(FetchResource.name) model: Model<FetchResource>) {
    super(model);
  }

  /** Stores a job's index; entries already stored (a redelivered fetch) are left as they are. */
  async insertIndex(tenantId: number, entries: NewDocument<FetchResource>[]): Promise<void> {
    if (entries.length === 0) return;
    try {
      await this.model.insertMany(
        entries.map((entry) => ({ ...entry, tenant_id: tenantId })),
        { ordered: false },
      );
    } catch (error) {
      if (!onlyDuplicates(error)) throw error;
    }
  }

  /** Notes how a resource ended, after the ledger has settled it (a resource read for its tenant). */
  async recordOutcome(
    resource: Stored<FetchResource>,
    status: 'DONE' | 'FAILED',
    fields: Partial<
      Pick<FetchResource, 'summary' | 'last_error' | 'measurement_id' | 'processed_by' | 'attempts'>
    >,
  ): Promise<void> {
    await this.model
      .updateOne({ _id: resource.id }, {
        $set: { ...fields, status, processed_at: new Date() },
      })
      .exec();
  }

  /** Puts a job's FAILED resources back to QUEUED; returns their resource ids. */
  async requeueFailed(tenantId: number, jobId: string): Promise<string[]> {
    const failed = await this.model
      .find(this.scoped(tenantId, { job_id: jobId, status: 'FAILED' }))
      .lean()
      .exec();
    const ids = failed.map((doc) => doc._id);
    if (ids.length > 0) {
      await this.model
        .updateMany(this.scoped(tenantId, { _id: { $in: ids }, status: 'FAILED' }), {
          $set: { status: 'QUEUED', attempts: 0 },
          $unset: { last_error: 1, processed_at: 1 },
        })
        .exec();
    }
    return failed.map((doc) => doc.resource_id);
  }

  /** The processed resources of a job, in index order, one at a time (for output.json). */
  streamProcessed(tenantId: number, jobId: string): AsyncIterable<Stored<FetchResource>> {
    const cursor = this.model
      .find(this.scoped(tenantId, { job_id: jobId, status: 'DONE' }))
      .sort({ index: 1 })
      .lean()
      .cursor();
    const toStored = (doc: Parameters<typeof this.toStored>[0]) => this.toStored(doc);
    return (async function* () {
      for await (const doc of cursor) yield toStored(doc);
    })();
  }

  protected override isValidId(id: string): boolean {
    return id.includes(':');
  }
}
