import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { omaConfig, OmaConfig } from '@modalflow/config';
import { openCsvFile, spoolCsvStream } from '@modalflow/oma';
import { resolveDataFile, StorageInputError } from '@modalflow/storage';
import type { AnalysisInputSource } from './analysis-input-source';
import type { AnalysisInput } from './analysis-input';

type FileInput = Extract<AnalysisInput, { source: 'file' }>;

/** A CSV file under DATA_PATH (not the cache). */
@Injectable()
export class FileInputSource implements AnalysisInputSource<'file'> {
  readonly source = 'file';

  constructor(@Inject(omaConfig.KEY) private readonly oma: OmaConfig) {}

  /**
   * 404 unless the path names a readable file under DATA_PATH, as the worker will check again: like
   * an id in a body, a file that is missing and one that may not be read get the same answer.
   */
  async shapeOf(input: FileInput) {
    try {
      await this.resolve(input);
    } catch (error) {
      if (error instanceof StorageInputError) throw new NotFoundException(error.message);
      throw error;
    }
    return undefined;
  }

  async read(input: FileInput, _owner: unknown, spooled: string) {
    await spoolCsvStream(await openCsvFile(await this.resolve(input)), spooled, {
      samplingRateHz: input.sampling_rate_hz,
    });
    return { path: spooled };
  }

  private resolve(input: FileInput): Promise<string> {
    return resolveDataFile(this.oma.dataPath, input.path, [this.oma.cachePath]);
  }
}
