import { Module, OnModuleInit } from '@nestjs/common';
import { AlertStatusChanges } from './alert-changes';
import { AlertsPart } from './alerts.part';
import { AlertsService } from './alerts.service';
import { MaintenanceWindowsService } from './maintenance-windows.service';
import { AlertsPersistenceModule } from './persistence/alerts.persistence.module';
import { TrackAlerts } from './track-alerts';
import { StructureParts, StructuresModule } from '@modalflow/structures';

/**
 * Alerts with a lifecycle and maintenance windows (docs/monitoring.md, "Alerts"): the API's use cases,
 * and TrackAlerts, through which monitoring keeps a rule's alerts in step with its tracks.
 */
@Module({
  imports: [AlertsPersistenceModule, StructuresModule],
  providers: [AlertStatusChanges, AlertsService, MaintenanceWindowsService, TrackAlerts, AlertsPart],
  exports: [AlertsService, MaintenanceWindowsService, TrackAlerts, AlertsPersistenceModule],
})
export class AlertsModule implements OnModuleInit {
  constructor(
    private readonly parts: StructureParts,
    private readonly alerts: AlertsPart,
  ) {}

  onModuleInit(): void {
    this.parts.register(this.alerts);
  }
}
