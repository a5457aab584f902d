import {
  BadRequestException,
  Inject,
  Injectable,
  Logger,
  PayloadTooLargeException,
  ServiceUnavailableException,
} from '@nestjs/common';
import type { Readable } from 'node:stream';
import { ByteCounter } from './byte-counter';
import { Upload } from './persistence/upload.schema';
import { UploadRepository } from './persistence/upload.repository';
import { newUpload, UploadIntake, uploadId } from './upload-intake';
import { uploadStatusEvent } from './upload-status';
import { UploadStatusChanges } from './upload-status-changes';
import { UploadView, view } from './upload-view';
import { storageConfig, StorageConfig } from '@modalflow/config';
import { fieldError, type Principal } from '@modalflow/contracts';
import { Stored } from '@modalflow/database';
import { StatusPublisher } from '@modalflow/messaging';
import { ObjectStore } from '@modalflow/storage';

/** How often bytes received are written and announced while a file arrives. */
const PROGRESS_INTERVAL_MS = 500;

/** What a client may say of the measurement an upload is: when it was made, and its environment. */
export interface UploadedMeasurement {
  recorded_at?: Date;
  environment?: Record<string, number>;
}

/** A recording sent through the API: its body is streamed into the staging bucket as it arrives. */
export interface StreamedUploadRequest {
  /** Reads the file out of the request (a form's part, or the raw body); called once it is admitted. */
  readFile(): Promise<{ fileName?: string; stream: Readable }>;
  /** The connection the body comes on: whether the body ended whole, and its close. */
  connection: { readonly complete: boolean; once(event: 'close', listener: () => void): unknown };
  /** The request's Content-Length; NaN when not declared. */
  declaredBytes: number;
  /** ?file_name=, for a raw body. */
  fileName?: string;
  samplingRateHz?: number;
  /** The measurement time and environment the client gave (checked by the caller). */
  measurement?: UploadedMeasurement;
}

class ClientDisconnected extends Error {}

/** Receives a recording streamed through the API, then queues it for its check. */
@Injectable()
export class StreamedUploads {
  private readonly logger = new Logger(StreamedUploads.name);

  constructor(
    private readonly uploads: UploadRepository,
    private readonly objects: ObjectStore,
    private readonly intake: UploadIntake,
    private readonly statuses: UploadStatusChanges,
    private readonly publisher: StatusPublisher,
    @Inject(storageConfig.KEY) private readonly storage: StorageConfig,
  ) {}

  async upload(
    principal: Principal,
    structureId: string,
    request: StreamedUploadRequest,
    idempotencyKey?: string,
  ): Promise<UploadView> {
    await this.intake.admit(principal, structureId, idempotencyKey);
    const declared = request.declaredBytes;
    if (declared > this.storage.maxUploadBytes) {
      throw new PayloadTooLargeException(
        `the body is larger than UPLOAD_MAX_BYTES (${this.storage.maxUploadBytes} bytes)`,
      );
    }
    const file = await request.readFile();
    const givenName = file.fileName ?? request.fileName;
    if (!givenName) {
      file.stream.resume();
      throw fieldError('file_name', 'is needed with a raw body (or send a form with a "file" field)');
    }
    const { upload, created } = await this.statuses.create(principal.tenantId, {
      ...newUpload(principal, structureId, uploadId(principal, structureId, idempotencyKey), givenName),
      mode: 'stream',
      ...(file.fileName === undefined && declared >= 0 ? { size: declared } : {}),
      ...(request.samplingRateHz ? { sampling_rate_hz: request.samplingRateHz } : {}),
      ...request.measurement,
    });
    if (!created) {
      file.stream.resume(); // the first request's upload stands; this body is not stored again
      return view(upload);
    }
    return this.receive(upload, file.stream, request.connection);
  }

  /** Streams the body into the staging bucket, then queues the upload; ERROR with the reason if not. */
  private async receive(
    upload: Stored<Upload>,
    body: NodeJS.ReadableStream,
    request: StreamedUploadRequest['connection'],
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
      await this.intake.end(upload, 'ERROR', {
        error: failure.reason,
        bytes_received: counter.bytes,
        finished_at: new Date(),
      });
      throw failure.exception;
    }
    if (counter.bytes === 0) {
      await this.objects.remove(this.storage.uploadBucket, upload.staging_key);
      await this.intake.end(upload, 'ERROR', {
        error: 'the file is empty',
        bytes_received: 0,
        finished_at: new Date(),
      });
      throw new BadRequestException('the file is empty');
    }
    return this.intake.queueStored(upload, counter.bytes);
  }

  /** Bytes so far: written and announced, best effort (the next report replaces a lost one). */
  private async announceProgress(upload: Stored<Upload>, bytes: number): Promise<void> {
    try {
      await this.uploads.received(upload.tenant_id, upload.id, bytes);
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
