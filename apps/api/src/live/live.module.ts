import { Module } from '@nestjs/common';
import { AuthModule } from '@modalflow/auth';
import {
  AnalysesPersistenceModule,
  FetchJobsPersistenceModule,
  StatusEventsPersistenceModule,
} from '@modalflow/database';
import { EventsController } from './events.controller';
import { LivePageController } from './live-page.controller';
import { StatusGateway } from './status.gateway';
import { StatusStreamService } from './status-stream.service';

@Module({
  imports: [AuthModule, StatusEventsPersistenceModule, FetchJobsPersistenceModule, AnalysesPersistenceModule],
  controllers: [EventsController, LivePageController],
  providers: [StatusStreamService, StatusGateway],
})
export class LiveModule {}
