/**
 * Thrown by a handler when a service it needs (the database) is away: the message is tried again
 * after the usual delay without using up one of its attempts, however long the outage, so an
 * outage never turns resources FAILED or dead-letters them.
 */
export class DependencyUnavailableError extends Error {
  override name = 'DependencyUnavailableError';

  constructor(dependency: string, cause: Error) {
    super(`${dependency} unavailable: ${cause.message}`);
  }
}
