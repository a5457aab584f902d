import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Upload } from './upload.schema';
import { type UploadStatus } from '../upload-status';
import {
  isDuplicateKey,
  documentOutboxes,
  DocumentOutboxes,
  OutboxEntry,
  pushToOutbox,
  NewDocument,
  Stored,
  TenantScopedRepository,
} from '@modalflow/database';

/** Fields a status change sets; null clears one. */
export type UploadChanges = { [K in keyof Upload]?: Upload[K] | null };

const UPLOAD_ID = /^[0-9a-f]{24}$/;

@Injectable()
export class UploadRepository extends TenantScopedRepository<Upload> {
  constructor(@InjectModel(Upload.name) model: Model<Upload>) {
    super(model);
  }

  /**
   * Creates the upload with its first status event in its outbox, or returns the one stored earlier
   * under the same id (a repeated request with the same Idempotency-Key) and no event.
   */
  async createOnce(
    tenantId: number,
    upload: NewDocument<Upload>,
    event: OutboxEntry,
  ): Promise<{ upload: Stored<Upload>; created: boolean }> {
    try {
      return { upload: await this.create(tenantId, { ...upload, outbox: [event] }), created: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const existing = await this.findById(tenantId, upload._id);
      if (!existing) throw error; // another tenant's id: derived ids of two tenants cannot meet
      return { upload: existing, created: false };
    }
  }

  /**
   * Moves an upload to `status` only from one of `from`, recording `event` in its outbox by the
   * same update; null when it was elsewhere (a duplicate delivery, a second request).
   */
  async transition(
    tenantId: number,
    id: string,
    from: readonly UploadStatus[],
    status: UploadStatus,
    set: UploadChanges,
    event: OutboxEntry,
  ): Promise<Stored<Upload> | null> {
    const doc = await this.model
      .findOneAndUpdate(
        { _id: id, tenant_id: tenantId, status: { $in: [...from] } },
        { $set: { ...set, status }, ...pushToOutbox(event) },
        { new: true },
      )
      .lean()
      .exec();
    return doc ? this.toStored(doc) : null;
  }

  /** Records how many bytes have arrived (while UPLOADING). */
  async received(tenantId: number, id: string, bytes: number): Promise<void> {
    await this.model.updateOne({ _id: id, tenant_id: tenantId }, { $max: { bytes_received: bytes } }).exec();
  }

  /** Uploads still UPLOADING that have not changed since `before` (any tenant; the stale sweep). */
  async uploadingSince(before: Date, limit: number): Promise<Stored<Upload>[]> {
    const docs = await this.model
      .find({ status: 'UPLOADING', updated_at: { $lt: before } })
      .limit(limit)
      .lean()
      .exec();
    return docs.map((doc) => this.toStored(doc));
  }

  /** Marks an upload as still active (its parts arrive straight at object storage). */
  async touch(tenantId: number, id: string): Promise<void> {
    await this.model
      .updateOne(
        { _id: id, tenant_id: tenantId },
        { $set: { updated_at: new Date() } },
        { timestamps: false },
      )
      .exec();
  }

  /** The uploads' outboxes, for StatusRelay. */
  outboxes(): DocumentOutboxes {
    return documentOutboxes(this.model.db.collection(this.model.collection.collectionName));
  }

  protected override isValidId(id: string): boolean {
    return UPLOAD_ID.test(id);
  }

  /** Per structure: its finished uploads and when the latest finished. */
  async finishedPerStructure(
    tenantId: number,
    structureIds: string[],
  ): Promise<Map<string, { count: number; last_finished_at?: Date }>> {
    const found = await Promise.all(
      structureIds.map(async (structureId) => {
        const filter = { tenant_id: tenantId, structure_id: structureId, status: 'DONE' as const };
        const [count, latest] = await Promise.all([
          this.model.countDocuments(filter),
          this.model.findOne(filter, { finished_at: 1 }).sort({ finished_at: -1 }).lean(),
        ]);
        const last = latest?.finished_at;
        return [structureId, { count, ...(last ? { last_finished_at: last } : {}) }] as const;
      }),
    );
    return new Map(found);
  }
}
