import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Admin, Consumer, Kafka, KafkaMessage, logLevel, LogEntry } from 'kafkajs';
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
    await retryUntilReady('Kafka', address, this.app.startupTimeoutMs, () => this.createMissingTopics(admin));
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

  /**
   * Creates the configured topics that do not exist yet. (Asking for existing ones makes KafkaJS log
   * the broker's TOPIC_ALREADY_EXISTS answer as an error at every start.)
   */
  private async createMissingTopics(admin: Admin): Promise<void> {
    const existing = new Set(await admin.listTopics());
    const missing = Object.values(this.config.topics).filter((topic) => !existing.has(topic));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      // One partition for the status topic: its offsets are the sequence of replayable events.
      topics: missing.map((topic) => ({
        topic,
        numPartitions: topic === this.config.topics.output ? 1 : 3,
      })),
    });
  }

  /**
   * A consumer of `topic` in a group of its own, from the latest offset (it reads what is sent from
   * now on), handed over a fetched batch at a time; resolves once it has joined its group, so nothing
   * sent afterwards is missed.
   */
  async consumeFromNow(
    groupId: string,
    topic: string,
    handle: (messages: KafkaMessage[]) => Promise<void>,
  ): Promise<Consumer> {
    await this.whenReady();
    const consumer = this.kafka.consumer({ groupId });
    const joined = new Promise<void>((resolve) => {
      const remove = consumer.on(consumer.events.GROUP_JOIN, () => {
        remove();
        resolve();
      });
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: false });
    await consumer.run({ eachBatch: ({ batch }) => handle(batch.messages) });
    await Promise.race([
      joined,
      new Promise((resolve) => setTimeout(resolve, this.app.startupTimeoutMs).unref()),
    ]);
    return consumer;
  }

  /** Partitions of a topic (after whenReady). */
  async partitionCount(topic: string): Promise<number> {
    const metadata = await this.admin!.fetchTopicMetadata({ topics: [topic] });
    return metadata.topics[0]?.partitions.length ?? 0;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.admin?.disconnect();
  }

  private log({ level, log }: LogEntry): void {
    // KafkaJS puts the broker's address and the error's message in the entry as strings.
    const { message, broker, error } = log as { message: string; broker?: string; error?: string };
    const text = `${message}${error ? `: ${error}` : ''}${broker ? ` (broker ${broker})` : ''}`;
    if (level <= logLevel.ERROR) this.logger.error(text);
    else this.logger.warn(text);
  }
}
