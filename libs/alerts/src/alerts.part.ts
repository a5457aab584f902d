import { Injectable } from '@nestjs/common';
import { AlertRepository } from './persistence/alert.repository';
import { MaintenanceWindowRepository } from './persistence/maintenance-window.repository';
import { type StructurePart } from '@modalflow/structures';

/** A structure's alerts, removed with it (and its maintenance windows). */
@Injectable()
export class AlertsPart implements StructurePart {
  readonly name = 'alerts';
  readonly removalOrder = 2;

  constructor(
    private readonly alerts: AlertRepository,
    private readonly windows: MaintenanceWindowRepository,
  ) {}

  count(tenantId: number, structureId: string): Promise<number> {
    return this.alerts.count(tenantId, structureId);
  }

  async removeAll(tenantId: number, structureId: string): Promise<void> {
    await this.alerts.deleteAll(tenantId, structureId);
    await this.windows.deleteAll(tenantId, structureId);
  }
}
