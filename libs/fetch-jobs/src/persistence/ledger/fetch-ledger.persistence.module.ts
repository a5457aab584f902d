import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { FetchLedgerRepository } from './fetch-ledger.repository';
import { FetchMark, FetchMarkSchema } from './fetch-mark.schema';
import { StoredFetchOutcome, StoredFetchOutcomeSchema } from './fetch-outcome.schema';
import {
  FetchLedgerPage,
  FetchLedgerPageSchema,
  FetchLedgerRecords,
  FetchLedgerRecordsSchema,
  FetchLedgerRound,
  FetchLedgerRoundSchema,
} from './ledger-page.schema';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: StoredFetchOutcome.name, schema: StoredFetchOutcomeSchema },
      { name: FetchMark.name, schema: FetchMarkSchema },
      { name: FetchLedgerPage.name, schema: FetchLedgerPageSchema },
      { name: FetchLedgerRecords.name, schema: FetchLedgerRecordsSchema },
      { name: FetchLedgerRound.name, schema: FetchLedgerRoundSchema },
    ]),
  ],
  providers: [FetchLedgerRepository],
  exports: [FetchLedgerRepository],
})
export class FetchLedgerPersistenceModule {}
