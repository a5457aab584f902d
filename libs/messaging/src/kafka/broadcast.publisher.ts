import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Partitioners, Producer } from 'kafkajs';
import { KafkaConnection } from './kafka.connection';
import { kafkaConfig, KafkaConfig } from '@modalflow/config';

/** Sends messages to KAFKA_TOPIC_BROADCAST, where every OMA worker replica listens. */
@Injectable()
export class BroadcastPublisher implements OnModuleInit, OnApplicationShutdown {
  private producer: Producer;

  constructor(
    private readonly connection: KafkaConnection,
    @Inject(kafkaConfig.KEY) private readonly config: KafkaConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connection.whenReady();
    this.producer = this.connection.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await this.producer.connect();
  }

  /** Sends one message keyed `key`; `confirmed` waits for every in-sync replica (acks -1). */
  async publish(key: string, message: object, options: { confirmed: boolean }): Promise<void> {
    await this.producer.send({
      topic: this.config.topics.broadcast,
      ...(options.confirmed ? { acks: -1 } : {}),
      messages: [{ key, value: JSON.stringify(message) }],
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer?.disconnect();
  }
}
