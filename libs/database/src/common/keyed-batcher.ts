interface Pending<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: Error): void;
}

interface KeyQueue<T, R> {
  pending: Pending<T, R>[];
}

/**
 * Writes grouped per key, like InsertBatcher: the items asked for while a write for their key is in
 * flight go out together in the next one (no timer), and at most one write per key is in flight in
 * this process. Every caller gets the result of the write that included its item, or its error.
 */
export class KeyedBatcher<T, R> {
  private readonly queues = new Map<string, KeyQueue<T, R>>();

  constructor(private readonly writeBatch: (key: string, items: T[]) => Promise<R>) {}

  submit(key: string, item: T): Promise<R> {
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(key);
      if (queue) {
        queue.pending.push({ item, resolve, reject });
        return;
      }
      const fresh: KeyQueue<T, R> = { pending: [{ item, resolve, reject }] };
      this.queues.set(key, fresh);
      void this.drain(key, fresh);
    });
  }

  private async drain(key: string, queue: KeyQueue<T, R>): Promise<void> {
    while (queue.pending.length > 0) {
      const batch = queue.pending.splice(0, queue.pending.length);
      try {
        const result = await this.writeBatch(
          key,
          batch.map((pending) => pending.item),
        );
        for (const pending of batch) pending.resolve(result);
      } catch (error) {
        for (const pending of batch) pending.reject(error as Error);
      }
    }
    this.queues.delete(key);
  }
}
