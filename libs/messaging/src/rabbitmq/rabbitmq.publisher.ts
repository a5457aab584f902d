import { Injectable, OnModuleInit } from '@nestjs/common';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel } from 'amqplib';
import { RabbitMqConnection } from './rabbitmq.connection';
import { assertWorkQueue } from './work-queue.topology';
import { QUEUES } from '@modalflow/contracts';

export interface PublishOptions {
  messageId?: string;
  headers?: Record<string, unknown>;
}

/**
 * Publishes persistent JSON messages to the durable work queues and resolves only when the broker
 * confirms them. While the broker is away, messages wait in memory and go out on reconnection.
 * Its channel is closed with the connection (RabbitMqConnection.onApplicationShutdown).
 */
@Injectable()
export class RabbitMqPublisher implements OnModuleInit {
  private channel: ChannelWrapper;

  constructor(private readonly connection: RabbitMqConnection) {}

  async onModuleInit(): Promise<void> {
    this.channel = await this.connection.createChannel({
      name: 'publisher',
      confirm: true,
      json: false,
      setup: async (channel: ConfirmChannel) => {
        for (const queue of Object.values(QUEUES)) await assertWorkQueue(channel, queue);
      },
    });
    await this.channel.waitForConnect();
  }

  async publish(queue: string, payload: unknown, options: PublishOptions = {}): Promise<void> {
    await this.channel.sendToQueue(queue, Buffer.from(JSON.stringify(payload)), {
      persistent: true,
      contentType: 'application/json',
      messageId: options.messageId,
      headers: options.headers,
    });
  }
}
