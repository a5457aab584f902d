import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { isolatedPrefix } from './databases';
import { rabbitApi, vhostPath } from './rabbit-management';
import { deadLetterQueueName, QUEUES } from '@modalflow/contracts';

export { RABBITMQ_MANAGEMENT, rabbitApi, vhostPath } from './rabbit-management';

/** A database name of its own for one suite, so suites never see each other's documents. */
export function isolatedDatabase(suite: string): string {
  return `${isolatedPrefix()}${suite}_${randomBytes(3).toString('hex')}`;
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

/**
 * Empties the work queues a suite uses, after making sure nothing else consumes them: an app left
 * running by an interrupted run (another build, another database) would take the suite's messages.
 */
export async function purgeWorkQueues(): Promise<void> {
  for (const queue of [QUEUES.START_FETCH, QUEUES.DATA_PROCESSING]) {
    await waitFor(
      `no consumer left on ${queue} in vhost ${process.env.RABBITMQ_VHOST ?? '/'} (an app of an earlier suite still stopping)`,
      async () => {
        const found = await rabbitApi<{ consumers?: number }>(`/queues/${vhostPath()}/${queue}`).catch(
          () => undefined,
        );
        return (found?.consumers ?? 0) === 0;
      },
      10_000,
    );
    for (const name of [queue, deadLetterQueueName(queue)]) {
      await rabbitApi(`/queues/${vhostPath()}/${name}/contents`, { method: 'DELETE' }).catch(() => undefined);
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
  await rabbitApi(`/exchanges/${vhostPath()}/amq.default/publish`, {
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
    const messages = await rabbitApi<RabbitMessage[]>(
      `/queues/${vhostPath()}/${deadLetterQueueName(queue)}/get`,
      {
        method: 'POST',
        body: JSON.stringify({ count: 50, ackmode: 'ack_requeue_false', encoding: 'auto' }),
      },
    );
    return messages.find((m) => m.payload.includes(marker));
  });
}
