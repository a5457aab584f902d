import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { FetchLedgerRepository } from './fetch-ledger.repository';
import { FetchMark, FetchMarkSchema } from './fetch-mark.schema';
import { StoredFetchOutcome, StoredFetchOutcomeSchema } from './fetch-outcome.schema';
import { FetchTally, FetchTallySchema } from './fetch-tally.schema';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: StoredFetchOutcome.name, schema: StoredFetchOutcomeSchema },
      { name: FetchMark.name, schema: FetchMarkSchema },
      { name: FetchTally.name, schema: FetchTallySchema },
    ]),
  ],
  providers: [FetchLedgerRepository],
  exports: [FetchLedgerRepository],
})
export class FetchLedgerPersistenceModule {}
