import { Module } from '@nestjs/common';
import { AlertsController } from './alerts.controller';
import { MaintenanceWindowsController } from './maintenance-windows.controller';
import { AlertsModule } from '@modalflow/alerts';

/** Alerts and maintenance windows (alerts are opened and closed by the OMA worker's mode tracking). */
@Module({
  imports: [AlertsModule],
  controllers: [AlertsController, MaintenanceWindowsController],
})
export class AlertsApiModule {}
