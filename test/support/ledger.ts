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
  NewFetchOutcome,
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

/** How resource `index` of round 0 ended: DONE with one field `v` of `value`, or FAILED. */
export function roundZeroOutcome(
  index: number,
  status: 'DONE' | 'FAILED',
  value: number,
  attempts: number,
  processedBy: string,
): NewFetchOutcome {
  return {
    status,
    fields:
      status === 'DONE'
        ? [{ field: 'v', count: 1, sum: value, sum_sq: value * value, min: value, max: value }]
        : [],
    round: 0,
    resource_id: `r${index}`,
    index,
    attempts,
    processed_by: processedBy,
  };
}
