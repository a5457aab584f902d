import { Module } from '@nestjs/common';
import { FetchJobCache } from './fetch-job-cache';
import { FetchJobProgress } from './fetch-job-progress';
import { FetchJobsPersistenceModule } from './persistence/fetch-jobs.persistence.module';
import { FetchResourcesPersistenceModule } from './persistence/fetch-resources.persistence.module';
import { FetchLedgerPersistenceModule } from './persistence/ledger/fetch-ledger.persistence.module';

/** A fetch job's collections, its progress and the per-round cache of it, which every process of a job uses. */
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
export class FetchJobStoresModule {}
