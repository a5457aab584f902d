import { Module } from '@nestjs/common';
import {
  FetchJobsPersistenceModule,
  FetchLedgerPersistenceModule,
  FetchResourcesPersistenceModule,
} from '@modalflow/database';
import { FetchJobProgress } from './fetch-job-progress';

/** The fetch-job persistence and progress every part of the ingestion pipeline uses. */
@Module({
  imports: [FetchJobsPersistenceModule, FetchResourcesPersistenceModule, FetchLedgerPersistenceModule],
  providers: [FetchJobProgress],
  exports: [
    FetchJobProgress,
    FetchJobsPersistenceModule,
    FetchResourcesPersistenceModule,
    FetchLedgerPersistenceModule,
  ],
})
export class PipelineModule {}
