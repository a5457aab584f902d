import { readFile } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { omaConfig, OmaConfig, storageConfig, StorageConfig } from '@modalflow/config';
import { Analysis, AnalysisRepository, MeasureRepository, UploadRepository } from '@modalflow/database';
import {
  Dataset,
  OmaInputError,
  parseCsv,
  readCsvStream,
  selectChannels,
  selectWindow,
} from '@modalflow/oma';
import { DatasetCache, ObjectStore, resolveDataFile, StorageInputError } from '@modalflow/storage';

/**
 * Reads the record an analysis asks for: a measurement, a CSV file, an object, an upload, or a
 * PREPROCESSING output.
 */
@Injectable()
export class AnalysisInputLoader {
  constructor(
    private readonly measures: MeasureRepository,
    private readonly analyses: AnalysisRepository,
    private readonly uploads: UploadRepository,
    private readonly objects: ObjectStore,
    private readonly cache: DatasetCache,
    @Inject(omaConfig.KEY) private readonly oma: OmaConfig,
    @Inject(storageConfig.KEY) private readonly storage: StorageConfig,
  ) {}

  async load(analysis: Analysis): Promise<Dataset> {
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
        const dataset: Dataset = {
          samplingRateHz: measurement.sampling_rate_hz,
          channels: measurement.channels,
          data: measurement.series.map((series) => Float64Array.from(series.values)),
        };
        return selectWindow(selectChannels(dataset, input.channels), input.start_s, input.end_s);
      }
      case 'file': {
        const path = await resolveDataFile(this.oma.dataPath, input.path, [this.oma.cachePath]);
        const text = await readFile(path, 'utf8');
        return parseCsv(text, { samplingRateHz: input.sampling_rate_hz });
      }
      case 'bucket':
        return readCsvStream(await this.objects.read(this.storage.fileBucket, input.key), {
          samplingRateHz: input.sampling_rate_hz,
        });
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
        const recording = await readCsvStream(
          await this.objects.read(this.storage.fileBucket, upload.object_key),
          { samplingRateHz: upload.recording?.sampling_rate_hz },
        );
        return selectChannels(recording, input.channels);
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
        return this.cache.load(analysis.tenant_id, analysis.structure_id, input.analysis_id);
      }
    }
  }
}
