/** MongoDB's error code for an insert whose `_id` (or unique key) exists already. */
export const DUPLICATE_KEY = 11000;

/** One failed document of an unordered bulk insert: its position in the batch and why. */
export interface BulkWriteFailure {
  index: number;
  code?: number;
  message: string;
}

/** True when a write failed only because the document exists already. */
export function isDuplicateKey(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === DUPLICATE_KEY;
}

/**
 * The per-document failures of an unordered `insertMany`, or undefined when the error is not a bulk
 * write error (the whole write failed). The driver gives one failure as an object, several as an
 * array; Mongoose nests the code under `err`.
 */
export function bulkWriteFailures(error: unknown): BulkWriteFailure[] | undefined {
  const raw: unknown = (error as { writeErrors?: unknown } | null)?.writeErrors;
  // A network failure mid-write comes as a bulk write error with no per-document failures: nothing
  // is known to be written, so it is the whole write that failed.
  if (!raw || (Array.isArray(raw) && raw.length === 0)) return undefined;
  const list = (Array.isArray(raw) ? raw : [raw]) as Array<{
    index?: number;
    code?: number;
    errmsg?: string;
    err?: { index?: number; code?: number; errmsg?: string };
  }>;
  return list.map((failure) => ({
    index: failure.index ?? failure.err?.index ?? -1,
    code: failure.code ?? failure.err?.code,
    message: failure.errmsg ?? failure.err?.errmsg ?? 'insert failed',
  }));
}

/** True when every document a bulk insert refused was refused as a duplicate. */
export function onlyDuplicates(error: unknown): boolean {
  const failures = bulkWriteFailures(error);
  if (!failures) return isDuplicateKey(error);
  return failures.length > 0 && failures.every((failure) => failure.code === DUPLICATE_KEY);
}
