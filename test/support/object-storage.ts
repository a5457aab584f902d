import {
  DeleteObjectsCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';

/** The object storage the apps of a run use (scripts/local-storage.sh, or a private server). */
export class ObjectStorage {
  readonly client: S3Client;

  constructor(readonly endpoint = process.env.S3_ENDPOINT ?? 'http://127.0.0.1:7070') {
    this.client = new S3Client({
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      credentials: {
        accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'modalflow',
        secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'modalflow-secret',
      },
    });
  }

  static readonly FILE_BUCKET = process.env.FILE_BUCKET ?? 'modalflow-files';
  static readonly UPLOAD_BUCKET = process.env.UPLOAD_BUCKET ?? 'modalflow-uploads';
  static readonly CACHE_BUCKET = process.env.CACHE_BUCKET ?? 'modalflow-cache';

  async keys(bucket: string, prefix = ''): Promise<string[]> {
    const found = await this.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
    return (found.Contents ?? []).map((object) => object.Key!);
  }

  /** Unfinished multipart uploads under a prefix (their keys). */
  async multipartUploads(bucket: string, prefix: string): Promise<string[]> {
    const found = await this.client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix }));
    return (found.Uploads ?? []).map((upload) => upload.Key!);
  }

  async put(bucket: string, key: string, body: string | Buffer): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  }

  async removeAll(bucket: string, prefix: string): Promise<void> {
    const keys = await this.keys(bucket, prefix);
    if (keys.length)
      await this.client.send(
        new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })) } }),
      );
  }
}
