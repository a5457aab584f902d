import { Module } from '@nestjs/common';
import { FetchJobsController } from './fetch-jobs.controller';
import { FetchJobsModule } from '@modalflow/fetch-jobs';

@Module({
  imports: [FetchJobsModule],
  controllers: [FetchJobsController],
})
export class FetchJobsApiModule {}
