import { deadLetterQueueName, QUEUES } from '@modalflow/contracts';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ISOLATED_PREFIX } from './databases';

/** The local services started by scripts/services.sh (override with the usual variables). */
export const RABBITMQ_MANAGEMENT = `http://127.0.0.1:${process.env.RABBITMQ_MANAGEMENT_PORT ?? 15672}`;
const rabbitAuth = `Basic ${Buffer.from(`${process.env.RABBITMQ_USER ?? 'modalflow'}:${process.env.RABBITMQ_PASSWORD ?? 'modalflow'}`).toString('base64')}`;

/** A database name of its own for one suite, so suites never see each other's documents. */
export function isolatedDatabase(suite: string): string {
  return `${ISOLATED_PREFIX}${suite}_${randomBytes(3).toString('hex')}`;
}

export async function rabbitApi<T = unknown>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${RABBITMQ_MANAGEMENT}/api${path}`, {
    ...init,
    headers: { authorization: rabbitAuth, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  if (!response.ok)
    throw new Error(`RabbitMQ management ${path}: ${response.status} ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 30000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(200);
  }
  throw new Error(
    `timed out waiting for ${what}${lastError instanceof Error ? `: ${lastError.message}` : ''}`,
  );
}

/** Empties the work queues and their dead letters, so a suite starts from nothing left by another. */
/**
 * Empties the work queues a suite uses, after making sure nothing else consumes them: an app left
 * running by an interrupted run (another build, another database) would take the suite's messages.
 */
export async function purgeWorkQueues(): Promise<void> {
  for (const queue of [QUEUES.START_FETCH, QUEUES.DATA_PROCESSING]) {
    await waitFor(
      `no consumer left on ${queue} (is an app of an earlier run still running? pkill -f dist/apps/)`,
      async () => {
        const found = await rabbitApi<{ consumers?: number }>(`/queues/%2F/${queue}`).catch(() => undefined);
        return (found?.consumers ?? 0) === 0;
      },
      10_000,
    );
    for (const name of [queue, deadLetterQueueName(queue)]) {
      await rabbitApi(`/queues/%2F/${name}/contents`, { method: 'DELETE' }).catch(() => undefined);
    }
  }
}

/** A message as RabbitMQ's management API returns it. */
export interface RabbitMessage {
  payload: string;
  properties: { headers?: Record<string, unknown> };
}

/** Publishes a body as it is (persistent) to a queue, bypassing the apps' publisher. */
export async function publishToQueue(queue: string, payload: string): Promise<void> {
  await rabbitApi('/exchanges/%2F/amq.default/publish', {
    method: 'POST',
    body: JSON.stringify({
      properties: { delivery_mode: 2 },
      routing_key: queue,
      payload,
      payload_encoding: 'string',
    }),
  });
}

/** Waits for a message whose body contains `marker` in the queue's dead-letter queue, and takes it. */
export async function takeDeadLetter(queue: string, marker: string): Promise<RabbitMessage> {
  return waitFor(`a dead letter of ${queue} containing ${marker}`, async () => {
    const messages = await rabbitApi<RabbitMessage[]>(`/queues/%2F/${deadLetterQueueName(queue)}/get`, {
      method: 'POST',
      body: JSON.stringify({ count: 50, ackmode: 'ack_requeue_false', encoding: 'auto' }),
    });
    return messages.find((m) => m.payload.includes(marker));
  });
}
