import { Logger } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { lastValueFrom } from 'rxjs';
import { setTimeout as sleep } from 'node:timers/promises';
import { AckBatcher } from './ack-batcher';
import { DependencyUnavailableError } from './dependency-unavailable.error';
import { MalformedMessageError } from './malformed-message.error';
import { RabbitMqConnection } from './rabbitmq.connection';
import { WorkMessageContext } from './work-message.context';
import { assertRetryQueue, assertWorkQueue, retryDelayMs } from './work-queue.topology';
import { deadLetterQueueName, HEADERS, retryQueueName } from '@modalflow/contracts';

export interface WorkQueueServerOptions {
  /** Unacknowledged messages per consumer: the worker's concurrency (WORKERS). */
  prefetch: number;
  /** Attempts before a message is dead-lettered, unless its x-modalflow-max-attempts header says otherwise. */
  maxAttempts: number;
  retryDelayMs: number;
  /** How long close() waits for in-flight messages before returning them to the queue. */
  shutdownGraceMs: number;
  /** Told of every delivery and how it was settled (WorkProgress: stall watch and metrics). */
  progress: WorkProgressListener;
}

/** `returned`: left unacknowledged (channel closed, shutdown), so the broker delivers it again. */
export type WorkOutcome = 'ack' | 'retry' | 'dead_letter' | 'returned';

export interface WorkProgressListener {
  delivered(): void;
  settled(queue: string, outcome: WorkOutcome): void;
  progressed(): void;
}

/**
 * Nest transport strategy for RabbitMQ work queues: every @EventPattern('<queue>') handler consumes
 * that durable queue with manual acks and a prefetch. A handler that resolves acks its message; one
 * that throws sends it to a delayed retry queue until maxAttempts, then to the dead-letter queue with
 * the last error; MalformedMessageError (or a body that is not JSON) goes to the dead-letter queue at
 * once. close() stops consuming, lets in-flight messages finish within the grace period, and returns
 * the rest to the queue by closing the channel unacknowledged.
 */
export class WorkQueueServer extends Server implements CustomTransportStrategy {
  protected override readonly logger = new Logger(WorkQueueServer.name);
  private channel?: ChannelWrapper;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly retryQueues = new Set<string>();
  /** Looked up once: Nest's lookup parses the pattern on every call. */
  private readonly handlers = new Map<string, ReturnType<Server['getHandlerByPattern']>>();
  private readonly acks = new AckBatcher((message, allUpTo) => this.sendAck(message, allUpTo));
  private closing = false;

  constructor(
    private readonly connection: RabbitMqConnection,
    private readonly options: WorkQueueServerOptions,
  ) {
    super();
  }

  listen(callback: (error?: unknown) => void): void {
    this.start().then(() => callback(), callback);
  }

  private async start(): Promise<void> {
    const queues = [...this.messageHandlers.keys()];
    for (const queue of queues) this.handlers.set(queue, this.getHandlerByPattern(queue));
    this.channel = await this.connection.createChannel({
      name: `consumer:${queues.join(',')}`,
      confirm: true,
      json: false,
      setup: async (channel: ConfirmChannel) => {
        for (const queue of queues) await assertWorkQueue(channel, queue);
        await channel.prefetch(this.options.prefetch);
      },
    });
    await this.channel.waitForConnect();
    for (const queue of queues) {
      await this.channel.consume(
        queue,
        (message) => {
          this.acks.delivered(message);
          this.options.progress.delivered();
          this.track(
            this.handle(queue, message).then(
              (outcome) => this.options.progress.settled(queue, outcome),
              () => this.options.progress.settled(queue, 'returned'),
            ),
          );
        },
        {
          noAck: false,
          prefetch: this.options.prefetch,
        },
      );
      this.logger.log(`consuming ${queue} (prefetch ${this.options.prefetch})`);
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async handle(queue: string, message: ConsumeMessage): Promise<WorkOutcome> {
    const attempt = Number(message.properties.headers?.[HEADERS.ATTEMPT] ?? 1);
    const maxAttempts = Number(
      message.properties.headers?.[HEADERS.MAX_ATTEMPTS] ?? this.options.maxAttempts,
    );
    let payload: unknown;
    try {
      payload = JSON.parse(message.content.toString('utf8'));
    } catch {
      return this.deadLetter(queue, message, 'malformed message: body is not JSON');
    }
    const handler = this.handlers.get(queue);
    if (!handler) return this.deadLetter(queue, message, `no handler for queue ${queue}`);
    const context = new WorkMessageContext([message, queue, attempt, maxAttempts, this.heartbeat]);
    try {
      await lastValueFrom(this.transformToObservable(await handler(payload, context)), {
        defaultValue: undefined,
      });
      this.ack(message);
      return 'ack';
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      if (err instanceof MalformedMessageError) return this.deadLetter(queue, message, err.message);
      // The same attempt again, later: an outage is not the message's failure.
      if (err instanceof DependencyUnavailableError) return this.retry(queue, message, attempt, err, attempt);
      if (attempt >= maxAttempts) {
        return this.deadLetter(queue, message, `failed ${attempt} times; last error: ${err.message}`);
      }
      return this.retry(queue, message, attempt, err);
    }
  }

  private readonly heartbeat = (): void => this.options.progress.progressed();

  private async retry(
    queue: string,
    message: ConsumeMessage,
    attempt: number,
    error: Error,
    nextAttempt = attempt + 1,
  ): Promise<'retry'> {
    const delay = retryDelayMs(this.options.retryDelayMs, attempt);
    this.logger.warn(`${queue}: attempt ${attempt} failed (${error.message}); retrying in ${delay} ms`);
    const retryQueue = await this.ensureRetryQueue(queue, attempt);
    await this.republish(
      retryQueue,
      message,
      {
        [HEADERS.ATTEMPT]: nextAttempt,
        [HEADERS.LAST_ERROR]: error.message.slice(0, 1000),
      },
      String(delay),
    );
    return 'retry';
  }

  private async deadLetter(queue: string, message: ConsumeMessage, reason: string): Promise<'dead_letter'> {
    this.logger.error(`${queue}: dead-lettering message ${message.properties.messageId ?? ''}: ${reason}`);
    await this.republish(deadLetterQueueName(queue), message, {
      [HEADERS.DEAD_REASON]: reason.slice(0, 1000),
    });
    return 'dead_letter';
  }

  /** Publishes a copy with confirm, then acks the original: at-least-once, never lost. */
  private async republish(
    target: string,
    message: ConsumeMessage,
    headers: Record<string, unknown>,
    expiration?: string,
  ): Promise<void> {
    await this.channel!.sendToQueue(target, message.content, {
      ...message.properties,
      persistent: true,
      expiration,
      headers: { ...message.properties.headers, ...headers },
    });
    this.ack(message);
  }

  private async ensureRetryQueue(queue: string, attempt: number): Promise<string> {
    const name = retryQueueName(queue, attempt);
    if (!this.retryQueues.has(name)) {
      await this.channel!.addSetup((channel: ConfirmChannel) => assertRetryQueue(channel, queue, attempt));
      this.retryQueues.add(name);
    }
    return name;
  }

  private ack(message: ConsumeMessage): void {
    this.acks.ack(message);
  }

  private sendAck(message: ConsumeMessage, allUpTo: boolean): void {
    try {
      this.channel!.ack(message, allUpTo);
    } catch (error) {
      // The channel closed under us (broker restart): the broker redelivers the message.
      this.logger.warn(`could not ack: ${(error as Error).message}`);
    }
  }

  async close(): Promise<void> {
    if (this.closing || !this.channel) return;
    this.closing = true;
    await this.channel.cancelAll();
    if (this.inFlight.size > 0) {
      this.logger.log(
        `waiting up to ${this.options.shutdownGraceMs} ms for ${this.inFlight.size} in-flight messages`,
      );
      await Promise.race([Promise.allSettled([...this.inFlight]), sleep(this.options.shutdownGraceMs)]);
    }
    if (this.inFlight.size > 0)
      this.logger.warn(`returning ${this.inFlight.size} unfinished messages to their queue`);
    this.acks.flush();
    await this.channel.close();
  }

  on(): never {
    throw new Error('WorkQueueServer does not emit transport events');
  }

  unwrap<T>(): T {
    return this.channel as T;
  }
}
