/** Thrown by a handler for a message that can never succeed: it is dead-lettered at once, not retried. */
export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError';
}
