import { DependencyUnavailableError } from './dependency-unavailable.error';
import { isDatabaseUnavailable } from '@modalflow/database';

/**
 * Runs a message's work; a database that cannot be reached becomes DependencyUnavailableError, so
 * the message is retried later without using up an attempt (see WorkQueueServer).
 */
export async function retryingDatabaseOutages<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw new DependencyUnavailableError('the database', error as Error);
    throw error;
  }
}
