import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { Page, PageRequest } from '@modalflow/database';
import { type CompensatedPoint } from '@modalflow/oma';

/**
 * One point of a track: one mode of one monitored analysis; on a compensated rule with the
 * measurement's covariates, the model's prediction, the residual and whether it was judged.
 */
export interface ModeHistoryPoint extends Omit<
  CompensatedPoint,
  'analysis_id' | 'recorded_at' | 'frequency_hz'
> {
  tenant_id: number;
  structure_id: string;
  rule_id: string;
  track_id: string;
  analysis_id: string;
  /** The mode's position in the analysis result. */
  mode_index: number;
  recorded_at: Date;
  frequency_hz: number;
  damping_ratio: number | null;
  /** MAC to the track's reference shape. */
  mac: number;
}

type StoredPoint = ModeHistoryPoint & { _id: string };

const COLLECTION = 'mode_history';

/** The history of every track (collection `mode_history`), one document per analysis and mode. */
@Injectable()
export class ModeHistoryRepository {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get collection() {
    return this.connection.collection<StoredPoint>(COLLECTION);
  }

  /** Replaces the points of one analysis (a repeated run replaces, never adds). */
  async replaceForAnalysis(tenantId: number, analysisId: string, points: ModeHistoryPoint[]): Promise<void> {
    await this.collection.deleteMany({ tenant_id: tenantId, analysis_id: analysisId });
    if (points.length === 0) return;
    await this.collection.insertMany(
      points.map((point) => ({ _id: `${point.analysis_id}:${point.mode_index}`, ...point })),
    );
  }

  async page(tenantId: number, trackId: string, page: PageRequest): Promise<Page<ModeHistoryPoint>> {
    const query = { tenant_id: tenantId, track_id: trackId };
    const [docs, total] = await Promise.all([
      this.collection
        .find(query)
        .sort({ recorded_at: 1, _id: 1 })
        .skip(page.offset)
        .limit(page.limit)
        .toArray(),
      this.collection.countDocuments(query),
    ]);
    return { items: docs.map(withoutId), total, offset: page.offset, limit: page.limit };
  }

  /** Up to `limit` points of the given tracks, by measurement time (for the trend plot). */
  async ofTracks(tenantId: number, trackIds: string[], limit: number): Promise<ModeHistoryPoint[]> {
    const docs = await this.collection
      .find({ tenant_id: tenantId, track_id: { $in: trackIds } })
      .sort({ recorded_at: 1, _id: 1 })
      .limit(limit)
      .toArray();
    return docs.map(withoutId);
  }

  async removeRule(tenantId: number, ruleId: string): Promise<void> {
    await this.collection.deleteMany({ tenant_id: tenantId, rule_id: ruleId });
  }

  async removeAll(tenantId: number, structureId: string): Promise<void> {
    await this.collection.deleteMany({ tenant_id: tenantId, structure_id: structureId });
  }
}

function withoutId({ _id, ...point }: StoredPoint): ModeHistoryPoint {
  void _id;
  return point;
}
