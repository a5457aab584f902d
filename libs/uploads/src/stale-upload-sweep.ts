import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Upload } from './persistence/upload.schema';
import { UploadRepository } from './persistence/upload.repository';
import { UploadStatusChanges } from './upload-status-changes';
import { storageConfig, StorageConfig } from '@modalflow/config';
import { Stored } from '@modalflow/database';
import { ObjectStore } from '@modalflow/storage';

const MAX_INTERVAL_MS = 10 * 60 * 1000;
const BATCH = 100;

/**
 * Ends uploads that nothing has reached for UPLOAD_STALE_HOURS (a client that went away, an API that
 * died mid-body): aborts their multipart uploads (the parts are removed), removes any staging
 * object, and ends them ERROR with the reason. A presigned upload whose parts still arrive is kept.
 * Any API replica may run it: each step is idempotent and the move to ERROR happens once.
 */
@Injectable()
export class StaleUploadSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StaleUploadSweep.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly uploads: UploadRepository,
    private readonly objects: ObjectStore,
    private readonly statuses: UploadStatusChanges,
    @Inject(storageConfig.KEY) private readonly storage: StorageConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.objects.enabled || !this.storage.uploadBucket) return;
    const every = Math.min(MAX_INTERVAL_MS, this.storage.staleUploadMs / 2);
    this.timer = setInterval(() => void this.sweep(), every).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(now = Date.now()): Promise<void> {
    try {
      const before = new Date(now - this.storage.staleUploadMs);
      for (const upload of await this.uploads.uploadingSince(before, BATCH)) {
        if (await this.partsStillArriving(upload, before))
          await this.uploads.touch(upload.tenant_id, upload.id);
        else await this.abandon(upload);
      }
    } catch (error) {
      this.logger.warn(`stale uploads not swept: ${(error as Error).message}`);
    }
  }

  private async partsStillArriving(upload: Stored<Upload>, before: Date): Promise<boolean> {
    if (upload.mode !== 'presigned' || !upload.multipart_upload_id) return false;
    const parts = await this.objects.listParts(
      this.storage.uploadBucket,
      upload.staging_key,
      upload.multipart_upload_id,
    );
    return parts.some((part) => part.LastModified !== undefined && part.LastModified >= before);
  }

  private async abandon(upload: Stored<Upload>): Promise<void> {
    await this.objects.abortMultiparts(this.storage.uploadBucket, upload.staging_key);
    await this.objects.remove(this.storage.uploadBucket, upload.staging_key);
    const hours = this.storage.staleUploadMs / 3_600_000;
    const error = `abandoned: nothing arrived for ${hours} hour(s) (UPLOAD_STALE_HOURS); upload the file again`;
    const ended = await this.statuses.move(upload, ['UPLOADING'], 'ERROR', {
      error,
      finished_at: new Date(),
    });
    if (!ended) return;
    this.logger.log(`upload ${upload.id}: ${error}`);
  }
}
