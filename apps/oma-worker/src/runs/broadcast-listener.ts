import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { Consumer } from 'kafkajs';
import { kafkaConfig, KafkaConfig } from '@modalflow/config';
import { KafkaConnection } from '@modalflow/messaging';
import { AnalysisRunService } from './analysis-run.service';
import { RunPoller } from './run-poller';
import { WORKER_ID } from './worker-id';

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

/** Whether a broadcast message says a run was queued. */
export function runQueued(text: string): boolean {
  try {
    const message: unknown = JSON.parse(text);
    return (
      typeof message === 'object' &&
      message !== null &&
      typeof (message as Record<string, unknown>).run_queued === 'string'
    );
  } catch {
    return false;
  }
}

/** The analysis id of an abort request, or undefined when the message is not one. */
export function abortTarget(text: string): string | undefined {
  try {
    const message: unknown = JSON.parse(text);
    if (typeof message !== 'object' || message === null) return undefined;
    const id = (message as Record<string, unknown>).analysis_id;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}
