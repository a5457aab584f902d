import { Injectable } from '@nestjs/common';
import { movesInto } from '@modalflow/contracts';
import { UPLOAD_MOVES, uploadStatusEvent, type UploadStatus } from './upload-status';
import { Upload } from './persistence/upload.schema';
import { UploadChanges, UploadRepository } from './persistence/upload.repository';
import { NewDocument, outboxEntry, Stored } from '@modalflow/database';
import { StatusRelay } from '@modalflow/messaging';

/**
 * The one way an app creates an upload or moves it to another status: the change and its event in
 * one update (the outbox), then the event relayed. The API (received, abandoned) and the fetch
 * worker (checked) both use it.
 */
@Injectable()
export class UploadStatusChanges {
  constructor(
    private readonly uploads: UploadRepository,
    private readonly relay: StatusRelay,
  ) {}

  /**
   * Creates the upload with its first event, or finds the one stored earlier under the same id (a
   * repeated Idempotency-Key: `created` false, no event).
   */
  async create(
    tenantId: number,
    upload: NewDocument<Upload>,
  ): Promise<{ upload: Stored<Upload>; created: boolean }> {
    const event = outboxEntry(uploadStatusEvent({ ...upload, id: upload._id, tenant_id: tenantId }));
    const found = await this.uploads.createOnce(tenantId, upload, event);
    if (found.created) await this.relay.relay(this.uploads.outboxes(), upload._id, event.id);
    return found;
  }

  /**
   * Moves the upload to `status` only from one of `from` (which UPLOAD_MOVES must allow); null (and
   * no event) when it was elsewhere.
   */
  async move(
    upload: Stored<Upload>,
    from: UploadStatus[],
    status: UploadStatus,
    set: UploadChanges,
  ): Promise<Stored<Upload> | null> {
    const allowed = movesInto(UPLOAD_MOVES, status, from);
    const event = outboxEntry(
      uploadStatusEvent({
        ...upload,
        status,
        bytes_received: set.bytes_received ?? upload.bytes_received,
        size: set.size ?? upload.size,
        error: set.error ?? undefined,
      }),
    );
    const moved = await this.uploads.transition(upload.tenant_id, upload.id, allowed, status, set, event);
    if (moved) await this.relay.relay(this.uploads.outboxes(), upload.id, event.id);
    return moved;
  }
}
