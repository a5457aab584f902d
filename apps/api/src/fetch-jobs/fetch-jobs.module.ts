import { Module } from '@nestjs/common';
import { PipelineModule } from '@modalflow/pipeline';
import { FetchJobsController } from './fetch-jobs.controller';
import { FetchJobsService } from './fetch-jobs.service';

@Module({
  imports: [PipelineModule],
  controllers: [FetchJobsController],
  providers: [FetchJobsService],
})
export class FetchJobsModule {}
