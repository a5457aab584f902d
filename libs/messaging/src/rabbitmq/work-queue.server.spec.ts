import type { ConsumeMessage } from 'amqplib';
import { of, throwError } from 'rxjs';
import { DependencyUnavailableError } from './dependency-unavailable.error';
import { MalformedMessageError } from './malformed-message.error';
import type { RabbitMqConnection } from './rabbitmq.connection';
import { WorkMessageContext } from './work-message.context';
import { WorkQueueServer } from './work-queue.server';
import { HEADERS } from '@modalflow/contracts';

/** A fake channel wrapper: records acks and republished messages, hands consumers to the test. */
class FakeChannel {
  acked: ConsumeMessage[] = [];
  sent: {
    queue: string;
    content: Buffer;
    options: { headers?: Record<string, unknown>; expiration?: string };
  }[] = [];
  setups: unknown[] = [];
  consumers = new Map<string, (message: ConsumeMessage) => void>();
  cancelled = false;
  closed = false;

  waitForConnect = () => Promise.resolve();
  addSetup = (setup: unknown) => {
    this.setups.push(setup);
    return Promise.resolve();
  };
  consume = (queue: string, onMessage: (message: ConsumeMessage) => void) => {
    this.consumers.set(queue, onMessage);
    return Promise.resolve({ consumerTag: queue });
  };
  ack = (message: ConsumeMessage) => void this.acked.push(message); // one by one here: see ack-batcher.spec
  sendToQueue = (queue: string, content: Buffer, options: FakeChannel['sent'][number]['options']) => {
    this.sent.push({ queue, content, options });
    return Promise.resolve(true);
  };
  cancelAll = () => {
    this.cancelled = true;
    return Promise.resolve();
  };
  close = () => {
    this.closed = true;
    return Promise.resolve();
  };
}

let deliveryTag = 0;

function message(body: string, attempt?: number): ConsumeMessage {
  return {
    content: Buffer.from(body),
    fields: { deliveryTag: ++deliveryTag } as ConsumeMessage['fields'],
    properties: { headers: attempt ? { [HEADERS.ATTEMPT]: attempt } : {} } as ConsumeMessage['properties'],
  };
}

describe('WorkQueueServer', () => {
  let channel: FakeChannel;
  let server: WorkQueueServer;
  let handler: jest.Mock;
  let progress: {
    events: string[];
    delivered(): void;
    settled(queue: string, outcome: string): void;
    progressed(): void;
  };

  async function deliver(body: string, attempt?: number): Promise<void> {
    channel.consumers.get('jobs')!(message(body, attempt));
    // The handler, then the batched ack, each take a turn of the event loop.
    for (let turn = 0; turn < 3; turn++) await new Promise((resolve) => setImmediate(resolve));
  }

  beforeEach(async () => {
    channel = new FakeChannel();
    progress = {
      events: [],
      delivered: () => progress.events.push('delivered'),
      settled: (queue, outcome) => progress.events.push(`${queue}:${outcome}`),
      progressed: () => progress.events.push('progressed'),
    };
    const connection = { createChannel: () => Promise.resolve(channel) } as unknown as RabbitMqConnection;
    server = new WorkQueueServer(connection, {
      prefetch: 5,
      maxAttempts: 3,
      retryDelayMs: 100,
      shutdownGraceMs: 200,
      progress,
    });
    handler = jest.fn();
    server.addHandler('jobs', handler, true);
    await new Promise<void>((resolve, reject) =>
      server.listen((error) =>
        error ? reject(error instanceof Error ? error : new Error(JSON.stringify(error))) : resolve(),
      ),
    );
  });

  it('acks a message whose handler succeeds, passing the payload and attempt', async () => {
    handler.mockReturnValue(of(undefined));
    await deliver('{"id":1}');
    expect(handler).toHaveBeenCalledWith({ id: 1 }, expect.any(WorkMessageContext));
    expect((handler.mock.calls[0][1] as WorkMessageContext).attempt).toBe(1);
    expect(channel.acked).toHaveLength(1);
    expect(channel.sent).toHaveLength(0);
  });

  it('tells its progress listener of each delivery, how it was settled, and a handler heartbeat', async () => {
    handler.mockImplementationOnce((_payload: unknown, context: WorkMessageContext) => {
      context.heartbeat();
      return of(undefined);
    });
    await deliver('{"id":1}');
    handler.mockReturnValueOnce(throwError(() => new Error('source timed out')));
    await deliver('{"id":2}');
    handler.mockReturnValueOnce(throwError(() => new Error('still broken')));
    await deliver('{"id":3}', 3);
    await deliver('not json');
    expect(progress.events).toEqual([
      'delivered',
      'progressed',
      'jobs:ack',
      'delivered',
      'jobs:retry',
      'delivered',
      'jobs:dead_letter',
      'delivered',
      'jobs:dead_letter',
    ]);
  });

  it('sends a failed message to the retry queue of its attempt with an exponential delay', async () => {
    handler.mockReturnValue(throwError(() => new Error('source timed out')));
    await deliver('{"id":1}', 2);
    expect(channel.sent).toHaveLength(1);
    expect(channel.sent[0].queue).toBe('jobs.retry.2');
    expect(channel.sent[0].options.expiration).toBe('200');
    expect(channel.sent[0].options.headers).toMatchObject({
      [HEADERS.ATTEMPT]: 3,
      [HEADERS.LAST_ERROR]: 'source timed out',
    });
    expect(channel.acked).toHaveLength(1);
  });

  it('dead-letters a message after maxAttempts with its last error', async () => {
    handler.mockReturnValue(throwError(() => new Error('still broken')));
    await deliver('{"id":1}', 3);
    expect(channel.sent[0].queue).toBe('jobs.dead');
    expect(channel.sent[0].options.headers?.[HEADERS.DEAD_REASON]).toBe(
      'failed 3 times; last error: still broken',
    );
  });

  it('retries a message whose handler found the database away without using up an attempt, even the last', async () => {
    handler.mockReturnValue(
      throwError(() => new DependencyUnavailableError('database', new Error('connection refused'))),
    );
    await deliver('{"id":1}', 3);
    expect(channel.sent).toHaveLength(1);
    expect(channel.sent[0].queue).toBe('jobs.retry.3');
    expect(channel.sent[0].options.headers).toMatchObject({ [HEADERS.ATTEMPT]: 3 });
  });

  it('dead-letters malformed messages at once, without calling or retrying', async () => {
    await deliver('{not json');
    expect(handler).not.toHaveBeenCalled();
    handler.mockReturnValue(throwError(() => new MalformedMessageError('malformed message: id missing')));
    await deliver('{}');
    expect(channel.sent.map((s) => s.queue)).toEqual(['jobs.dead', 'jobs.dead']);
    expect(channel.sent[1].options.headers?.[HEADERS.DEAD_REASON]).toBe('malformed message: id missing');
  });

  it('on close stops consuming and waits for in-flight work within the grace period', async () => {
    let finish!: () => void;
    handler.mockReturnValue(new Promise<void>((resolve) => (finish = resolve)));
    await deliver('{"id":1}');
    const closing = server.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(channel.cancelled).toBe(true);
    expect(channel.closed).toBe(false);
    finish();
    await closing;
    expect(channel.acked).toHaveLength(1);
    expect(channel.closed).toBe(true);
  });

  it('returns unfinished work by closing the channel unacked once the grace period is over', async () => {
    handler.mockReturnValue(new Promise<void>(() => undefined));
    await deliver('{"id":1}');
    await server.close();
    expect(channel.closed).toBe(true);
    expect(channel.acked).toHaveLength(0);
  });
});
