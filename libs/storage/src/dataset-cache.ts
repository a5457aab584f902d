import { Injectable } from '@nestjs/common';
import { Dataset, decodeDataset, encodeDataset } from '@modalflow/oma';
import { CacheFiles } from './cache-files';
import { StorageInputError } from './data-files';

/** Keeps PREPROCESSING outputs for later analyses (CacheFiles: CACHE_BUCKET or CACHE_PATH). */
@Injectable()
export class DatasetCache {
  constructor(private readonly cache: CacheFiles) {}

  save(tenantId: number, structureId: string, analysisId: string, dataset: Dataset): Promise<void> {
    return this.cache.put(this.key(tenantId, structureId, analysisId), encodeDataset(dataset));
  }

  async load(tenantId: number, structureId: string, analysisId: string): Promise<Dataset> {
    const bytes = await this.cache.get(this.key(tenantId, structureId, analysisId));
    if (!bytes) {
      throw new StorageInputError(
        `the output of PREPROCESSING analysis ${analysisId} is no longer in the cache: run it again`,
      );
    }
    return decodeDataset(bytes);
  }

  /** Under the tenant's folder: a key never reaches another tenant's output. */
  private key(tenantId: number, structureId: string, analysisId: string): string {
    return `${tenantId}/${structureId}/${analysisId}.mfds`;
  }
}
