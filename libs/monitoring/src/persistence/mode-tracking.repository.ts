import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { type ModeTrack, type RuleChartState } from '@modalflow/oma';
import {
  isDuplicateKey,
  documentOutboxes,
  DocumentOutboxes,
  OUTBOX_FIELD,
  OutboxEntry,
} from '@modalflow/database';

/** The tracks of one monitoring rule, in one document so that one update changes them all. */
export interface ModeTracking {
  rule_id: string;
  tenant_id: number;
  structure_id: string;
  /** The channels of the shapes (the first result's); results with others are not tracked. */
  channels: string[];
  tracks: ModeTrack[];
  /** How many measurements the rule has tracked (what a compensated track's presence is counted in). */
  records?: number;
  /** A compensated rule's chart over all its established tracks (Hotelling T²), once it has one. */
  rule_chart?: RuleChartState;
  /** Incremented by every change: a writer that read an older version must read again. */
  version: number;
}

type StoredTracking = Omit<ModeTracking, 'rule_id'> & { _id: string; [OUTBOX_FIELD]?: OutboxEntry[] };

const COLLECTION = 'mode_tracking';

/**
 * The tracks of each rule (collection `mode_tracking`, one document per rule). Analyses of one rule
 * finish on several workers at once; each change is a compare-and-set on `version`, and its
 * ALERT/CLEARED events go into the document's outbox by the same update.
 */
@Injectable()
export class ModeTrackingRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get collection() {
    return this.connection.collection<StoredTracking>(COLLECTION);
  }

  async find(tenantId: number, ruleId: string): Promise<ModeTracking | null> {
    const doc = await this.collection.findOne({ _id: ruleId });
    return doc && doc.tenant_id === tenantId ? toTracking(doc) : null;
  }

  /** Every rule's tracks of a structure. */
  async forStructure(tenantId: number, structureId: string): Promise<ModeTracking[]> {
    const docs = await this.collection.find({ tenant_id: tenantId, structure_id: structureId }).toArray();
    return docs.map(toTracking);
  }

  /** The tracks of every rule of some structures. */
  async forStructures(tenantId: number, structureIds: string[]): Promise<ModeTracking[]> {
    const docs = await this.collection
      .find({ tenant_id: tenantId, structure_id: { $in: structureIds } })
      .toArray();
    return docs.map(toTracking);
  }

  /**
   * Stores `next` if the stored version is still `next.version - 1` (or, for version 1, if there is
   * none yet); false when another writer came first.
   */
  async commit(next: ModeTracking, events: OutboxEntry[]): Promise<boolean> {
    const { rule_id: ruleId, ...fields } = next;
    if (next.version === 1) {
      try {
        await this.collection.insertOne({ _id: ruleId, ...fields, [OUTBOX_FIELD]: events });
        return true;
      } catch (error) {
        if (isDuplicateKey(error)) return false;
        throw error;
      }
    }
    const updated = await this.collection.updateOne(
      { _id: ruleId, tenant_id: next.tenant_id, version: next.version - 1 },
      {
        $set: fields,
        ...(events.length ? { $push: { [OUTBOX_FIELD]: { $each: events } } } : {}),
      },
    );
    return updated.matchedCount === 1;
  }

  async remove(tenantId: number, ruleId: string): Promise<void> {
    await this.collection.deleteOne({ _id: ruleId, tenant_id: tenantId });
  }

  async removeAll(tenantId: number, structureId: string): Promise<void> {
    await this.collection.deleteMany({ tenant_id: tenantId, structure_id: structureId });
  }

  /** The ALERT/CLEARED events waiting in the rules' documents, for StatusRelay. */
  outboxes(): DocumentOutboxes {
    return documentOutboxes(this.connection.collection(COLLECTION));
  }
}

function toTracking({ _id, ...rest }: StoredTracking): ModeTracking {
  const { [OUTBOX_FIELD]: outbox, ...tracking } = rest;
  void outbox; // internal: the relay's
  return { rule_id: _id, ...tracking };
}
