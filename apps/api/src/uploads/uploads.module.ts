import { Module } from '@nestjs/common';
import { StructuresPersistenceModule, UploadsPersistenceModule } from '@modalflow/database';
import { StorageModule } from '@modalflow/storage';
import { UploadsController } from './uploads.controller';
import { UploadsService } from './uploads.service';

@Module({
  imports: [StructuresPersistenceModule, UploadsPersistenceModule, StorageModule],
  controllers: [UploadsController],
  providers: [UploadsService],
})
export class UploadsModule {}
