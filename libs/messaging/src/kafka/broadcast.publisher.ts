import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Partitioners, Producer } from 'kafkajs';
import { kafkaConfig, KafkaConfig } from '@modalflow/config';
import { AbortRequest, RunQueuedNotice } from '@modalflow/contracts';
import { KafkaConnection } from './kafka.connection';

/** Sends abort requests and run wake-ups to KAFKA_TOPIC_BROADCAST, where every OMA worker replica listens. */
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

  async announceRun(notice: RunQueuedNotice): Promise<void> {
    await this.producer.send({
      topic: this.config.topics.broadcast,
      messages: [{ key: notice.run_queued, value: JSON.stringify(notice) }],
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer?.disconnect();
  }
}
