import { Inject, Injectable } from '@nestjs/common';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StorageInputError } from './data-files';
import { ObjectStore } from './object-store';
import { omaConfig, OmaConfig, storageConfig, StorageConfig } from '@modalflow/config';

/**
 * What the apps keep to reuse (PREPROCESSING outputs, rendered plots), by key: in CACHE_BUCKET when
 * object storage is configured, else under CACHE_PATH (outside DATA_PATH by default, and never
 * readable as a `file` input). Callers put the tenant first in their keys.
 */
@Injectable()
export class CacheFiles {
  constructor(
    private readonly objects: ObjectStore,
    @Inject(storageConfig.KEY) private readonly storage: StorageConfig,
    @Inject(omaConfig.KEY) private readonly oma: OmaConfig,
  ) {}

  async put(key: string, bytes: Buffer): Promise<void> {
    if (this.usesBucket) return this.objects.put(this.storage.cacheBucket, key, bytes);
    const path = join(this.oma.cachePath, key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(`${path}.part`, bytes);
    await rename(`${path}.part`, path);
  }

  /** The bytes under `key`, or undefined when nothing is kept there. */
  async get(key: string): Promise<Buffer | undefined> {
    if (this.usesBucket) {
      // One request: a missing object is the store's NoSuchKey (StorageInputError), not a HEAD first.
      return this.objects.get(this.storage.cacheBucket, key).catch((error: unknown) => {
        if (error instanceof StorageInputError) return undefined;
        throw error;
      });
    }
    try {
      return await readFile(join(this.oma.cachePath, key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** Moves a file into the cache under `key` (streamed to the bucket, or renamed into CACHE_PATH). */
  async moveIn(key: string, file: string): Promise<void> {
    if (this.usesBucket) {
      await this.objects.write(this.storage.cacheBucket, key, createReadStream(file)).done;
      return unlink(file);
    }
    const path = join(this.oma.cachePath, key);
    await mkdir(dirname(path), { recursive: true });
    try {
      await rename(file, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await copyFile(file, `${path}.part`);
      await rename(`${path}.part`, path);
      await unlink(file);
    }
  }

  /**
   * The path of a local file of what is kept under `key`, or undefined: the cache's own file under
   * CACHE_PATH (leave it), or the object streamed into `copyTo` (the caller removes it after use).
   */
  async localFile(key: string, copyTo: string): Promise<string | undefined> {
    if (!this.usesBucket) {
      const path = join(this.oma.cachePath, key);
      const found = await stat(path).catch(() => undefined);
      return found?.isFile() ? path : undefined;
    }
    const body = await this.objects.read(this.storage.cacheBucket, key).catch((error: unknown) => {
      if (error instanceof StorageInputError) return undefined;
      throw error;
    });
    if (!body) return undefined;
    await pipeline(body, createWriteStream(copyTo));
    return copyTo;
  }

  private get usesBucket(): boolean {
    return this.objects.enabled && Boolean(this.storage.cacheBucket);
  }
}
