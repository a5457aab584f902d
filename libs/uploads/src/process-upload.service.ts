import { Inject, Injectable, Logger } from '@nestjs/common';
import { createInterface } from 'node:readline';
import type { RecordingSummary } from '@modalflow/ingestion';
import type { UploadMessage } from './upload.message';
import { Upload } from './persistence/upload.schema';
import { UploadRepository } from './persistence/upload.repository';
import { UploadStatusChanges } from './upload-status-changes';
import { storageConfig, StorageConfig } from '@modalflow/config';
import { Stored } from '@modalflow/database';
import { StructureRepository } from '@modalflow/structures';
import { InvalidDataError, RecordingScan } from '@modalflow/ingestion';
import { Delivery, MalformedMessageError, retryingDatabaseOutages } from '@modalflow/messaging';
import { MeasurementArrivals } from '@modalflow/measurements';
import { ObjectStore, uploadObjectKey } from '@modalflow/storage';

/** A heartbeat (WorkProgress) every this many lines of a long recording. */
const LINES_PER_HEARTBEAT = 50_000;

/**
 * Checks, summarises and stores one uploaded recording (docs/uploads.md). Every step may be repeated
 * by a redelivery: the scan reads whichever object exists, the copy writes the same final key, the
 * staging object's removal tolerates its absence, and the upload ends DONE only from PROCESSING.
 */
@Injectable()
export class ProcessUploadService {
  private readonly logger = new Logger(ProcessUploadService.name);

  constructor(
    private readonly uploads: UploadRepository,
    private readonly structures: StructureRepository,
    private readonly objects: ObjectStore,
    private readonly statuses: UploadStatusChanges,
    private readonly arrivals: MeasurementArrivals,
    @Inject(storageConfig.KEY) private readonly storage: StorageConfig,
  ) {}

  process(message: UploadMessage, delivery: Delivery): Promise<void> {
    return retryingDatabaseOutages(() => this.processOnce(message, delivery));
  }

  private async processOnce(message: UploadMessage, delivery: Delivery): Promise<void> {
    let upload = await this.uploads.findById(message.tenant_id, message.upload_id);
    if (!upload || upload.structure_id !== message.structure_id)
      throw new MalformedMessageError(`upload ${message.upload_id} not found for this tenant and structure`);
    // Settled by an earlier delivery (which may have stopped before its monitoring was triggered).
    if (upload.status === 'DONE') return this.monitor(upload);
    if (upload.status === 'ERROR') return;
    if (upload.status === 'UPLOADING')
      throw new MalformedMessageError(`upload ${upload.id} is still UPLOADING: it is queued once stored`);
    if (upload.status === 'QUEUED')
      upload = (await this.statuses.move(upload, ['QUEUED'], 'PROCESSING', {})) ?? upload;

    const finalKey = await this.finalKey(upload);
    try {
      const stagingLeft = await this.objects.exists(this.storage.uploadBucket, upload.staging_key);
      const source = stagingLeft
        ? { bucket: this.storage.uploadBucket, key: upload.staging_key }
        : { bucket: this.storage.fileBucket, key: finalKey };
      if (!stagingLeft && !(await this.objects.exists(source.bucket, source.key)))
        return void (await this.fail(
          upload,
          'the uploaded file is no longer in object storage; upload it again',
        ));
      const recording = await this.scan(upload, source, delivery);
      if (stagingLeft) {
        await this.objects.copy(source, { bucket: this.storage.fileBucket, key: finalKey });
        await this.objects.remove(source.bucket, source.key);
      }
      const done = await this.statuses.move(upload, ['PROCESSING'], 'DONE', {
        recording,
        object_key: finalKey,
        finished_at: new Date(),
      });
      this.logger.log(
        `upload ${upload.id}: ${recording.channels.length} channels x ${recording.samples} samples at ${recording.sampling_rate_hz} Hz`,
      );
      if (done) await this.monitor(done);
    } catch (error) {
      if (error instanceof InvalidDataError) {
        await this.objects.remove(this.storage.uploadBucket, upload.staging_key).catch(() => undefined);
        return this.fail(upload, error.message);
      }
      if (delivery.isLastAttempt) {
        this.logger.error({ err: error }, `upload ${upload.id}: object storage failed on the last attempt`);
        return this.fail(upload, `object storage was unavailable through ${delivery.attempt} attempts`);
      }
      throw error;
    }
  }

  /** A finished upload is a new measurement of its structure for its monitoring rules. */
  private async monitor(upload: Stored<Upload>): Promise<void> {
    if (!upload.recording) return;
    await this.arrivals.measurementArrived({
      tenant_id: upload.tenant_id,
      structure_id: upload.structure_id,
      source: 'upload',
      source_id: upload.id,
      recorded_at: upload.recorded_at ?? upload.created_at ?? new Date(),
      ...(upload.environment ? { environment: upload.environment } : {}),
      channel_means: Object.fromEntries(
        upload.recording.summary.map((channel) => [channel.channel, channel.mean]),
      ),
      shape: {
        channels: upload.recording.channels,
        samplingRateHz: upload.recording.sampling_rate_hz,
        samples: upload.recording.samples,
      },
    });
  }

  /** Streams the object through the recording check, line by line. */
  private async scan(
    upload: Stored<Upload>,
    source: { bucket: string; key: string },
    delivery: Delivery,
  ): Promise<RecordingSummary> {
    const scan = new RecordingScan(upload.sampling_rate_hz);
    const lines = createInterface({
      input: await this.objects.read(source.bucket, source.key),
      crlfDelay: Infinity,
    });
    let count = 0;
    for await (const line of lines) {
      scan.addLine(line);
      if (++count % LINES_PER_HEARTBEAT === 0) delivery.heartbeat();
    }
    return scan.finish();
  }

  private async finalKey(upload: Stored<Upload>): Promise<string> {
    if (!this.storage.useStringPaths)
      return uploadObjectKey(upload.structure_id, upload.id, upload.file_name);
    const structure = await this.structures.findById(upload.tenant_id, upload.structure_id);
    return uploadObjectKey(structure?.name ?? upload.structure_id, upload.id, upload.file_name);
  }

  private fail(upload: Stored<Upload>, reason: string): Promise<void> {
    return this.statuses
      .move(upload, ['QUEUED', 'PROCESSING'], 'ERROR', {
        error: reason,
        finished_at: new Date(),
      })
      .then(() => undefined);
  }
}
