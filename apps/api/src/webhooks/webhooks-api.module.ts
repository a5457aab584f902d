import { Module } from '@nestjs/common';
import { WebhooksController } from './webhooks.controller';
import { WebhooksModule } from '@modalflow/notifications';

/** Webhooks (their deliveries are made and sent by the fetch worker). */
@Module({
  imports: [WebhooksModule],
  controllers: [WebhooksController],
})
export class WebhooksApiModule {}
