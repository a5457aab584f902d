import { Module } from '@nestjs/common';
import { FetchJobsPersistenceModule } from '@modalflow/database';
import { FetchJobsController } from './fetch-jobs.controller';
import { FetchJobsService } from './fetch-jobs.service';

@Module({
  imports: [FetchJobsPersistenceModule],
  controllers: [FetchJobsController],
  providers: [FetchJobsService],
})
export class FetchJobsModule {}
