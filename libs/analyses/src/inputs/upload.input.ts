import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { storageConfig, StorageConfig } from '@modalflow/config';
import { OmaInputError, spoolCsvStream } from '@modalflow/oma';
import { ObjectStore } from '@modalflow/storage';
import { UploadRepository } from '@modalflow/uploads';
import type { AnalysisInputSource, InputOwner } from './analysis-input-source';
import type { AnalysisInput } from './analysis-input';
import { selectedShape } from './selected-shape';

type UploadInput = Extract<AnalysisInput, { source: 'upload' }>;

/** A finished (DONE) upload of the structure, its file in FILE_BUCKET. */
@Injectable()
export class UploadInputSource implements AnalysisInputSource<'upload'> {
  readonly source = 'upload';

  constructor(
    private readonly uploads: UploadRepository,
    private readonly objects: ObjectStore,
    @Inject(storageConfig.KEY) private readonly storage: StorageConfig,
  ) {}

  async shapeOf(input: UploadInput, { tenantId, structureId }: InputOwner) {
    const upload = await this.uploads.findById(tenantId, input.upload_id);
    if (!upload || upload.structure_id !== structureId)
      throw new NotFoundException(`upload ${input.upload_id} not found in structure ${structureId}`);
    if (upload.status !== 'DONE' || !upload.recording) {
      throw new ConflictException(
        `upload ${input.upload_id} is ${upload.status}: an analysis takes it once it is DONE`,
      );
    }
    return selectedShape(input, {
      channels: upload.recording.channels,
      samplingRateHz: upload.recording.sampling_rate_hz,
      samples: upload.recording.samples,
    });
  }

  async read(input: UploadInput, { tenantId, structureId }: InputOwner, spooled: string) {
    const upload = await this.uploads.findById(tenantId, input.upload_id);
    if (!upload || upload.structure_id !== structureId || upload.status !== 'DONE' || !upload.object_key) {
      throw new OmaInputError(
        `input upload ${input.upload_id} must be a finished (DONE) upload of this structure`,
      );
    }
    await spoolCsvStream(await this.objects.read(this.storage.fileBucket, upload.object_key), spooled, {
      samplingRateHz: upload.recording?.sampling_rate_hz,
    });
    return { path: spooled, channels: input.channels };
  }
}
