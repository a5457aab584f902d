import { PayloadTooLargeException } from '@nestjs/common';
import { basename } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { keySegment } from '@modalflow/storage';

/** A file name safe as the last part of an object key: its base name (keySegment). */
export function safeFileName(name: string): string {
  return keySegment(basename(name.replace(/\\/g, '/')));
}

/** Counts the bytes passing through; past `limit` it fails with a 413. */
export class ByteCounter extends Transform {
  bytes = 0;

  constructor(
    private readonly limit: number,
    private readonly onBytes: (bytes: number) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) {
      return done(
        new PayloadTooLargeException(`the file is larger than UPLOAD_MAX_BYTES (${this.limit} bytes)`),
      );
    }
    this.onBytes(this.bytes);
    done(null, chunk);
  }
}
