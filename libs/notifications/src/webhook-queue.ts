import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { WebhookDeliveryMessage } from './webhook-delivery.message';
import { WebhookDelivery } from './persistence/webhook-delivery.schema';
import { WebhookDeliveryRepository } from './persistence/webhook-delivery.repository';
import { webhookConfig, WebhookConfig } from '@modalflow/config';
import { HEADERS, QUEUES } from '@modalflow/contracts';
import { Stored } from '@modalflow/database';
import { RabbitMqPublisher } from '@modalflow/messaging';

/** One event's delivery to one hook: the same id however often the event is read. */
export const deliveryId = (hookId: string, eventId: string): string =>
  createHash('sha256').update(`${hookId}:${eventId}`).digest('hex').slice(0, 24);

/**
 * Records a delivery in the log (PENDING) and queues it on `webhook_delivery`, whose retries give the
 * back-off. An event read again queues nothing more unless its delivery was never attempted (the
 * process that stored it may have died before queueing it); a second copy of a message is harmless,
 * as the worker sends only PENDING deliveries (at least once, the event id as Idempotency-Key).
 */
@Injectable()
export class WebhookQueue {
  constructor(
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly publisher: RabbitMqPublisher,
    @Inject(webhookConfig.KEY) private readonly config: WebhookConfig,
  ) {}

  async enqueue(
    tenantId: number,
    hookId: string,
    eventId: string,
    event: string,
    body: string,
  ): Promise<Stored<WebhookDelivery>> {
    const { delivery, created } = await this.deliveries.createOnce(tenantId, {
      _id: deliveryId(hookId, eventId),
      hook_id: hookId,
      event_id: eventId,
      event,
      body,
      status: 'PENDING',
      attempts: [],
    });
    if (created || (delivery.status === 'PENDING' && delivery.attempts.length === 0)) {
      const message: WebhookDeliveryMessage = {
        tenant_id: tenantId,
        hook_id: hookId,
        delivery_id: delivery.id,
      };
      await this.publisher.publish(QUEUES.WEBHOOK_DELIVERY, message, {
        messageId: delivery.id,
        headers: { [HEADERS.MAX_ATTEMPTS]: this.config.maxAttempts },
      });
    }
    return delivery;
  }
}
