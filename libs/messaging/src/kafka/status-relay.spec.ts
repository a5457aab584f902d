import { PendingStatusEvent, PendingStatusEvents, StatusRelay } from './status-relay';
import { StatusPublisher } from './status.publisher';

/** An outbox in memory (the relay's collaborator inside this module) and a Kafka that can be down. */
function setUp() {
  const outbox = new Map<string, PendingStatusEvent[]>();
  const source: PendingStatusEvents = {
    name: 'jobs',
    pending: async (id) => [...(outbox.get(id) ?? [])],
    remove: async (id, entry) => {
      outbox.set(
        id,
        (outbox.get(id) ?? []).filter((pending) => pending.id !== entry.id),
      );
    },
  };
  const sent: string[] = [];
  let kafkaUp = true;
  const publisher = {
    publishText: jest.fn(async (_key: string, event: string) => {
      if (!kafkaUp) throw new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092');
      sent.push((JSON.parse(event) as { status: string }).status);
    }),
  };
  const relay = new StatusRelay(publisher as unknown as StatusPublisher);
  /** A change's entry; `event` is its status, as JSON text with the time of the change. */
  const change = (id: string, status: string, at = new Date()) => {
    const entry = { id: `${id}-${status}`, event: JSON.stringify({ status, at: at.toISOString() }) };
    outbox.set(id, [...(outbox.get(id) ?? []), entry]);
    return entry;
  };
  return { outbox, source, sent, relay, change, setKafka: (up: boolean) => (kafkaUp = up) };
}

describe('StatusRelay', () => {
  afterEach(() => jest.useRealTimers());

  it('publishes a document’s events in the order of its changes and empties its outbox', async () => {
    const { outbox, source, sent, relay, change } = setUp();
    change('j1', 'QUEUED');
    change('j1', 'FETCHING');
    await relay.relay(source, 'j1');
    expect(sent).toEqual(['QUEUED', 'FETCHING']);
    expect(outbox.get('j1')).toEqual([]);
  });

  it('never fails its caller while Kafka is away, and sends everything in order once it is back', async () => {
    jest.useFakeTimers();
    const { outbox, source, sent, relay, change, setKafka } = setUp();
    setKafka(false);
    change('j1', 'PROCESSING');
    await expect(relay.relay(source, 'j1')).resolves.toBeUndefined();
    change('j1', 'DONE');
    await relay.relay(source, 'j1');
    expect(relay.backlog).toBe(1);
    expect(sent).toEqual([]);
    await jest.advanceTimersByTimeAsync(1000); // still down: the next try waits longer
    expect(sent).toEqual([]);
    setKafka(true);
    await jest.advanceTimersByTimeAsync(2000);
    expect(sent).toEqual(['PROCESSING', 'DONE']);
    expect(outbox.get('j1')).toEqual([]);
    expect(relay.backlog).toBe(0);
  });

  it('relays one document with one call at a time, so concurrent changes are not sent twice', async () => {
    const { source, sent, relay, change } = setUp();
    change('j1', 'QUEUED');
    change('j1', 'FETCHING');
    await Promise.all([relay.relay(source, 'j1'), relay.relay(source, 'j1'), relay.relay(source, 'j1')]);
    expect(sent).toEqual(['QUEUED', 'FETCHING']);
  });

  it('leaves another process its fresh entry ahead of ours, and sends ours after it', async () => {
    const { outbox, source, sent, relay, change } = setUp();
    const theirs = change('j1', 'PROCESSING');
    const mine = change('j1', 'DONE');
    const relayed = relay.relay(source, 'j1', mine.id);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(sent).toEqual([]); // waiting for the other process
    sent.push('PROCESSING'); // which sends its own entry and removes it
    await source.remove('j1', theirs);
    await relayed;
    expect(sent).toEqual(['PROCESSING', 'DONE']);
    expect(outbox.get('j1')).toEqual([]);
  });

  it('sends another process’s entry itself when that process has not within a few seconds', async () => {
    jest.useFakeTimers();
    const { source, sent, relay, change } = setUp();
    change('j1', 'PROCESSING'); // its writer died before relaying it
    const mine = change('j1', 'DONE');
    const relayed = relay.relay(source, 'j1', mine.id);
    await jest.advanceTimersByTimeAsync(3100);
    await relayed;
    expect(sent).toEqual(['PROCESSING', 'DONE']);
  });
});
