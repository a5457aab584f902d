import { Collection, mongo } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { StatusEvent } from '@modalflow/contracts';

/**
 * A status change waiting to be published, kept in the document it changed: it is written by the
 * same update as the change (atomic on MongoDB, and on FerretDB with the write lock), so a change
 * is never without its event, whatever dies after it. The relay publishes a document's entries in
 * order and removes each once Kafka has it (docs/live-status.md). The event is JSON text: removing
 * an entry matches it whole, which FerretDB does only for exact values.
 */
export interface OutboxEntry {
  id: string;
  event: string;
}

/** The field of a document that holds its outbox. */
export const OUTBOX_FIELD = 'outbox';

export function outboxEntry(event: StatusEvent): OutboxEntry {
  const id = randomUUID();
  return { id, event: JSON.stringify({ ...event, at: event.at ?? new Date().toISOString(), event_id: id }) };
}

/** The update that records `entry` in the outbox of the document it is applied to. */
export const pushToOutbox = (entry: OutboxEntry) => ({ $push: { [OUTBOX_FIELD]: entry } });

/** What the relay needs of a collection whose documents carry outboxes (see StatusRelay). */
export interface DocumentOutboxes {
  readonly name: string;
  /** A document's entries not yet published, oldest first. */
  pending(documentId: string): Promise<OutboxEntry[]>;
  remove(documentId: string, entry: OutboxEntry): Promise<void>;
  /** Documents with entries left (for the sweep after a crash; not a lookup by `_id`). */
  withPending(limit: number): Promise<string[]>;
}

/** The outboxes of a collection's documents; `key` turns an id as the apps give it into the stored `_id`. */
export function documentOutboxes(
  collection: Collection<mongo.Document>,
  key: (documentId: string) => mongo.ObjectId | string = (documentId) => documentId,
): DocumentOutboxes {
  return {
    name: collection.collectionName,
    async pending(documentId) {
      const found = await collection.findOne(
        { _id: key(documentId) as mongo.ObjectId },
        { projection: { [OUTBOX_FIELD]: 1 } },
      );
      return (found?.[OUTBOX_FIELD] as OutboxEntry[] | undefined) ?? [];
    },
    async remove(documentId, entry) {
      const pull = {
        $pull: { [OUTBOX_FIELD]: { id: entry.id, event: entry.event } },
      } as unknown as mongo.UpdateFilter<mongo.Document>;
      await collection.updateOne({ _id: key(documentId) as mongo.ObjectId }, pull);
    },
    async withPending(limit) {
      const found = await collection
        .find({ [`${OUTBOX_FIELD}.0`]: { $exists: true } }, { projection: { _id: 1 } })
        .limit(limit)
        .toArray();
      return found.map((document) => String(document._id));
    },
  };
}
