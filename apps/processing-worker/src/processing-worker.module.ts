import { Module } from '@nestjs/common';
import { DataProcessingHandler } from './data-processing.handler';
import { AppConfigModule } from '@modalflow/config';
import { DatabaseModule } from '@modalflow/database';
import { ResourceProcessingModule } from '@modalflow/fetch-jobs';
import { MessagingModule } from '@modalflow/messaging';
import { MonitoringModule } from '@modalflow/monitoring';
import { ObservabilityModule } from '@modalflow/observability';

/** Queue `data_processing` (fetch jobs: one resource, settled in the job's ledger; a new measurement for monitoring). */
@Module({
  imports: [
    AppConfigModule,
    ObservabilityModule.forRoot({ appName: 'processing-worker' }),
    DatabaseModule.forRoot({ measures: true }),
    MessagingModule.forRoot({ rabbitmq: true, kafka: true, workQueues: true }),
    ResourceProcessingModule.register({ measurementArrivals: MonitoringModule }),
  ],
  controllers: [DataProcessingHandler],
})
export class ProcessingWorkerModule {}
