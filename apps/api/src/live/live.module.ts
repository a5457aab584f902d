import { Module } from '@nestjs/common';
import { EventsController } from './events.controller';
import { StatusGateway } from './status.gateway';
import { AuthModule } from '@modalflow/auth';
import { LiveStatusModule } from '@modalflow/live-status';

@Module({
  imports: [AuthModule, LiveStatusModule],
  controllers: [EventsController],
  providers: [StatusGateway],
})
export class LiveModule {}
