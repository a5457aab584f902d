import { bulkWriteFailures, DUPLICATE_KEY } from './duplicate-key';

interface PendingInsert<T> {
  document: T;
  resolve(inserted: boolean): void;
  reject(error: Error): void;
}

/**
 * Insert-once writes grouped into unordered `insertMany` batches: the documents asked for while a
 * batch is being written go out together in the next one, so nothing waits for a timer and a busy
 * worker writes few large batches (FerretDB on SQLite: about 13,000 documents/s in batches of 500,
 * 600/s one at a time). Each caller learns what a single insert would have told it: true when its
 * document was new, false when one with its `_id` existed, or the error that refused it.
 */
export class InsertBatcher<T> {
  private queue: PendingInsert<T>[] = [];
  private writing = false;

  constructor(
    private readonly insertMany: (documents: T[]) => Promise<unknown>,
    private readonly maxBatch = 500,
  ) {}

  insertOnce(document: T): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ document, resolve, reject });
      if (!this.writing) void this.writeAll();
    });
  }

  private async writeAll(): Promise<void> {
    this.writing = true;
    while (this.queue.length) {
      const batch = this.queue.splice(0, this.maxBatch);
      const outcomes = await this.write(batch.map((pending) => pending.document));
      batch.forEach((pending, i) => {
        const outcome = outcomes[i];
        if (outcome instanceof Error) pending.reject(outcome);
        else pending.resolve(outcome);
      });
    }
    this.writing = false;
  }

  private async write(documents: T[]): Promise<Array<boolean | Error>> {
    try {
      await this.insertMany(documents);
      return documents.map(() => true);
    } catch (error) {
      const failures = bulkWriteFailures(error);
      if (!failures) return documents.map(() => error as Error);
      const outcomes: Array<boolean | Error> = documents.map(() => true);
      for (const failure of failures) {
        if (failure.index < 0) return documents.map(() => error as Error);
        outcomes[failure.index] = failure.code === DUPLICATE_KEY ? false : new Error(failure.message);
      }
      return outcomes;
    }
  }
}
