import { Injectable } from '@nestjs/common';
import { CacheFiles } from './cache-files';
import { StorageInputError } from './data-files';

/**
 * Keeps PREPROCESSING outputs for later analyses (CacheFiles: CACHE_BUCKET or CACHE_PATH), as
 * record files (libs/oma record-file.ts) that analyses read block by block.
 */
@Injectable()
export class DatasetCache {
  constructor(private readonly cache: CacheFiles) {}

  /** Moves the record file of a PREPROCESSING output into the cache. */
  save(tenantId: number, structureId: string, analysisId: string, recordFile: string): Promise<void> {
    return this.cache.moveIn(this.key(tenantId, structureId, analysisId), recordFile);
  }

  /** The output's record file: the cache's own, or a copy at `copyTo` (from the bucket) to remove after use. */
  async load(tenantId: number, structureId: string, analysisId: string, copyTo: string): Promise<string> {
    const file = await this.cache.localFile(this.key(tenantId, structureId, analysisId), copyTo);
    if (!file) {
      throw new StorageInputError(
        `the output of PREPROCESSING analysis ${analysisId} is no longer in the cache: run it again`,
      );
    }
    return file;
  }

  /** Under the tenant's folder: a key never reaches another tenant's output. */
  private key(tenantId: number, structureId: string, analysisId: string): string {
    return `${tenantId}/${structureId}/${analysisId}.mfds`;
  }
}
