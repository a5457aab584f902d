import type mongoose from 'mongoose';
import {
  FetchLedgerPage,
  FetchLedgerPageSchema,
  FetchLedgerRecords,
  FetchLedgerRecordsSchema,
  FetchLedgerRepository,
  FetchLedgerRound,
  FetchLedgerRoundSchema,
  FetchMark,
  FetchMarkSchema,
  StoredFetchOutcome,
  StoredFetchOutcomeSchema,
} from '@modalflow/fetch-jobs';

/** A fetch ledger over its five collections on `connection`, as one process of the apps holds it. */
export function ledgerOn(connection: mongoose.Connection): FetchLedgerRepository {
  return new FetchLedgerRepository(
    connection.model(StoredFetchOutcome.name, StoredFetchOutcomeSchema),
    connection.model(FetchMark.name, FetchMarkSchema),
    connection.model(FetchLedgerPage.name, FetchLedgerPageSchema),
    connection.model(FetchLedgerRecords.name, FetchLedgerRecordsSchema),
    connection.model(FetchLedgerRound.name, FetchLedgerRoundSchema),
  );
}
