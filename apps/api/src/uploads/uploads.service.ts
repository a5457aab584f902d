import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { Request } from 'express';
import { Types } from 'mongoose';
import { createHash } from 'node:crypto';
import { storageConfig, StorageConfig } from '@modalflow/config';
import {
  QUEUES,
  uploadStatusEvent,
  type Principal,
  type UploadMessage,
  type UploadStatus,
} from '@modalflow/contracts';
import {
  Page,
  PageRequest,
  Stored,
  StructureRepository,
  Upload,
  UploadChanges,
  UploadRepository,
} from '@modalflow/database';
import { RabbitMqPublisher, StatusPublisher } from '@modalflow/messaging';
import { UploadStatusChanges } from '@modalflow/pipeline';
import { ObjectStore } from '@modalflow/storage';
import { fieldError } from '../common/field-error';
import { requireStructure } from '../structures/require-structure';
import { checkIdempotencyKey } from '../common/idempotency-key';
import { apiValidationPipe } from '../common/validation.pipe';
import { MAX_PARTS, PresignedParts, PresignedUploadDto } from './dto/presigned-upload.dto';
import { UploadQuery } from './dto/upload.query';
import { ByteCounter, incomingFile, safeFileName } from './incoming-file';

/** How often bytes received are written and announced while a file arrives. */
const PROGRESS_INTERVAL_MS = 500;
/** Presigned parts: the smallest part (S3's minimum is 5 MiB) and how long a part URL is valid. */
const PART_BYTES = 8 * 1024 * 1024;
const PART_URL_SECONDS = 3600;

/** What a client sees of an upload: not its object keys, owner ids or outbox. */
export type UploadView = Omit<
  Stored<Upload>,
  '_id' | 'tenant_id' | 'user_id' | 'staging_key' | 'object_key' | 'outbox' | 'multipart_upload_id'
>;

class ClientDisconnected extends Error {}

/**
 * Receives recordings (docs/uploads.md): streams the body into the staging bucket as it arrives,
 * tracks it in `uploads`, then hands it to the fetch worker on the `upload` queue.
 */
@Injectable()
export class UploadsService {
  private readonly logger = new Logger(UploadsService.name);

  constructor(
    private readonly structures: StructureRepository,
    private readonly uploads: UploadRepository,
    private readonly objects: ObjectStore,
    private readonly queue: RabbitMqPublisher,
    private readonly statuses: UploadStatusChanges,
    private readonly publisher: StatusPublisher,
    @Inject(storageConfig.KEY) private readonly storage: StorageConfig,
  ) {}

  async upload(
    principal: Principal,
    structureId: string,
    request: Request,
    query: UploadQuery,
    idempotencyKey?: string,
  ): Promise<UploadView> {
    await this.checkRequest(principal, structureId, idempotencyKey);
    const declared = Number(request.headers['content-length'] ?? NaN);
    if (declared > this.storage.maxUploadBytes) {
      throw new PayloadTooLargeException(
        `the body is larger than UPLOAD_MAX_BYTES (${this.storage.maxUploadBytes} bytes)`,
      );
    }
    const file = await incomingFile(request);
    const givenName = file.fileName ?? query.file_name;
    if (!givenName) {
      file.stream.resume();
      throw fieldError('file_name', 'is needed with a raw body (or send a form with a "file" field)');
    }
    const { upload, created } = await this.statuses.create(principal.tenantId, {
      ...newUpload(principal, structureId, uploadId(principal, structureId, idempotencyKey), givenName),
      mode: 'stream',
      ...(file.fileName === undefined && declared >= 0 ? { size: declared } : {}),
      ...(query.sampling_rate_hz ? { sampling_rate_hz: query.sampling_rate_hz } : {}),
    });
    if (!created) {
      file.stream.resume(); // the first request's upload stands; this body is not stored again
      return view(upload);
    }
    return this.receive(upload, file.stream, request);
  }

  /**
   * Presigned mode: a multipart upload in the staging bucket whose parts the client PUTs straight to
   * object storage; answers the part URLs. A repeated Idempotency-Key answers the same upload.
   */
  async presign(
    principal: Principal,
    structureId: string,
    body: unknown,
    idempotencyKey?: string,
  ): Promise<UploadView & PresignedParts> {
    await this.checkRequest(principal, structureId, idempotencyKey);
    // Checked here, after the structure: another tenant's structure is a 404 whatever the body.
    const dto = (await apiValidationPipe.transform(body, {
      type: 'body',
      metatype: PresignedUploadDto,
    })) as PresignedUploadDto;
    if (dto.size > this.storage.maxUploadBytes) {
      throw new PayloadTooLargeException(
        `size: the file is larger than UPLOAD_MAX_BYTES (${this.storage.maxUploadBytes} bytes)`,
      );
    }
    const id = uploadId(principal, structureId, idempotencyKey);
    const earlier = await this.uploads.findById(principal.tenantId, id);
    if (earlier) return { ...view(earlier), ...(await this.partsOf(earlier)) };
    const fields = newUpload(principal, structureId, id, dto.file_name);
    const partSize = Math.max(PART_BYTES, Math.ceil(dto.size / MAX_PARTS));
    const { upload } = await this.statuses.create(principal.tenantId, {
      ...fields,
      mode: 'presigned',
      size: dto.size,
      ...(dto.sampling_rate_hz ? { sampling_rate_hz: dto.sampling_rate_hz } : {}),
      multipart_upload_id: await this.objects.startMultipart(this.storage.uploadBucket, fields.staging_key),
      part_size: partSize,
      parts: Math.ceil(dto.size / partSize),
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
    return this.queueStored(upload, bytes);
  }

  async list(principal: Principal, structureId: string, page: PageRequest): Promise<Page<UploadView>> {
    await requireStructure(this.structures, principal.tenantId, structureId);
    const found = await this.uploads.findPage(principal.tenantId, { structure_id: structureId }, page);
    return { ...found, items: found.items.map(view) };
  }

  async get(principal: Principal, structureId: string, id: string): Promise<UploadView> {
    return view(await this.found(principal, structureId, id));
  }

  /** Streams the body into the staging bucket, then queues the upload; ERROR with the reason if not. */
  private async receive(
    upload: Stored<Upload>,
    body: NodeJS.ReadableStream,
    request: Request,
  ): Promise<UploadView> {
    let reported = Date.now();
    const counter = new ByteCounter(this.storage.maxUploadBytes, (bytes) => {
      if (Date.now() - reported < PROGRESS_INTERVAL_MS) return;
      reported = Date.now();
      void this.announceProgress(upload, bytes);
    });
    // A body cut short ends as an error of the request (or of the form part), then a close.
    const cut = (error?: Error) =>
      counter.destroy(request.complete && error ? error : new ClientDisconnected());
    request.once('close', () => request.complete || cut());
    body.once('error', cut);
    body.pipe(counter);
    const write = this.objects.write(this.storage.uploadBucket, upload.staging_key, counter, 'text/csv');
    try {
      await write.done;
    } catch (error) {
      await write.abort().catch(() => undefined);
      const failure = uploadFailure(error, counter.errored ?? error);
      if (failure.status === 503) this.logger.error({ err: error }, `upload ${upload.id}: storing failed`);
      await this.end(upload, 'ERROR', {
        error: failure.reason,
        bytes_received: counter.bytes,
        finished_at: new Date(),
      });
      throw failure.exception;
    }
    if (counter.bytes === 0) {
      await this.objects.remove(this.storage.uploadBucket, upload.staging_key);
      await this.end(upload, 'ERROR', {
        error: 'the file is empty',
        bytes_received: 0,
        finished_at: new Date(),
      });
      throw new BadRequestException('the file is empty');
    }
    return this.queueStored(upload, counter.bytes);
  }

  /** Stored: QUEUED, and a message for the fetch worker. */
  private async queueStored(upload: Stored<Upload>, bytes: number): Promise<UploadView> {
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
    const upload = await this.found(principal, structureId, id);
    if (upload.mode !== 'presigned')
      throw new ConflictException(`upload ${id} was sent through the API, not in parts`);
    if (upload.status !== 'UPLOADING')
      throw new ConflictException(`upload ${id} is ${upload.status}: its parts are in`);
    return upload;
  }

  private async found(principal: Principal, structureId: string, id: string): Promise<Stored<Upload>> {
    await requireStructure(this.structures, principal.tenantId, structureId);
    const upload = await this.uploads.findById(principal.tenantId, id);
    if (!upload || upload.structure_id !== structureId)
      throw new NotFoundException(`upload ${id} not found in structure ${structureId}`);
    return upload;
  }

  private async checkRequest(
    principal: Principal,
    structureId: string,
    idempotencyKey?: string,
  ): Promise<void> {
    checkIdempotencyKey(idempotencyKey);
    await requireStructure(this.structures, principal.tenantId, structureId);
    if (!this.objects.enabled || !this.storage.uploadBucket || !this.storage.fileBucket) {
      this.logger.error(
        'an upload was refused: UPLOAD_BUCKET, FILE_BUCKET and the S3 credentials are needed',
      );
      throw new ServiceUnavailableException();
    }
  }

  private end(
    upload: Stored<Upload>,
    status: UploadStatus,
    set: UploadChanges,
  ): Promise<Stored<Upload> | null> {
    return this.statuses.move(upload, ['UPLOADING'], status, set);
  }

  /** Bytes so far: written and announced, best effort (the next report replaces a lost one). */
  private async announceProgress(upload: Stored<Upload>, bytes: number): Promise<void> {
    try {
      await this.uploads.received(upload.id, bytes);
      const event = uploadStatusEvent({ ...upload, status: 'UPLOADING', bytes_received: bytes });
      await this.publisher.publishText(upload.id, JSON.stringify({ ...event, at: new Date().toISOString() }));
    } catch (error) {
      this.logger.warn(`upload ${upload.id}: progress not recorded: ${(error as Error).message}`);
    }
  }
}

/** Why an upload could not be stored: the reason kept in the upload and the answer to the client. */
function uploadFailure(error: unknown, cause: unknown): { reason: string; status: number; exception: Error } {
  for (const candidate of [cause, error]) {
    if (candidate instanceof PayloadTooLargeException)
      return { reason: candidate.message, status: 413, exception: candidate };
    if (candidate instanceof ClientDisconnected)
      return {
        reason: 'client disconnected',
        status: 400,
        exception: new BadRequestException('the client disconnected before the body ended'),
      };
  }
  return {
    reason: 'the file could not be stored: object storage is unavailable',
    status: 503,
    exception: new ServiceUnavailableException(),
  };
}

function view(upload: Stored<Upload>): UploadView {
  const { _id, staging_key, object_key, outbox, tenant_id, user_id, multipart_upload_id, ...shown } = upload;
  void [_id, staging_key, object_key, outbox, tenant_id, user_id, multipart_upload_id]; // never shown
  return shown;
}

/** What every new upload starts as: UPLOADING, nothing received, its staging key under the tenant. */
function newUpload(principal: Principal, structureId: string, id: string, fileName: string) {
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
function uploadId(principal: Principal, structureId: string, idempotencyKey?: string): string {
  if (!idempotencyKey) return new Types.ObjectId().toHexString();
  const key = `${principal.tenantId}:${structureId}:${idempotencyKey}`;
  return createHash('sha256').update(key).digest('hex').slice(0, 24);
}

function partNumbers(upload: Stored<Upload>): number[] {
  return Array.from({ length: upload.parts ?? 0 }, (_, i) => i + 1);
}
