import { DynamicModule, Module } from '@nestjs/common';
import { FetchJobStoresModule } from './fetch-job-stores.module';
import { ProcessResourceService } from './process-resource.service';
import { type MeasurementArrivalsModule, MeasuresPersistenceModule } from '@modalflow/measurements';
import { StructuresModule } from '@modalflow/structures';

/**
 * The processing worker's side of fetch jobs: one resource read, summarised and settled in the job's
 * ledger. A time series of a job with a structure is a new measurement: `measurementArrivals` is
 * told of it.
 */
@Module({})
export class ResourceProcessingModule {
  static register(options: { measurementArrivals: MeasurementArrivalsModule }): DynamicModule {
    return {
      module: ResourceProcessingModule,
      imports: [
        FetchJobStoresModule,
        StructuresModule,
        MeasuresPersistenceModule,
        options.measurementArrivals,
      ],
      providers: [ProcessResourceService],
      exports: [ProcessResourceService],
    };
  }
}
