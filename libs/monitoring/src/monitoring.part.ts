import { Injectable } from '@nestjs/common';
import { ModeHistoryRepository } from './persistence/mode-history.repository';
import { ModeTrackingRepository } from './persistence/mode-tracking.repository';
import { MonitoringRuleRepository } from './persistence/monitoring-rule.repository';
import { type StructurePart } from '@modalflow/structures';

/** A structure's monitoring rules, their tracks and history; removed first, so no new run starts. */
@Injectable()
export class MonitoringPart implements StructurePart {
  readonly name = 'monitoring rules';
  readonly removalOrder = 1;

  constructor(
    private readonly rules: MonitoringRuleRepository,
    private readonly tracking: ModeTrackingRepository,
    private readonly history: ModeHistoryRepository,
  ) {}

  count(tenantId: number, structureId: string): Promise<number> {
    return this.rules.count(tenantId, structureId);
  }

  async removeAll(tenantId: number, structureId: string): Promise<void> {
    await this.rules.deleteAll(tenantId, structureId);
    await this.tracking.removeAll(tenantId, structureId);
    await this.history.removeAll(tenantId, structureId);
  }
}
