import {
  BadRequestException,
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
  outboxEntry,
  Page,
  PageRequest,
  Stored,
  StructureRepository,
  Upload,
  UploadChanges,
  UploadRepository,
} from '@modalflow/database';
import { RabbitMqPublisher, StatusPublisher, StatusRelay } from '@modalflow/messaging';
import { ObjectStore } from '@modalflow/storage';
import { fieldError } from '../common/field-error';
import { checkIdempotencyKey } from '../common/idempotency-key';
import { UploadQuery } from './dto/upload.query';
import { ByteCounter, incomingFile, safeFileName } from './incoming-file';

/** How often bytes received are written and announced while a file arrives. */
const PROGRESS_INTERVAL_MS = 500;

/** What a client sees of an upload: not its object keys, owner ids or outbox. */
export type UploadView = Omit<
  Stored<Upload>,
  '_id' | 'tenant_id' | 'user_id' | 'staging_key' | 'object_key' | 'outbox'
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
    private readonly relay: StatusRelay,
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
    checkIdempotencyKey(idempotencyKey);
    await this.requireStructure(principal, structureId);
    if (!this.objects.enabled || !this.storage.uploadBucket || !this.storage.fileBucket) {
      this.logger.error(
        'an upload was refused: UPLOAD_BUCKET, FILE_BUCKET and the S3 credentials are needed',
      );
      throw new ServiceUnavailableException();
    }
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
    const id = idempotencyKey
      ? createHash('sha256')
          .update(`${principal.tenantId}:${structureId}:${idempotencyKey}`)
          .digest('hex')
          .slice(0, 24)
      : new Types.ObjectId().toHexString();
    const fields = {
      _id: id,
      user_id: principal.userId,
      structure_id: structureId,
      file_name: safeFileName(givenName),
      ...(file.fileName === undefined && declared >= 0 ? { size: declared } : {}),
      ...(query.sampling_rate_hz ? { sampling_rate_hz: query.sampling_rate_hz } : {}),
      status: 'UPLOADING' as const,
      bytes_received: 0,
      staging_key: `${principal.tenantId}/${id}`,
    };
    const event = outboxEntry(uploadStatusEvent({ ...fields, id, tenant_id: principal.tenantId }));
    const { upload, created } = await this.uploads.createOnce(principal.tenantId, fields, event);
    if (!created) {
      file.stream.resume(); // the first request's upload stands; this body is not stored again
      return view(upload);
    }
    await this.relay.relay(this.uploads.outboxes(), id, event.id);
    return this.receive(upload, file.stream, request);
  }

  async list(principal: Principal, structureId: string, page: PageRequest): Promise<Page<UploadView>> {
    await this.requireStructure(principal, structureId);
    const found = await this.uploads.findPage(principal.tenantId, { structure_id: structureId }, page);
    return { ...found, items: found.items.map(view) };
  }

  async get(principal: Principal, structureId: string, id: string): Promise<UploadView> {
    await this.requireStructure(principal, structureId);
    const upload = await this.uploads.findById(principal.tenantId, id);
    if (!upload || upload.structure_id !== structureId)
      throw new NotFoundException(`upload ${id} not found in structure ${structureId}`);
    return view(upload);
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
    const queued = await this.end(upload, 'QUEUED', { bytes_received: counter.bytes, size: counter.bytes });
    const message: UploadMessage = {
      upload_id: upload.id,
      structure_id: upload.structure_id,
      tenant_id: upload.tenant_id,
      user_id: upload.user_id,
    };
    await this.queue.publish(QUEUES.UPLOAD, message, { messageId: upload.id });
    return view(queued ?? upload);
  }

  private async end(
    upload: Stored<Upload>,
    status: UploadStatus,
    set: UploadChanges,
  ): Promise<Stored<Upload> | null> {
    const event = outboxEntry(
      uploadStatusEvent({
        ...upload,
        status,
        bytes_received: set.bytes_received ?? upload.bytes_received,
        size: set.size ?? upload.size,
        error: set.error ?? undefined,
      }),
    );
    const ended = await this.uploads.transition(upload.id, ['UPLOADING'], status, set, event);
    await this.relay.relay(this.uploads.outboxes(), upload.id, event.id);
    return ended;
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

  private async requireStructure(principal: Principal, structureId: string): Promise<void> {
    if (!(await this.structures.findById(principal.tenantId, structureId))) {
      throw new NotFoundException(`structure ${structureId} not found`);
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
  const { _id, staging_key, object_key, outbox, tenant_id, user_id, ...shown } = upload;
  void [_id, staging_key, object_key, outbox, tenant_id, user_id]; // internal: never shown
  return shown;
}
