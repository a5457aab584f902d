import type { Channel } from 'amqplib';
import { deadLetterQueueName, retryQueueName } from '@modalflow/contracts';

/**
 * A work queue Q comes with Q.retry.N (delayed redelivery for attempt N+1: a message waits there for
 * its per-message TTL, then RabbitMQ dead-letters it back to Q through the default exchange) and
 * Q.dead (messages that failed MAX_ATTEMPTS times or were malformed). No broker plugin is needed.
 * Q itself has no arguments, so any client that declares it durable agrees with us.
 */
export async function assertWorkQueue(channel: Channel, queue: string): Promise<void> {
  await channel.assertQueue(queue, { durable: true });
  await channel.assertQueue(deadLetterQueueName(queue), { durable: true });
}

export async function assertRetryQueue(channel: Channel, queue: string, attempt: number): Promise<string> {
  const name = retryQueueName(queue, attempt);
  await channel.assertQueue(name, {
    durable: true,
    arguments: { 'x-dead-letter-exchange': '', 'x-dead-letter-routing-key': queue },
  });
  return name;
}

/** Exponential back-off: base, 2 x base, 4 x base, ... capped at ten minutes. */
export function retryDelayMs(baseMs: number, attempt: number): number {
  return Math.min(baseMs * 2 ** (attempt - 1), 600_000);
}
