import { Module } from '@nestjs/common';
import { AppConfigModule } from '@modalflow/config';
import { DatabaseModule, MeasuresPersistenceModule, StructuresPersistenceModule } from '@modalflow/database';
import { MessagingModule } from '@modalflow/messaging';
import { ObservabilityModule } from '@modalflow/observability';
import { MonitoringModule, PipelineModule } from '@modalflow/pipeline';
import { DataProcessingHandler } from './data-processing.handler';
import { ProcessResourceService } from './process-resource.service';

@Module({
  imports: [
    AppConfigModule,
    ObservabilityModule.forRoot({ appName: 'processing-worker' }),
    DatabaseModule.forRoot({ measures: true }),
    MessagingModule.forRoot({ rabbitmq: true, kafka: true, workQueues: true }),
    PipelineModule,
    MonitoringModule,
    MeasuresPersistenceModule,
    StructuresPersistenceModule,
  ],
  controllers: [DataProcessingHandler],
  providers: [ProcessResourceService],
})
export class ProcessingWorkerModule {}
