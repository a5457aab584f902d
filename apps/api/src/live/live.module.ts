import { Module } from '@nestjs/common';
import { AuthModule } from '@modalflow/auth';
import {
  AnalysesPersistenceModule,
  FetchJobsPersistenceModule,
  MonitoringPersistenceModule,
  StatusEventsPersistenceModule,
  StructuresPersistenceModule,
} from '@modalflow/database';
import { EventsController } from './events.controller';
import { LivePageController } from './live-page.controller';
import { StatusGateway } from './status.gateway';
import { StatusOutboxSweep } from './status-outbox-sweep';
import { StatusStreamService } from './status-stream.service';

@Module({
  imports: [
    AuthModule,
    StatusEventsPersistenceModule,
    FetchJobsPersistenceModule,
    AnalysesPersistenceModule,
    StructuresPersistenceModule,
    MonitoringPersistenceModule,
  ],
  controllers: [EventsController, LivePageController],
  providers: [StatusStreamService, StatusGateway, StatusOutboxSweep],
})
export class LiveModule {}
