import { Module } from '@nestjs/common';
import { ModesController } from './modes.controller';
import { MonitoringRulesController } from './monitoring-rules.controller';
import { MonitoringModule } from '@modalflow/monitoring';

/** Monitoring rules and tracked modes (the triggering and tracking run in the workers). */
@Module({
  imports: [MonitoringModule],
  controllers: [MonitoringRulesController, ModesController],
})
export class MonitoringApiModule {}
