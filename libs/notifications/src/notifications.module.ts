import { Module } from '@nestjs/common';
import { DeliverWebhookService } from './deliver-webhook.service';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookQueue } from './webhook-queue';
import { WebhooksService } from './webhooks.service';
import { NotificationsPersistenceModule } from './persistence/notifications.persistence.module';

/** Webhooks as the API offers them: the hooks, their delivery log, a ping. */
@Module({
  imports: [NotificationsPersistenceModule],
  providers: [WebhooksService, WebhookQueue],
  exports: [WebhooksService],
})
export class WebhooksModule {}

/**
 * Webhooks as the fetch worker sends them: status events turned into deliveries (WebhookDispatcher, a
 * Kafka consumer) and each delivery sent (DeliverWebhookService, for the `webhook_delivery` handler).
 */
@Module({
  imports: [NotificationsPersistenceModule],
  providers: [WebhookDispatcher, WebhookQueue, DeliverWebhookService],
  exports: [DeliverWebhookService],
})
export class WebhookDeliveriesModule {}
