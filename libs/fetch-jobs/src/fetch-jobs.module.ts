import { Module } from '@nestjs/common';
import { FetchJobStoresModule } from './fetch-job-stores.module';
import { FetchJobsService } from './fetch-jobs.service';
import { ResourceListing } from './read/resource-listing';
import { StructuresModule } from '@modalflow/structures';

/** The API's side of fetch jobs: create one, read it and its resources. */
@Module({
  imports: [FetchJobStoresModule, StructuresModule],
  providers: [FetchJobsService, ResourceListing],
  exports: [FetchJobsService, FetchJobStoresModule],
})
export class FetchJobsModule {}
