import { Module } from '@nestjs/common';
import { AppConfigModule } from '@modalflow/config';
import { DatabaseModule, StructuresPersistenceModule } from '@modalflow/database';
import { MessagingModule } from '@modalflow/messaging';
import { ObservabilityModule } from '@modalflow/observability';
import { PipelineModule } from '@modalflow/pipeline';
import { FetchSourceService } from './fetch-source.service';
import { StartFetchHandler } from './start-fetch.handler';

@Module({
  imports: [
    AppConfigModule,
    ObservabilityModule.forRoot({ appName: 'fetch-worker' }),
    DatabaseModule.forRoot(),
    MessagingModule.forRoot({ rabbitmq: true, kafka: true, workQueues: true }),
    PipelineModule,
    StructuresPersistenceModule,
  ],
  controllers: [StartFetchHandler],
  providers: [FetchSourceService],
})
export class FetchWorkerModule {}
