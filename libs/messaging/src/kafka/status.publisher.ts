import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Partitioners, Producer } from 'kafkajs';
import { KafkaConnection } from './kafka.connection';
import { kafkaConfig, KafkaConfig } from '@modalflow/config';

/**
 * Sends status changes to KAFKA_TOPIC_OUTPUT. Keyed by document id, so every change of one document
 * lands in one partition and is read in the order it was sent.
 */
@Injectable()
export class StatusPublisher implements OnModuleInit, OnApplicationShutdown {
  private producer: Producer;

  constructor(
    private readonly connection: KafkaConnection,
    @Inject(kafkaConfig.KEY) private readonly config: KafkaConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connection.whenReady();
    this.producer = this.connection.kafka.producer({
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await this.producer.connect();
  }

  /** Sends a status event stored as JSON text (see StatusRelay), keyed by its document. */
  async publishText(documentId: string, event: string): Promise<void> {
    await this.producer.send({
      topic: this.config.topics.output,
      acks: -1,
      messages: [{ key: documentId, value: event }],
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer?.disconnect();
  }
}
