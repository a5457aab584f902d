import { Module } from '@nestjs/common';
import { LiveDocuments } from './live-documents';
import { StatusEventsPersistenceModule } from './persistence/status-events.persistence.module';
import { StatusOutboxSweep } from './status-outbox-sweep';
import { StatusStreamService } from './status-stream.service';
import { AnalysisRunsModule } from '@modalflow/analyses';
import { FetchJobsModule } from '@modalflow/fetch-jobs';
import { AlertsModule } from '@modalflow/alerts';
import { MonitoringModule } from '@modalflow/monitoring';

/**
 * Live status (docs/live-status.md): the status topic read into per-tenant sequences for clients,
 * replay, and the sweep that relays events a dead process left in the features' outboxes.
 */
@Module({
  imports: [
    StatusEventsPersistenceModule,
    FetchJobsModule,
    AnalysisRunsModule,
    AlertsModule,
    MonitoringModule,
  ],
  providers: [StatusStreamService, StatusOutboxSweep, LiveDocuments],
  exports: [StatusStreamService, LiveDocuments],
})
export class LiveStatusModule {}
