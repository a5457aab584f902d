import { Inject, Injectable } from '@nestjs/common';
import { storageConfig, StorageConfig } from '@modalflow/config';
import { spoolCsvStream } from '@modalflow/oma';
import { ObjectStore } from '@modalflow/storage';
import type { AnalysisInputSource } from './analysis-input-source';
import type { AnalysisInput } from './analysis-input';

type BucketInput = Extract<AnalysisInput, { source: 'bucket' }>;

/** A CSV object in FILE_BUCKET; read only when the run starts. */
@Injectable()
export class BucketInputSource implements AnalysisInputSource<'bucket'> {
  readonly source = 'bucket';

  constructor(
    private readonly objects: ObjectStore,
    @Inject(storageConfig.KEY) private readonly storage: StorageConfig,
  ) {}

  async shapeOf() {
    return undefined;
  }

  async read(input: BucketInput, _owner: unknown, spooled: string) {
    await spoolCsvStream(await this.objects.read(this.storage.fileBucket, input.key), spooled, {
      samplingRateHz: input.sampling_rate_hz,
    });
    return { path: spooled };
  }
}
