import { Module } from '@nestjs/common';
import { FetchJobStoresModule } from './fetch-job-stores.module';
import { FetchSourceService } from './fetch-source.service';
import { StructuresModule } from '@modalflow/structures';

/** The fetch worker's side of fetch jobs: reading a job's source index and handing out its resources. */
@Module({
  imports: [FetchJobStoresModule, StructuresModule],
  providers: [FetchSourceService],
  exports: [FetchSourceService],
})
export class FetchSourcesModule {}
