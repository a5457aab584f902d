import { Module } from '@nestjs/common';
import {
  FetchJobsPersistenceModule,
  FetchLedgerPersistenceModule,
  FetchResourcesPersistenceModule,
} from '@modalflow/database';
import { FetchJobCache } from './fetch-job-cache';
import { FetchJobProgress } from './fetch-job-progress';

/** The fetch-job persistence and progress every part of the ingestion pipeline uses. */
@Module({
  imports: [FetchJobsPersistenceModule, FetchResourcesPersistenceModule, FetchLedgerPersistenceModule],
  providers: [FetchJobProgress, FetchJobCache],
  exports: [
    FetchJobProgress,
    FetchJobCache,
    FetchJobsPersistenceModule,
    FetchResourcesPersistenceModule,
    FetchLedgerPersistenceModule,
  ],
})
export class PipelineModule {}
