import { Module } from '@nestjs/common';
import { MonitoringPersistenceModule, StructuresPersistenceModule } from '@modalflow/database';
import { ModesController } from './modes.controller';
import { ModeTracksService } from './mode-tracks.service';
import { MonitoringRulesController } from './monitoring-rules.controller';
import { MonitoringRulesService } from './monitoring-rules.service';

/** Monitoring rules and tracked modes (the triggering and tracking run in the workers). */
@Module({
  imports: [StructuresPersistenceModule, MonitoringPersistenceModule],
  controllers: [MonitoringRulesController, ModesController],
  providers: [MonitoringRulesService, ModeTracksService],
})
export class MonitoringApiModule {}
