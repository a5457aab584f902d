import { Module, OnModuleInit } from '@nestjs/common';
import { UploadsPersistenceModule } from './persistence/uploads.persistence.module';
import { PresignedUploads } from './presigned-uploads';
import { StaleUploadSweep } from './stale-upload-sweep';
import { StreamedUploads } from './streamed-uploads';
import { UploadIntake } from './upload-intake';
import { UploadStatusChanges } from './upload-status-changes';
import { UploadsService } from './uploads.service';
import { UploadsSummaryPart } from './uploads.summary-part';
import { StorageModule } from '@modalflow/storage';
import { StructureSummaries, StructuresModule } from '@modalflow/structures';

/** The API's side of uploads: receiving recordings (streamed or in presigned parts) and reading them. */
@Module({
  imports: [UploadsPersistenceModule, StructuresModule, StorageModule],
  providers: [
    UploadIntake,
    UploadStatusChanges,
    UploadsService,
    StreamedUploads,
    PresignedUploads,
    StaleUploadSweep,
    UploadsSummaryPart,
  ],
  exports: [UploadsService, StreamedUploads, PresignedUploads],
})
export class UploadsModule implements OnModuleInit {
  constructor(
    private readonly summaries: StructureSummaries,
    private readonly part: UploadsSummaryPart,
  ) {}

  onModuleInit(): void {
    this.summaries.register(this.part);
  }
}
