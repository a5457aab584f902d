import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';

/** A user's name for a track ("1st vertical bending"). */
export interface TrackLabel {
  tenant_id: number;
  structure_id: string;
  rule_id: string;
  track_id: string;
  name: string;
}

type StoredLabel = Omit<TrackLabel, 'track_id'> & { _id: string };

const COLLECTION = 'track_labels';

/**
 * Track names (collection `track_labels`, one document per named track), apart from the tracks'
 * document: a rename never races the workers' compare-and-set on the tracks.
 */
@Injectable()
export class TrackLabelRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get collection() {
    return this.connection.collection<StoredLabel>(COLLECTION);
  }

  async set(label: TrackLabel): Promise<void> {
    const { track_id: id, ...fields } = label;
    await this.collection.updateOne(
      { _id: id, tenant_id: label.tenant_id },
      { $set: fields },
      { upsert: true },
    );
  }

  async remove(tenantId: number, trackId: string): Promise<void> {
    await this.collection.deleteOne({ _id: trackId, tenant_id: tenantId });
  }

  /** The names of a structure's tracks, by track id. */
  async forStructure(tenantId: number, structureId: string): Promise<Map<string, string>> {
    const found = await this.collection.find({ tenant_id: tenantId, structure_id: structureId }).toArray();
    return new Map(found.map((label) => [label._id, label.name]));
  }

  async forRule(tenantId: number, ruleId: string): Promise<Map<string, string>> {
    const found = await this.collection.find({ tenant_id: tenantId, rule_id: ruleId }).toArray();
    return new Map(found.map((label) => [label._id, label.name]));
  }

  async removeRule(tenantId: number, ruleId: string): Promise<void> {
    await this.collection.deleteMany({ tenant_id: tenantId, rule_id: ruleId });
  }

  async removeAll(tenantId: number, structureId: string): Promise<void> {
    await this.collection.deleteMany({ tenant_id: tenantId, structure_id: structureId });
  }
}
