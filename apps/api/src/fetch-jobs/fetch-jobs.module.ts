import { ResourceListing } from './resource-listing';
import { Module } from '@nestjs/common';
import { StructuresPersistenceModule } from '@modalflow/database';
import { PipelineModule } from '@modalflow/pipeline';
import { FetchJobsController } from './fetch-jobs.controller';
import { FetchJobsService } from './fetch-jobs.service';

@Module({
  imports: [PipelineModule, StructuresPersistenceModule],
  controllers: [FetchJobsController],
  providers: [FetchJobsService, ResourceListing],
})
export class FetchJobsModule {}
