import {
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import { createHash } from 'node:crypto';
import { safeFileName } from './byte-counter';
import { Upload } from './persistence/upload.schema';
import { UploadChanges, UploadRepository } from './persistence/upload.repository';
import { UploadStatusChanges } from './upload-status-changes';
import type { UploadStatus } from './upload-status';
import type { UploadMessage } from './upload.message';
import { UploadView, view } from './upload-view';
import { storageConfig, StorageConfig } from '@modalflow/config';
import { checkIdempotencyKey, QUEUES, type Principal } from '@modalflow/contracts';
import { Stored, newDocumentId } from '@modalflow/database';
import { RabbitMqPublisher } from '@modalflow/messaging';
import { ObjectStore } from '@modalflow/storage';
import { requireStructure, StructureRepository } from '@modalflow/structures';

/**
 * What both ways of receiving a recording share (docs/uploads.md): admitting the request, a new
 * upload's fields and id, and handing the stored file to the fetch worker on the `upload` queue.
 */
@Injectable()
export class UploadIntake {
  private readonly logger = new Logger(UploadIntake.name);

  constructor(
    private readonly structures: StructureRepository,
    private readonly uploads: UploadRepository,
    private readonly objects: ObjectStore,
    private readonly queue: RabbitMqPublisher,
    private readonly statuses: UploadStatusChanges,
    @Inject(storageConfig.KEY) private readonly storage: StorageConfig,
  ) {}

  /** 400 for a bad Idempotency-Key, 404 for a structure not the caller's, 503 without object storage. */
  async admit(principal: Principal, structureId: string, idempotencyKey?: string): Promise<void> {
    checkIdempotencyKey(idempotencyKey);
    await requireStructure(this.structures, principal.tenantId, structureId);
    if (!this.objects.enabled || !this.storage.uploadBucket || !this.storage.fileBucket) {
      this.logger.error(
        'an upload was refused: UPLOAD_BUCKET, FILE_BUCKET and the S3 credentials are needed',
      );
      throw new ServiceUnavailableException();
    }
  }

  /** The caller's upload of this structure; 404 otherwise. */
  async find(principal: Principal, structureId: string, id: string): Promise<Stored<Upload>> {
    await requireStructure(this.structures, principal.tenantId, structureId);
    const upload = await this.uploads.findById(principal.tenantId, id);
    if (!upload || upload.structure_id !== structureId)
      throw new NotFoundException(`upload ${id} not found in structure ${structureId}`);
    return upload;
  }

  /** Stored: QUEUED, and a message for the fetch worker. */
  async queueStored(upload: Stored<Upload>, bytes: number): Promise<UploadView> {
    const queued = await this.end(upload, 'QUEUED', { bytes_received: bytes, size: bytes });
    if (!queued) throw new ConflictException(`upload ${upload.id} is not UPLOADING any more`);
    const message: UploadMessage = {
      upload_id: upload.id,
      structure_id: upload.structure_id,
      tenant_id: upload.tenant_id,
      user_id: upload.user_id,
    };
    await this.queue.publish(QUEUES.UPLOAD, message, { messageId: upload.id });
    return view(queued);
  }

  /** An UPLOADING upload moves on (QUEUED, or ERROR with its reason); null when it had moved already. */
  end(upload: Stored<Upload>, status: UploadStatus, set: UploadChanges): Promise<Stored<Upload> | null> {
    return this.statuses.move(upload, ['UPLOADING'], status, set);
  }
}

/** What every new upload starts as: UPLOADING, nothing received, its staging key under the tenant. */
export function newUpload(principal: Principal, structureId: string, id: string, fileName: string) {
  return {
    _id: id,
    user_id: principal.userId,
    structure_id: structureId,
    file_name: safeFileName(fileName),
    status: 'UPLOADING' as const,
    bytes_received: 0,
    staging_key: `${principal.tenantId}/${id}`,
  };
}

/** The upload's id: new, or derived from the tenant, structure and Idempotency-Key (a repeat finds it). */
export function uploadId(principal: Principal, structureId: string, idempotencyKey?: string): string {
  if (!idempotencyKey) return newDocumentId();
  const key = `${principal.tenantId}:${structureId}:${idempotencyKey}`;
  return createHash('sha256').update(key).digest('hex').slice(0, 24);
}
