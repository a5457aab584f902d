import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { Consumer } from 'kafkajs';
import { EventCopies, withoutCopies } from './event-copies';
import { LiveSubscribers } from './live-subscribers';
import { StatusEventRepository } from './persistence/status-event.repository';
import { kafkaConfig, KafkaConfig } from '@modalflow/config';
import { parseStatusEvent, type SequencedStatusEvent } from '@modalflow/contracts';
import { KafkaConnection } from '@modalflow/messaging';

const RETENTION_SWEEP_MS = 60_000;
const STORE_INTERVAL_MS = 100;
const STORE_BATCH = 1000;

/**
 * Reads KAFKA_TOPIC_OUTPUT in a consumer group of this API replica's own, so every replica sees
 * every event and pushes it to its own clients: scaling the API out needs no extra broker. Each
 * event is stored (once, whichever replica is first) with its offset as sequence, for replay; a
 * re-sent copy of an event (same `event_id`, another offset) is neither pushed nor replayed.
 */
@Injectable()
export class StatusStreamService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(StatusStreamService.name);
  readonly subscribers = new LiveSubscribers();
  /** Sends a tenant's events to all its live, unfiltered clients at once (set by the gateway). */
  broadcast?: (tenantId: number, events: SequencedStatusEvent[]) => void;
  private consumer?: Consumer;
  private sweep?: NodeJS.Timeout;
  private flusher?: NodeJS.Timeout;
  /** Received, delivered, not yet stored; and the batch being stored now. */
  private unstored: SequencedStatusEvent[] = [];
  private storing: SequencedStatusEvent[] = [];
  private readonly copies = new EventCopies();

  constructor(
    private readonly connection: KafkaConnection,
    private readonly events: StatusEventRepository,
    @Inject(kafkaConfig.KEY) private readonly config: KafkaConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.connection.whenReady();
    const topic = this.config.topics.output;
    const partitions = await this.connection.partitionCount(topic);
    if (partitions !== 1) {
      throw new Error(
        `Kafka topic ${topic} (KAFKA_TOPIC_OUTPUT) has ${partitions} partitions; live status replay needs exactly 1: recreate it with one partition`,
      );
    }
    this.consumer = await this.connection.consumeFromNow(
      `${this.config.liveGroupPrefix}-${randomBytes(6).toString('hex')}`,
      topic,
      async (messages) => {
        const events: SequencedStatusEvent[] = [];
        for (const message of messages) {
          const parsed = parseStatusEvent(message.value?.toString() ?? '');
          const event = parsed && { ...parsed, seq: Number(message.offset) };
          if (!event) this.logger.warn(`ignored a message on ${topic} that is not a status event`);
          else if (!this.copies.isCopy(event)) events.push(event);
        }
        // Delivery first; storing is batched so a slow database never delays live events.
        for (const [tenantId, tenantEvents] of byTenant(events)) {
          this.broadcast?.(tenantId, tenantEvents);
          this.subscribers.publish(tenantId, tenantEvents);
        }
        this.unstored.push(...events);
      },
    );
    this.sweep = setInterval(() => void this.dropExpired(), RETENTION_SWEEP_MS).unref();
    this.flusher = setInterval(() => void this.flush(), STORE_INTERVAL_MS).unref();
  }

  /** A tenant's events after a sequence (replay), oldest first: stored ones and those about to be. */
  async replay(tenantId: number, after: number, limit = 1000): Promise<SequencedStatusEvent[]> {
    const pending = [...this.storing, ...this.unstored].filter(
      (event) => event.tenant_id === tenantId && event.seq > after,
    );
    const stored = await this.events.after(tenantId, after, limit);
    const bySeq = new Map([...stored, ...pending].map((event) => [event.seq, event]));
    return withoutCopies([...bySeq.values()].sort((a, b) => a.seq - b.seq)).slice(0, limit);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.sweep);
    clearInterval(this.flusher);
    await this.consumer?.disconnect();
    await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.storing.length || !this.unstored.length) return;
    this.storing = this.unstored.splice(0, STORE_BATCH);
    try {
      await this.events.saveMany(this.storing);
    } catch (error) {
      this.logger.warn(`could not store ${this.storing.length} status events: ${(error as Error).message}`);
      this.unstored.unshift(...this.storing);
    } finally {
      this.storing = [];
    }
  }

  private async dropExpired(): Promise<void> {
    try {
      await this.events.deleteOlderThan(new Date(Date.now() - this.config.eventsRetentionMs));
    } catch (error) {
      this.logger.warn(`could not drop expired status events: ${(error as Error).message}`);
    }
  }
}

function byTenant(events: SequencedStatusEvent[]): Map<number, SequencedStatusEvent[]> {
  const groups = new Map<number, SequencedStatusEvent[]>();
  for (const event of events) {
    const group = groups.get(event.tenant_id);
    if (group) group.push(event);
    else groups.set(event.tenant_id, [event]);
  }
  return groups;
}
