import { Module } from '@nestjs/common';
import { AppConfigModule } from '@modalflow/config';
import { DatabaseModule, StructuresPersistenceModule } from '@modalflow/database';
import { MessagingModule } from '@modalflow/messaging';
import { ObservabilityModule } from '@modalflow/observability';
import { MonitoringModule, PipelineModule } from '@modalflow/pipeline';
import { StorageModule } from '@modalflow/storage';
import { FetchSourceService } from './fetch-source.service';
import { StartFetchHandler } from './start-fetch.handler';
import { ProcessUploadService } from './uploads/process-upload.service';
import { UploadHandler } from './uploads/upload.handler';

@Module({
  imports: [
    AppConfigModule,
    ObservabilityModule.forRoot({ appName: 'fetch-worker' }),
    DatabaseModule.forRoot(),
    MessagingModule.forRoot({ rabbitmq: true, kafka: true, workQueues: true }),
    PipelineModule,
    MonitoringModule,
    StructuresPersistenceModule,
    StorageModule,
  ],
  controllers: [StartFetchHandler, UploadHandler],
  providers: [FetchSourceService, ProcessUploadService],
})
export class FetchWorkerModule {}
