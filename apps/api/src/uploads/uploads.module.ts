import { Module } from '@nestjs/common';
import { StructuresPersistenceModule } from '@modalflow/database';
import { PipelineModule } from '@modalflow/pipeline';
import { StorageModule } from '@modalflow/storage';
import { UploadsController } from './uploads.controller';
import { StaleUploadSweep } from './stale-upload-sweep';
import { UploadsService } from './uploads.service';

@Module({
  imports: [StructuresPersistenceModule, PipelineModule, StorageModule],
  controllers: [UploadsController],
  providers: [UploadsService, StaleUploadSweep],
})
export class UploadsModule {}
