/** MongoDB's error code for an insert whose `_id` (or unique key) exists already. */
export const DUPLICATE_KEY = 11000;

/** True when a write failed only because the document exists already. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === DUPLICATE_KEY;
}
