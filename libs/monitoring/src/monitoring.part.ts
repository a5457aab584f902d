import { Injectable } from '@nestjs/common';
import { ModeHistoryRepository } from './persistence/mode-history.repository';
import { ModeTrackingRepository } from './persistence/mode-tracking.repository';
import { MonitoringRuleRepository } from './persistence/monitoring-rule.repository';
import { TrackLabelRepository } from './persistence/track-label.repository';
import { type StructurePart, type StructureSummary, type StructureSummaryPart } from '@modalflow/structures';

/**
 * A structure's monitoring rules, their tracks and history: removed first, so no new run starts;
 * summarised as its tracked modes and those in ALERT.
 */
@Injectable()
export class MonitoringPart implements StructurePart, StructureSummaryPart {
  readonly name = 'monitoring rules';
  readonly removalOrder = 1;

  constructor(
    private readonly rules: MonitoringRuleRepository,
    private readonly tracking: ModeTrackingRepository,
    private readonly history: ModeHistoryRepository,
    private readonly labels: TrackLabelRepository,
  ) {}

  count(tenantId: number, structureId: string): Promise<number> {
    return this.rules.count(tenantId, structureId);
  }

  async removeAll(tenantId: number, structureId: string): Promise<void> {
    await this.rules.deleteAll(tenantId, structureId);
    await this.tracking.removeAll(tenantId, structureId);
    await this.history.removeAll(tenantId, structureId);
    await this.labels.removeAll(tenantId, structureId);
  }

  async summarize(tenantId: number, structureIds: string[]): Promise<Map<string, Partial<StructureSummary>>> {
    const summaries = new Map<string, Partial<StructureSummary>>();
    for (const rule of await this.tracking.forStructures(tenantId, structureIds)) {
      const tracked = rule.tracks.filter((track) => track.recent.length > 0);
      const sum = summaries.get(rule.structure_id) ?? { tracked_modes: 0, open_alerts: 0 };
      sum.tracked_modes! += tracked.length;
      sum.open_alerts! += tracked.filter((track) => track.alert).length;
      summaries.set(rule.structure_id, sum);
    }
    return summaries;
  }
}
