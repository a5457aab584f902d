import { Module } from '@nestjs/common';
import { BroadcastListener } from './runs/broadcast-listener';
import { RunPoller } from './runs/run-poller';
import { AnalysisWorkerModule } from '@modalflow/analyses';
import { AppConfigModule } from '@modalflow/config';
import { DatabaseModule } from '@modalflow/database';
import { MessagingModule } from '@modalflow/messaging';
import { MonitoringModule } from '@modalflow/monitoring';
import { ObservabilityModule } from '@modalflow/observability';

/**
 * The run queue (analyses: claim a run, run it, store its results; a monitored run's modes go to
 * monitoring's tracks) and KAFKA_TOPIC_BROADCAST (aborts and wake-ups).
 */
@Module({
  imports: [
    AppConfigModule,
    ObservabilityModule.forRoot({ appName: 'oma-worker' }),
    DatabaseModule.forRoot({ measures: true }),
    MessagingModule.forRoot({ kafka: true }),
    AnalysisWorkerModule.register({ monitoredResults: MonitoringModule }),
  ],
  providers: [RunPoller, BroadcastListener],
})
export class OmaWorkerModule {}
