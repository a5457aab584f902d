import { Module } from '@nestjs/common';
import { AppConfigModule } from '@modalflow/config';
import { DatabaseModule } from '@modalflow/database';
import { MessagingModule } from '@modalflow/messaging';
import { ObservabilityModule } from '@modalflow/observability';
import { DataProcessingHandler } from './data-processing.handler';

@Module({
  imports: [
    AppConfigModule,
    ObservabilityModule.forRoot({ appName: 'processing-worker' }),
    DatabaseModule.forRoot({ measures: true }),
    MessagingModule.forRoot({ rabbitmq: true, kafka: true }),
  ],
  controllers: [DataProcessingHandler],
})
export class ProcessingWorkerModule {}
