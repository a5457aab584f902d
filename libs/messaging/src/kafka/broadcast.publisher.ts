import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Partitioners, Producer } from 'kafkajs';
import { kafkaConfig, KafkaConfig } from '@modalflow/config';
import { AbortRequest } from '@modalflow/contracts';
import { KafkaConnection } from './kafka.connection';

/** Sends abort requests to KAFKA_TOPIC_BROADCAST, where every OMA worker replica listens. */
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

  async requestAbort(request: AbortRequest): Promise<void> {
    await this.producer.send({
      topic: this.config.topics.broadcast,
      acks: -1,
      messages: [{ key: request.analysis_id, value: JSON.stringify(request) }],
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer?.disconnect();
  }
}
