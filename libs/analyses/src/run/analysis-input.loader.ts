import { Inject, Injectable } from '@nestjs/common';
import { RecordSpool } from './record-spool';
import { Analysis } from '../persistence/analysis.schema';
import { AnalysisRepository } from '../persistence/analysis.repository';
import { omaConfig, OmaConfig, storageConfig, StorageConfig } from '@modalflow/config';
import { MeasureRepository } from '@modalflow/measurements';
import { UploadRepository } from '@modalflow/uploads';
import {
  OmaInputError,
  openCsvFile,
  RecordFileInput,
  recordSource,
  spoolCsvStream,
  writeRecordFile,
} from '@modalflow/oma';
import { DatasetCache, ObjectStore, resolveDataFile, StorageInputError } from '@modalflow/storage';

/** A run's input: a record file and what the analysis takes of it. */
export interface LoadedRecord {
  file: RecordFileInput;
  /** Removes the file when it was written for this run (a cached PREPROCESSING output stays). */
  release(): Promise<void>;
}

/**
 * Reads the record an analysis asks for (a measurement, a CSV file, an object, an upload, or a
 * PREPROCESSING output) into a record file that the analysis reads block by block: CSV streams
 * into it row by row, so memory does not grow with the record (docs/oma.md, "Memory").
 */
@Injectable()
export class AnalysisInputLoader {
  constructor(
    private readonly measures: MeasureRepository,
    private readonly analyses: AnalysisRepository,
    private readonly uploads: UploadRepository,
    private readonly objects: ObjectStore,
    private readonly cache: DatasetCache,
    private readonly spool: RecordSpool,
    @Inject(omaConfig.KEY) private readonly oma: OmaConfig,
    @Inject(storageConfig.KEY) private readonly storage: StorageConfig,
  ) {}

  async load(analysis: Analysis): Promise<LoadedRecord> {
    const path = this.spool.newPath(analysis.id, 'input');
    const release = () => this.spool.remove(path);
    try {
      const file = await this.read(analysis, path);
      return { file, release: file.path === path ? release : async () => undefined };
    } catch (error) {
      await release();
      throw error;
    }
  }

  /** The record file of the input: written at `spooled`, or the cache's own file of a PREPROCESSING output. */
  private async read(analysis: Analysis, spooled: string): Promise<RecordFileInput> {
    const input = analysis.input;
    switch (input.source) {
      case 'measurement': {
        const measurement = await this.measures.findById(
          analysis.tenant_id,
          analysis.structure_id,
          input.measurement_id,
        );
        if (!measurement)
          throw new StorageInputError(`measurement ${input.measurement_id} not found for this structure`);
        writeRecordFile(
          spooled,
          recordSource({
            samplingRateHz: measurement.sampling_rate_hz,
            channels: measurement.channels,
            data: measurement.series.map((series) => Float64Array.from(series.values)),
          }),
        );
        return { path: spooled, channels: input.channels, start_s: input.start_s, end_s: input.end_s };
      }
      case 'file': {
        const file = await resolveDataFile(this.oma.dataPath, input.path, [this.oma.cachePath]);
        await spoolCsvStream(await openCsvFile(file), spooled, {
          samplingRateHz: input.sampling_rate_hz,
        });
        return { path: spooled };
      }
      case 'bucket':
        await spoolCsvStream(await this.objects.read(this.storage.fileBucket, input.key), spooled, {
          samplingRateHz: input.sampling_rate_hz,
        });
        return { path: spooled };
      case 'upload': {
        const upload = await this.uploads.findById(analysis.tenant_id, input.upload_id);
        if (
          !upload ||
          upload.structure_id !== analysis.structure_id ||
          upload.status !== 'DONE' ||
          !upload.object_key
        ) {
          throw new OmaInputError(
            `input upload ${input.upload_id} must be a finished (DONE) upload of this structure`,
          );
        }
        await spoolCsvStream(await this.objects.read(this.storage.fileBucket, upload.object_key), spooled, {
          samplingRateHz: upload.recording?.sampling_rate_hz,
        });
        return { path: spooled, channels: input.channels };
      }
      case 'analysis': {
        const source = await this.analyses.findById(
          analysis.tenant_id,
          analysis.structure_id,
          input.analysis_id,
        );
        if (!source || source.type !== 'PREPROCESSING' || source.status !== 'DONE') {
          throw new OmaInputError(
            `input analysis ${input.analysis_id} must be a finished (DONE) PREPROCESSING analysis of this structure`,
          );
        }
        return {
          path: await this.cache.load(analysis.tenant_id, analysis.structure_id, input.analysis_id, spooled),
        };
      }
    }
  }
}
