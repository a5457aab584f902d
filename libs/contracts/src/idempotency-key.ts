import { fieldError } from './field-error';

/** The longest Idempotency-Key header accepted (it is stored, or hashed into an id). */
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

/** 400 naming the header when the key is too long. */
export function checkIdempotencyKey(key: string | undefined): void {
  if (key !== undefined && key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw fieldError('Idempotency-Key', `must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
  }
}
