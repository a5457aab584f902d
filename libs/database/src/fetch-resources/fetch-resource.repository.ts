import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Lean, NewDocument, Stored, TenantScopedRepository } from '../common/tenant-scoped.repository';
import { decodeNestedArrays, encodeNestedArrays } from '../common/nested-arrays';
import { FetchResource } from './fetch-resource.schema';
import { onlyDuplicates } from '../common/duplicate-key';

export const resourceKey = (jobId: string, resourceId: string): string => `${jobId}:${resourceId}`;

@Injectable()
export class FetchResourceRepository extends TenantScopedRepository<FetchResource> {
  constructor(@InjectModel(FetchResource.name) model: Model<FetchResource>) {
    super(model);
  }

  /**
   * Stores part of a job's index; entries already stored (a redelivered fetch) are left as they are.
   * The driver's own insertMany: the fetch worker builds the documents, so Mongoose's per-document
   * casting would only cost time.
   */
  async insertIndex(tenantId: number, entries: NewDocument<FetchResource>[]): Promise<void> {
    if (entries.length === 0) return;
    const now = new Date();
    try {
      await this.model.db.collection<FetchResource>(this.model.collection.collectionName).insertMany(
        entries.map((entry) => ({
          ...entry,
          ...(entry.data === undefined ? {} : { data: encodeNestedArrays(entry.data) }),
          tenant_id: tenantId,
          created_at: now,
          updated_at: now,
        })),
        { ordered: false, ignoreUndefined: true },
      );
    } catch (error) {
      if (!onlyDuplicates(error)) throw error;
    }
  }

  /**
   * A job's index entries stored QUEUED (settled or not: the ledger knows), in index order, without
   * their data.
   */
  async queuedEntries(tenantId: number, jobId: string): Promise<Stored<FetchResource>[]> {
    const docs = await this.model
      .find(this.scoped(tenantId, { job_id: jobId, status: 'QUEUED' }), { data: 0 })
      .sort({ index: 1 })
      .lean<Array<FetchResource & { _id: string }>>()
      .exec();
    return docs.map((doc) => this.toStored(doc));
  }

  /** Inline data may hold arrays of arrays, which FerretDB cannot store as they are. */
  protected override toStored(doc: Lean<FetchResource>): Stored<FetchResource> {
    const stored = super.toStored(doc);
    return stored.data === undefined ? stored : { ...stored, data: decodeNestedArrays(stored.data) };
  }

  protected override isValidId(id: string): boolean {
    return id.includes(':');
  }
}
