import { Module } from '@nestjs/common';
import { AppConfigModule } from '@modalflow/config';
import {
  AnalysesPersistenceModule,
  DatabaseModule,
  MeasuresPersistenceModule,
  UploadsPersistenceModule,
} from '@modalflow/database';
import { MessagingModule } from '@modalflow/messaging';
import { ObservabilityModule } from '@modalflow/observability';
import { MonitoringModule } from '@modalflow/pipeline';
import { StorageModule } from '@modalflow/storage';
import { BroadcastListener } from './runs/broadcast-listener';
import { AnalysisExecutor } from './runs/analysis-executor';
import { AnalysisInputLoader } from './runs/analysis-input.loader';
import { RecordSpool } from './runs/record-spool';
import { AnalysisRunService } from './runs/analysis-run.service';
import { RunPoller } from './runs/run-poller';
import { workerIdProvider } from './runs/worker-id';

@Module({
  imports: [
    AppConfigModule,
    ObservabilityModule.forRoot({ appName: 'oma-worker' }),
    DatabaseModule.forRoot({ measures: true }),
    MessagingModule.forRoot({ kafka: true }),
    AnalysesPersistenceModule,
    MeasuresPersistenceModule,
    UploadsPersistenceModule,
    StorageModule,
    MonitoringModule,
  ],
  providers: [
    workerIdProvider,
    AnalysisInputLoader,
    RecordSpool,
    AnalysisExecutor,
    AnalysisRunService,
    RunPoller,
    BroadcastListener,
  ],
})
export class OmaWorkerModule {}
