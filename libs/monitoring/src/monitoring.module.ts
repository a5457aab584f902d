import { Module, OnModuleInit } from '@nestjs/common';
import { ModeTrackingService } from './mode-tracking.service';
import { ModeTracksService } from './mode-tracks.service';
import { MonitoringRulesService } from './monitoring-rules.service';
import { MonitoringTrigger } from './monitoring-trigger';
import { MonitoringPart } from './monitoring.part';
import { MonitoringPersistenceModule } from './persistence/monitoring.persistence.module';
import { AlertsModule } from '@modalflow/alerts';
import { AnalysisRunsModule, MonitoredRunResults } from '@modalflow/analyses';
import { MeasurementArrivals } from '@modalflow/measurements';
import { StructureParts, StructureSummaries } from '@modalflow/structures';

/**
 * Monitoring: rules (the API), the analysis each new measurement gets (MeasurementArrivals, for the
 * workers that store measurements) and the tracks a monitored run's modes go to (MonitoredRunResults,
 * for the OMA worker).
 */
@Module({
  imports: [AnalysisRunsModule, AlertsModule, MonitoringPersistenceModule],
  providers: [
    MonitoringRulesService,
    ModeTracksService,
    MonitoringTrigger,
    ModeTrackingService,
    MonitoringPart,
    { provide: MeasurementArrivals, useExisting: MonitoringTrigger },
    { provide: MonitoredRunResults, useExisting: ModeTrackingService },
  ],
  exports: [
    MonitoringRulesService,
    ModeTracksService,
    MeasurementArrivals,
    MonitoredRunResults,
    MonitoringPersistenceModule,
  ],
})
export class MonitoringModule implements OnModuleInit {
  constructor(
    private readonly parts: StructureParts,
    private readonly summaries: StructureSummaries,
    private readonly monitoring: MonitoringPart,
  ) {}

  onModuleInit(): void {
    this.parts.register(this.monitoring);
    this.summaries.register(this.monitoring);
  }
}
