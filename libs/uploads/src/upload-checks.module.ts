import { DynamicModule, Module } from '@nestjs/common';
import { UploadsPersistenceModule } from './persistence/uploads.persistence.module';
import { ProcessUploadService } from './process-upload.service';
import { UploadStatusChanges } from './upload-status-changes';
import { type MeasurementArrivalsModule } from '@modalflow/measurements';
import { StorageModule } from '@modalflow/storage';
import { StructuresModule } from '@modalflow/structures';

/**
 * The worker's side of uploads: checking, summarising and storing a recording from the `upload`
 * queue. A finished upload is a new measurement: `measurementArrivals` is told of it.
 */
@Module({})
export class UploadChecksModule {
  static register(options: { measurementArrivals: MeasurementArrivalsModule }): DynamicModule {
    return {
      module: UploadChecksModule,
      imports: [UploadsPersistenceModule, StructuresModule, StorageModule, options.measurementArrivals],
      providers: [ProcessUploadService, UploadStatusChanges],
      exports: [ProcessUploadService],
    };
  }
}
