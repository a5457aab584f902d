import { Module } from '@nestjs/common';
import { AnalysesPersistenceModule, MonitoringPersistenceModule } from '@modalflow/database';
import { AnalysisRuns } from '../analysis-runs';
import { ModeTrackingService } from './mode-tracking.service';
import { MonitoringTrigger } from './monitoring-trigger';

/** Queuing runs, and monitoring: analyses triggered by new measurements, and their tracked modes. */
@Module({
  imports: [AnalysesPersistenceModule, MonitoringPersistenceModule],
  providers: [AnalysisRuns, MonitoringTrigger, ModeTrackingService],
  exports: [AnalysisRuns, MonitoringTrigger, ModeTrackingService, MonitoringPersistenceModule],
})
export class MonitoringModule {}
