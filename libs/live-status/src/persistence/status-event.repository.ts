import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { type SequencedStatusEvent } from '@modalflow/contracts';
import { onlyDuplicates } from '@modalflow/database';

type StoredEvent = SequencedStatusEvent & { _id: string; stored_at: Date };

const COLLECTION = 'status_events';

/**
 * Status events kept for replay. The sequence is the offset of the event in the one-partition
 * status topic, so every API replica stores the same event under the same id (the first insert
 * wins) and sequences increase for every tenant.
 */
@Injectable()
export class StatusEventRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get events() {
    return this.connection.collection<StoredEvent>(COLLECTION);
  }

  /** Stores events; those another replica stored first are skipped. */
  async saveMany(events: SequencedStatusEvent[]): Promise<void> {
    if (!events.length) return;
    const storedAt = new Date();
    try {
      await this.events.insertMany(
        events.map((event) => ({ ...event, _id: String(event.seq), stored_at: storedAt })),
        { ordered: false },
      );
    } catch (error) {
      if (!onlyDuplicates(error)) throw error;
    }
  }

  /** A tenant's events after a sequence, oldest first. */
  async after(tenantId: number, seq: number, limit: number): Promise<SequencedStatusEvent[]> {
    const docs = await this.events
      .find({ tenant_id: tenantId, seq: { $gt: seq } })
      .sort({ seq: 1 })
      .limit(limit)
      .toArray();
    return docs.map(({ _id, stored_at, ...event }) => {
      void _id;
      void stored_at;
      return event;
    });
  }

  async deleteOlderThan(date: Date): Promise<number> {
    return (await this.events.deleteMany({ stored_at: { $lt: date } })).deletedCount;
  }
}
