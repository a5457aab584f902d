import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Inject, Injectable } from '@nestjs/common';
import { storageConfig, StorageConfig } from '@modalflow/config';
import { StorageInputError } from './data-files';

/** S3-compatible object storage (AWS S3, MinIO, ...), configured by the AWS_* and S3_ENDPOINT variables. */
@Injectable()
export class ObjectStore {
  private client?: S3Client;

  constructor(@Inject(storageConfig.KEY) private readonly config: StorageConfig) {}

  get enabled(): boolean {
    return this.config.enabled;
  }

  /** Lets a test or a caller supply the client (for example one with other credentials). */
  useClient(client: S3Client): void {
    this.client = client;
  }

  async get(bucket: string, key: string): Promise<Buffer> {
    if (!bucket)
      throw new StorageInputError('no bucket is configured for this input (FILE_BUCKET / CACHE_BUCKET)');
    try {
      const response = await this.s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Buffer.from(await response.Body!.transformToByteArray());
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') {
        throw new StorageInputError(`no object "${key}" in bucket ${bucket}`);
      }
      throw error;
    }
  }

  async put(bucket: string, key: string, body: Buffer): Promise<void> {
    await this.s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  }

  private s3(): S3Client {
    if (!this.enabled && !this.client) {
      throw new StorageInputError(
        'object storage is not configured: set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and FILE_BUCKET',
      );
    }
    this.client ??= new S3Client({
      region: this.config.region,
      endpoint: this.config.endpoint,
      forcePathStyle: Boolean(this.config.endpoint),
      credentials: { accessKeyId: this.config.accessKeyId, secretAccessKey: this.config.secretAccessKey },
    });
    return this.client;
  }
}
