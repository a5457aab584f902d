import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Consumer, KafkaMessage } from 'kafkajs';
import { webhookBody, webhookEventOf } from './webhook-events';
import { WebhookQueue } from './webhook-queue';
import { Webhook } from './persistence/webhook.schema';
import { WebhookRepository } from './persistence/webhook.repository';
import { kafkaConfig, KafkaConfig } from '@modalflow/config';
import { parseStatusEvent } from '@modalflow/contracts';
import { Stored } from '@modalflow/database';
import { KafkaConnection } from '@modalflow/messaging';

/**
 * Turns status events into webhook deliveries (fetch worker). Reads KAFKA_TOPIC_OUTPUT in one group
 * shared by every fetch worker (KAFKA_NOTIFY_GROUP), so each event is dispatched once, and commits a
 * batch only after its deliveries are stored and queued: an event is never lost, at worst read again.
 * Silenced alert events (maintenance window, snooze) are not sent.
 */
@Injectable()
export class WebhookDispatcher implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private consumer?: Consumer;

  constructor(
    private readonly connection: KafkaConnection,
    private readonly hooks: WebhookRepository,
    private readonly queue: WebhookQueue,
    @Inject(kafkaConfig.KEY) private readonly config: KafkaConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    this.consumer = await this.connection.consumeFromNow(
      this.config.notifyGroup,
      this.config.topics.output,
      (messages) => this.dispatch(messages),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }

  async dispatch(messages: KafkaMessage[]): Promise<void> {
    const hooksOf = new Map<number, Promise<Stored<Webhook>[]>>();
    for (const message of messages) {
      const event = parseStatusEvent(message.value?.toString() ?? '');
      const type = event && !event.silenced ? webhookEventOf(event) : undefined;
      if (!event || !type) continue;
      if (!hooksOf.has(event.tenant_id)) hooksOf.set(event.tenant_id, this.hooks.enabled(event.tenant_id));
      const eventId = event.event_id ?? `${this.config.topics.output}:${message.offset}`;
      const body = webhookBody(eventId, type, event);
      for (const hook of await hooksOf.get(event.tenant_id)!) {
        if (!hook.events.includes(type)) continue;
        await this.queue.enqueue(event.tenant_id, hook.id, eventId, type, body);
        this.logger.debug(`${type} ${eventId} queued for webhook ${hook.id}`);
      }
    }
  }
}
