import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Consumer } from 'kafkajs';
import { RunPoller } from './run-poller';
import { kafkaConfig, KafkaConfig } from '@modalflow/config';
import { KafkaConnection } from '@modalflow/messaging';
import { abortTarget, AnalysisRunService, runQueued, WORKER_ID } from '@modalflow/analyses';

/**
 * KAFKA_TOPIC_BROADCAST: abort requests, and notices of queued runs that wake an idle poller. Every
 * replica must see every message (only the one running the analysis aborts it; every idle one may
 * claim the run), so each consumes in its own group, `<KAFKA_CONSUMER_GROUP>.<worker id>`, from the
 * latest offset.
 */
@Injectable()
export class BroadcastListener implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(BroadcastListener.name);
  private consumer?: Consumer;

  constructor(
    private readonly connection: KafkaConnection,
    private readonly runs: AnalysisRunService,
    private readonly poller: RunPoller,
    @Inject(kafkaConfig.KEY) private readonly config: KafkaConfig,
    @Inject(WORKER_ID) private readonly workerId: string,
  ) {}

  async onModuleInit(): Promise<void> {
    this.consumer = await this.connection.consumeFromNow(
      `${this.config.consumerGroup}.${this.workerId}`,
      this.config.topics.broadcast,
      async (messages) => messages.forEach((message) => this.handle(message.value?.toString() ?? '')),
    );
  }

  handle(text: string): void {
    if (runQueued(text)) return this.poller.wake();
    const analysisId = abortTarget(text);
    if (!analysisId)
      return this.logger.warn(`ignored a broadcast message without an analysis_id: ${text.slice(0, 200)}`);
    if (this.runs.abortIfRunning(analysisId))
      this.logger.log(`abort requested for analysis ${analysisId}: stopping it`);
    else this.logger.log(`ignored an abort for analysis ${analysisId}: not running here`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
