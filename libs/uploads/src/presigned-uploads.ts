import { ConflictException, Inject, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { Upload } from './persistence/upload.schema';
import { UploadRepository } from './persistence/upload.repository';
import { newUpload, UploadIntake, uploadId } from './upload-intake';
import { UploadStatusChanges } from './upload-status-changes';
import { UploadView, view } from './upload-view';
import { storageConfig, StorageConfig } from '@modalflow/config';
import { type Principal } from '@modalflow/contracts';
import { Stored } from '@modalflow/database';
import { ObjectStore } from '@modalflow/storage';

/** Largest part count of an S3 multipart upload. */
const MAX_PARTS = 10_000;
/** Presigned parts: the smallest part (S3's minimum is 5 MiB) and how long a part URL is valid. */
const PART_BYTES = 8 * 1024 * 1024;
const PART_URL_SECONDS = 3600;

/** A presigned upload as a client asks for it. */
export interface PresignedUploadRequest {
  file_name: string;
  size: number;
  sampling_rate_hz?: number;
  recorded_at?: Date;
  environment?: Record<string, number>;
}

/** The parts of a presigned upload: how many, which are in, and URLs to PUT the others. */
export interface PresignedParts {
  part_size: number;
  parts: number;
  received: number;
  missing: { part_number: number; url: string }[];
  expires_at: Date;
}

/**
 * Presigned mode, for large files and flaky links: a multipart upload in the staging bucket whose
 * parts the client PUTs straight to object storage.
 */
@Injectable()
export class PresignedUploads {
  constructor(
    private readonly uploads: UploadRepository,
    private readonly objects: ObjectStore,
    private readonly intake: UploadIntake,
    private readonly statuses: UploadStatusChanges,
    @Inject(storageConfig.KEY) private readonly storage: StorageConfig,
  ) {}

  /**
   * Presigned mode: a multipart upload in the staging bucket whose parts the client PUTs straight to
   * object storage; answers the part URLs. A repeated Idempotency-Key answers the same upload.
   */
  async presign(
    principal: Principal,
    structureId: string,
    readRequest: () => Promise<PresignedUploadRequest>,
    idempotencyKey?: string,
  ): Promise<UploadView & PresignedParts> {
    await this.intake.admit(principal, structureId, idempotencyKey);
    // Read after the structure's check: another tenant's structure is a 404 whatever the body.
    const request = await readRequest();
    if (request.size > this.storage.maxUploadBytes) {
      throw new PayloadTooLargeException(
        `size: the file is larger than UPLOAD_MAX_BYTES (${this.storage.maxUploadBytes} bytes)`,
      );
    }
    const id = uploadId(principal, structureId, idempotencyKey);
    const earlier = await this.uploads.findById(principal.tenantId, id);
    if (earlier) return { ...view(earlier), ...(await this.partsOf(earlier)) };
    const fields = newUpload(principal, structureId, id, request.file_name);
    const partSize = Math.max(PART_BYTES, Math.ceil(request.size / MAX_PARTS));
    const { upload } = await this.statuses.create(principal.tenantId, {
      ...fields,
      mode: 'presigned',
      size: request.size,
      ...(request.sampling_rate_hz ? { sampling_rate_hz: request.sampling_rate_hz } : {}),
      ...(request.recorded_at ? { recorded_at: request.recorded_at } : {}),
      ...(request.environment ? { environment: request.environment } : {}),
      multipart_upload_id: await this.objects.startMultipart(this.storage.uploadBucket, fields.staging_key),
      part_size: partSize,
      parts: Math.ceil(request.size / partSize),
    });
    return { ...view(upload), ...(await this.partsOf(upload)) };
  }

  /** Presigned mode: the parts stored so far and URLs for the others (an interrupted client asks again). */
  async missingParts(principal: Principal, structureId: string, id: string): Promise<PresignedParts> {
    return this.partsOf(await this.presignedUploading(principal, structureId, id));
  }

  /** Presigned mode: once every part is stored, assembles the object and queues the upload. */
  async complete(principal: Principal, structureId: string, id: string): Promise<UploadView> {
    const upload = await this.presignedUploading(principal, structureId, id);
    const stored = await this.objects.listParts(
      this.storage.uploadBucket,
      upload.staging_key,
      upload.multipart_upload_id!,
    );
    const missing = partNumbers(upload).filter((n) => !stored.some((part) => part.PartNumber === n));
    if (missing.length > 0) {
      throw new ConflictException(
        `part(s) ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', ...' : ''} have not arrived: ` +
          `GET .../uploads/${id}/parts gives their URLs`,
      );
    }
    const bytes = stored.reduce((sum, part) => sum + part.Size, 0);
    if (bytes !== upload.size) {
      throw new ConflictException(
        `the parts hold ${bytes} bytes, the upload declared ${upload.size}: send each part of part_size bytes (the last one the rest)`,
      );
    }
    await this.objects.completeMultipart(
      this.storage.uploadBucket,
      upload.staging_key,
      upload.multipart_upload_id!,
      stored,
    );
    return this.intake.queueStored(upload, bytes);
  }

  private async partsOf(upload: Stored<Upload>): Promise<PresignedParts> {
    const uploading = upload.status === 'UPLOADING';
    const stored = uploading
      ? await this.objects.listParts(
          this.storage.uploadBucket,
          upload.staging_key,
          upload.multipart_upload_id!,
        )
      : [];
    const have = new Set(stored.map((part) => part.PartNumber));
    const missing = uploading ? partNumbers(upload).filter((n) => !have.has(n)) : [];
    return {
      part_size: upload.part_size!,
      parts: upload.parts!,
      received: uploading ? have.size : (upload.parts ?? 0),
      missing: await Promise.all(
        missing.map(async (n) => ({
          part_number: n,
          url: await this.objects.partUrl(
            this.storage.uploadBucket,
            upload.staging_key,
            upload.multipart_upload_id!,
            n,
            PART_URL_SECONDS,
          ),
        })),
      ),
      expires_at: new Date(Date.now() + PART_URL_SECONDS * 1000),
    };
  }

  private async presignedUploading(
    principal: Principal,
    structureId: string,
    id: string,
  ): Promise<Stored<Upload>> {
    const upload = await this.intake.find(principal, structureId, id);
    if (upload.mode !== 'presigned')
      throw new ConflictException(`upload ${id} was sent through the API, not in parts`);
    if (upload.status !== 'UPLOADING')
      throw new ConflictException(`upload ${id} is ${upload.status}: its parts are in`);
    return upload;
  }
}

function partNumbers(upload: Stored<Upload>): number[] {
  return Array.from({ length: upload.parts ?? 0 }, (_, i) => i + 1);
}
