import { Controller, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { QUEUES } from '@modalflow/contracts';
import { messageValidationPipe, RethrowRpcErrorsFilter, WorkMessageContext } from '@modalflow/messaging';
import { DeliverWebhookService, WebhookDeliveryMessage } from '@modalflow/notifications';

@Controller()
@UseFilters(RethrowRpcErrorsFilter)
export class WebhookDeliveryHandler {
  constructor(private readonly webhooks: DeliverWebhookService) {}

  @EventPattern(QUEUES.WEBHOOK_DELIVERY)
  handle(
    @Payload(messageValidationPipe) message: WebhookDeliveryMessage,
    @Ctx() context: WorkMessageContext,
  ): Promise<void> {
    return this.webhooks.deliver(message, context);
  }
}
