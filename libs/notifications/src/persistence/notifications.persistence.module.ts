import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { WebhookDelivery, WebhookDeliverySchema } from './webhook-delivery.schema';
import { WebhookDeliveryRepository } from './webhook-delivery.repository';
import { Webhook, WebhookSchema } from './webhook.schema';
import { WebhookRepository } from './webhook.repository';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Webhook.name, schema: WebhookSchema },
      { name: WebhookDelivery.name, schema: WebhookDeliverySchema },
    ]),
  ],
  providers: [WebhookRepository, WebhookDeliveryRepository],
  exports: [WebhookRepository, WebhookDeliveryRepository],
})
export class NotificationsPersistenceModule {}
