import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ModeHistoryRepository } from './mode-history.repository';
import { ModeTrackingRepository } from './mode-tracking.repository';
import { MonitoringRule, MonitoringRuleSchema } from './monitoring-rule.schema';
import { MonitoringRuleRepository } from './monitoring-rule.repository';
import { TrackLabelRepository } from './track-label.repository';

@Module({
  imports: [MongooseModule.forFeature([{ name: MonitoringRule.name, schema: MonitoringRuleSchema }])],
  providers: [MonitoringRuleRepository, ModeTrackingRepository, ModeHistoryRepository, TrackLabelRepository],
  exports: [MonitoringRuleRepository, ModeTrackingRepository, ModeHistoryRepository, TrackLabelRepository],
})
export class MonitoringPersistenceModule {}
