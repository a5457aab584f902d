import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { omaConfig, OmaConfig, storageConfig, StorageConfig } from '@modalflow/config';
import { Dataset, decodeDataset, encodeDataset } from '@modalflow/oma';
import { StorageInputError } from './data-files';
import { ObjectStore } from './object-store';

/**
 * Keeps PREPROCESSING outputs for later analyses: in CACHE_BUCKET when set, else under CACHE_PATH
 * (outside DATA_PATH by default, and never readable as a `file` input).
 */
@Injectable()
export class DatasetCache {
  constructor(
    private readonly objects: ObjectStore,
    @Inject(storageConfig.KEY) private readonly storage: StorageConfig,
    @Inject(omaConfig.KEY) private readonly oma: OmaConfig,
  ) {}

  async save(tenantId: number, structureId: string, analysisId: string, dataset: Dataset): Promise<void> {
    const bytes = encodeDataset(dataset);
    if (this.usesBucket)
      return this.objects.put(this.storage.cacheBucket, this.key(tenantId, structureId, analysisId), bytes);
    const path = join(this.oma.cachePath, this.key(tenantId, structureId, analysisId));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(`${path}.part`, bytes);
    await rename(`${path}.part`, path);
  }

  async load(tenantId: number, structureId: string, analysisId: string): Promise<Dataset> {
    if (this.usesBucket)
      return decodeDataset(
        await this.objects.get(this.storage.cacheBucket, this.key(tenantId, structureId, analysisId)),
      );
    try {
      return decodeDataset(
        await readFile(join(this.oma.cachePath, this.key(tenantId, structureId, analysisId))),
      );
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new StorageInputError(
          `the output of PREPROCESSING analysis ${analysisId} is no longer in the cache: run it again`,
        );
      }
      throw error;
    }
  }

  private get usesBucket(): boolean {
    return this.objects.enabled && Boolean(this.storage.cacheBucket);
  }

  /** Under the tenant's folder: a key never reaches another tenant's output. */
  private key(tenantId: number, structureId: string, analysisId: string): string {
    return `${tenantId}/${structureId}/${analysisId}.mfds`;
  }
}
