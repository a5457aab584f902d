import { Module } from '@nestjs/common';
import { StructuresPersistenceModule, UploadsPersistenceModule } from '@modalflow/database';
import { StorageModule } from '@modalflow/storage';
import { UploadsController } from './uploads.controller';
import { StaleUploadSweep } from './stale-upload-sweep';
import { UploadsService } from './uploads.service';

@Module({
  imports: [StructuresPersistenceModule, UploadsPersistenceModule, StorageModule],
  controllers: [UploadsController],
  providers: [UploadsService, StaleUploadSweep],
})
export class UploadsModule {}
