import { Module } from '@nestjs/common';
import {
  FetchJobsPersistenceModule,
  FetchLedgerPersistenceModule,
  FetchResourcesPersistenceModule,
  UploadsPersistenceModule,
} from '@modalflow/database';
import { FetchJobCache } from './fetch-job-cache';
import { FetchJobProgress } from './fetch-job-progress';
import { UploadStatusChanges } from './upload-status';

/** The fetch-job and upload persistence and progress every part of the ingestion pipeline uses. */
@Module({
  imports: [
    FetchJobsPersistenceModule,
    FetchResourcesPersistenceModule,
    FetchLedgerPersistenceModule,
    UploadsPersistenceModule,
  ],
  providers: [FetchJobProgress, FetchJobCache, UploadStatusChanges],
  exports: [
    FetchJobProgress,
    FetchJobCache,
    UploadStatusChanges,
    UploadsPersistenceModule,
    FetchJobsPersistenceModule,
    FetchResourcesPersistenceModule,
    FetchLedgerPersistenceModule,
  ],
})
export class PipelineModule {}
