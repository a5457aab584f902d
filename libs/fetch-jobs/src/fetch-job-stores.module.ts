import { Module } from '@nestjs/common';
import { FetchJobProgress } from './fetch-job-progress';
import { FetchJobsPersistenceModule } from './persistence/fetch-jobs.persistence.module';
import { FetchResourcesPersistenceModule } from './persistence/fetch-resources.persistence.module';
import { FetchLedgerPersistenceModule } from './persistence/ledger/fetch-ledger.persistence.module';

/** A fetch job's collections and its progress, which every process of a job uses. */
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
export class FetchJobStoresModule {}
