import { mongo } from 'mongoose';
import { bulkWriteFailures } from './duplicate-key';

/**
 * Whether an error says the database could not be reached, or that a write's outcome is unknown
 * (the connection dropped under it), rather than that the database refused something.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (
    error instanceof mongo.MongoNetworkError ||
    error instanceof mongo.MongoServerSelectionError ||
    error instanceof mongo.MongoNotConnectedError ||
    error instanceof mongo.MongoTopologyClosedError
  )
    return true;
  // An insertMany cut by a network failure: a bulk write error without per-document failures.
  return error instanceof mongo.MongoBulkWriteError && bulkWriteFailures(error) === undefined;
}
