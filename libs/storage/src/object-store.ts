import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { StorageInputError } from './data-files';
import { storageConfig, StorageConfig } from '@modalflow/config';

/** Parts of a streamed upload: S3's minimum is 5 MiB; 4 in flight bound the memory to ~32 MiB. */
const PART_BYTES = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 4;

/** A body being streamed into an object (an S3 multipart upload). */
export interface ObjectWrite {
  /** Resolves once the object is complete and stored. */
  done: Promise<void>;
  /** Stops it and removes what was sent: no object and no parts are left. */
  abort(): Promise<void>;
}

/** A part an S3 multipart upload holds. */
export interface StoredPart {
  PartNumber: number;
  ETag: string;
  Size: number;
  LastModified?: Date;
}

/** S3-compatible object storage (AWS S3, MinIO, ...), configured by the AWS_* and S3_ENDPOINT variables. */
@Injectable()
export class ObjectStore {
  private client?: S3Client;
  /** Signs URLs for clients: the endpoint as they reach it (S3_PUBLIC_ENDPOINT). */
  private signer?: S3Client;

  constructor(@Inject(storageConfig.KEY) private readonly config: StorageConfig) {}

  get enabled(): boolean {
    return this.config.enabled;
  }

  async get(bucket: string, key: string): Promise<Buffer> {
    const response = await this.getObject(bucket, key);
    return Buffer.from(await response.Body!.transformToByteArray());
  }

  /** The object as a stream, read as it is consumed. */
  async read(bucket: string, key: string): Promise<Readable> {
    return (await this.getObject(bucket, key)).Body as Readable;
  }

  async put(bucket: string, key: string, body: Buffer): Promise<void> {
    await this.s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  }

  /** Streams `body` into an object part by part, in constant memory whatever its length. */
  write(bucket: string, key: string, body: Readable, contentType?: string): ObjectWrite {
    const upload = new Upload({
      client: this.s3(),
      params: { Bucket: bucket, Key: key, Body: body, ContentType: contentType },
      partSize: PART_BYTES,
      queueSize: PARTS_IN_FLIGHT,
      leavePartsOnError: false,
    });
    return {
      done: upload.done().then(() => undefined),
      abort: () => upload.abort(),
    };
  }

  /** Copies an object within the store (no bytes through this process). */
  async copy(from: { bucket: string; key: string }, to: { bucket: string; key: string }): Promise<void> {
    await this.s3().send(
      new CopyObjectCommand({
        Bucket: to.bucket,
        Key: to.key,
        CopySource: `${from.bucket}/${from.key.split('/').map(encodeURIComponent).join('/')}`,
      }),
    );
  }

  /** Removes an object; one already gone is fine. */
  async remove(bucket: string, key: string): Promise<void> {
    await this.s3().send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  }

  /** Starts a multipart upload that a client sends straight to the store (presigned parts). */
  async startMultipart(bucket: string, key: string): Promise<string> {
    const started = await this.s3().send(
      new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ContentType: 'text/csv' }),
    );
    return started.UploadId!;
  }

  /** A URL that lets its holder PUT one part, and nothing else, until it expires. */
  partUrl(
    bucket: string,
    key: string,
    uploadId: string,
    partNumber: number,
    expiresInS: number,
  ): Promise<string> {
    this.signer ??= this.newClient(this.config.publicEndpoint);
    return getSignedUrl(
      this.signer,
      new UploadPartCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumber: partNumber }),
      { expiresIn: expiresInS },
    );
  }

  /** The parts the store holds, by number (what the client really sent, not what it says). */
  async listParts(bucket: string, key: string, uploadId: string): Promise<StoredPart[]> {
    const parts: StoredPart[] = [];
    let marker: string | undefined;
    do {
      const page = await this.s3().send(
        new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker }),
      );
      for (const part of page.Parts ?? [])
        parts.push({
          PartNumber: part.PartNumber!,
          ETag: part.ETag!,
          Size: part.Size ?? 0,
          LastModified: part.LastModified,
        });
      marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
    } while (marker);
    return parts.sort((a, b) => a.PartNumber - b.PartNumber);
  }

  async completeMultipart(bucket: string, key: string, uploadId: string, parts: StoredPart[]): Promise<void> {
    await this.s3().send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts.map(({ PartNumber, ETag }) => ({ PartNumber, ETag })) },
      }),
    );
  }

  /** Aborts every unfinished multipart upload of a key (its parts are removed). */
  async abortMultiparts(bucket: string, key: string): Promise<number> {
    const listed = await this.s3().send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: key }));
    const ofKey = (listed.Uploads ?? []).filter((upload) => upload.Key === key);
    for (const upload of ofKey)
      await this.s3().send(
        new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: upload.UploadId }),
      );
    return ofKey.length;
  }

  /** The object's size in bytes, or undefined when there is none. */
  async size(bucket: string, key: string): Promise<number | undefined> {
    try {
      return (await this.s3().send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentLength;
    } catch (error) {
      if (error instanceof NotFound || (error as { name?: string }).name === 'NotFound') return undefined;
      throw error;
    }
  }

  async exists(bucket: string, key: string): Promise<boolean> {
    return (await this.size(bucket, key)) !== undefined;
  }

  private async getObject(bucket: string, key: string) {
    if (!bucket)
      throw new StorageInputError('no bucket is configured for this input (FILE_BUCKET / CACHE_BUCKET)');
    try {
      return await this.s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') {
        throw new StorageInputError(`no object "${key}" in bucket ${bucket}`);
      }
      throw error;
    }
  }

  private s3(): S3Client {
    if (!this.enabled) {
      throw new StorageInputError(
        'object storage is not configured: set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and FILE_BUCKET',
      );
    }
    this.client ??= this.newClient(this.config.endpoint);
    return this.client;
  }

  private newClient(endpoint: string | undefined): S3Client {
    return new S3Client({
      region: this.config.region,
      endpoint,
      forcePathStyle: Boolean(endpoint),
      credentials: { accessKeyId: this.config.accessKeyId, secretAccessKey: this.config.secretAccessKey },
      // A store that is away fails fast; callers retry (the work queues) rather than hang.
      maxAttempts: 3,
    });
  }
}
