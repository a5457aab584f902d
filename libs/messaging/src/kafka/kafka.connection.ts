import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Admin, Kafka, logLevel, LogEntry } from 'kafkajs';
import { appConfig, AppConfig, kafkaConfig, KafkaConfig } from '@modalflow/config';
import { HealthRegistry, retryUntilReady } from '@modalflow/observability';

/** The app's Kafka client: waits for the broker at start, creates the configured topics if missing. */
@Injectable()
export class KafkaConnection implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Kafka');
  readonly kafka: Kafka;
  private admin?: Admin;
  private ready?: Promise<void>;

  constructor(
    @Inject(kafkaConfig.KEY) private readonly config: KafkaConfig,
    @Inject(appConfig.KEY) private readonly app: AppConfig,
    private readonly registry: HealthRegistry,
    private readonly indicator: HealthIndicatorService,
  ) {
    this.kafka = new Kafka({
      clientId: config.clientId,
      brokers: config.brokers,
      connectionTimeout: 3000,
      retry: { initialRetryTime: 300, retries: 10 },
      logLevel: logLevel.WARN,
      logCreator: () => (entry: LogEntry) => this.log(entry),
    });
  }

  onModuleInit(): Promise<void> {
    return this.whenReady();
  }

  /** Broker reachable and topics created; producers and consumers await this before connecting. */
  whenReady(): Promise<void> {
    this.ready ??= this.prepare();
    return this.ready;
  }

  private async prepare(): Promise<void> {
    const address = this.config.brokers.join(',');
    const admin = this.kafka.admin();
    await retryUntilReady('Kafka', address, this.app.startupTimeoutMs, () => admin.connect());
    this.admin = admin;
    const topics = Object.values(this.config.topics);
    await retryUntilReady('Kafka', address, this.app.startupTimeoutMs, () =>
      admin.createTopics({
        waitForLeaders: true,
        topics: topics.map((topic) => ({ topic, numPartitions: 3 })),
      }),
    );
    this.registry.register('kafka', async () => {
      const check = this.indicator.check('kafka');
      try {
        const cluster = await admin.describeCluster();
        return check.up({ brokers: cluster.brokers.length });
      } catch (error) {
        return check.down({ message: (error as Error).message });
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect();
  }

  private log({ level, log }: LogEntry): void {
    const text = `${log.message}${log.broker ? ` (broker ${String(log.broker)})` : ''}`;
    if (level <= logLevel.ERROR) this.logger.error(text);
    else this.logger.warn(text);
  }
}
