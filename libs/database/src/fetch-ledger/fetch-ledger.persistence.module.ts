import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { FetchLedgerRepository } from './fetch-ledger.repository';
import { FetchMark, FetchMarkSchema } from './fetch-mark.schema';
import { FetchOutcome, FetchOutcomeSchema } from './fetch-outcome.schema';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: FetchOutcome.name, schema: FetchOutcomeSchema },
      { name: FetchMark.name, schema: FetchMarkSchema },
    ]),
  ],
  providers: [FetchLedgerRepository],
  exports: [FetchLedgerRepository],
})
export class FetchLedgerPersistenceModule {}
