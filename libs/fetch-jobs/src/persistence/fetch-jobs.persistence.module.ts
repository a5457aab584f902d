import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { FetchJob, FetchJobSchema } from './fetch-job.schema';
import { FetchJobRepository } from './fetch-job.repository';

@Module({
  imports: [MongooseModule.forFeature([{ name: FetchJob.name, schema: FetchJobSchema }])],
  providers: [FetchJobRepository],
  exports: [FetchJobRepository],
})
export class FetchJobsPersistenceModule {}
