import { LiveSubscribers, Subscriber } from './live-subscribers';
import { type SequencedStatusEvent } from '@modalflow/contracts';

const event = (seq: number, tenant = 1, document = 'a'): SequencedStatusEvent => ({
  seq,
  tenant_id: tenant,
  user_id: 1,
  document_id: document,
  run_type: 'FDD',
  status: 'RUNNING',
});

/** A client; `broadcast` stands for the tenant room, to which the test publishes too. */
function client(tenantId = 1): Subscriber & { got: number[]; messages: number; inBroadcast: boolean } {
  const got: number[] = [];
  const c = {
    tenantId,
    got,
    messages: 0,
    inBroadcast: false,
    send: (events: SequencedStatusEvent[]) => {
      c.messages++;
      got.push(...events.map((e) => e.seq));
    },
    joinTenantBroadcast: () => (c.inBroadcast = true),
    leaveTenantBroadcast: () => (c.inBroadcast = false),
  };
  return c;
}

/** What the gateway does with a tenant's live events: the tenant broadcast, then the individual deliveries. */
function deliver(
  subscribers: LiveSubscribers,
  clients: ReturnType<typeof client>[],
  ...events: SequencedStatusEvent[]
): void {
  const tenantId = events[0].tenant_id;
  for (const c of clients) if (c.inBroadcast && c.tenantId === tenantId) c.send(events);
  subscribers.publish(tenantId, events);
}

describe('LiveSubscribers', () => {
  it('sends replayed events, then those that arrived during the replay, in order and once each', () => {
    const subscribers = new LiveSubscribers();
    const c = client();
    subscribers.add(c, 3);
    deliver(subscribers, [c], event(6));
    deliver(subscribers, [c], event(5));
    subscribers.goLive(c, [event(4), event(5)]);
    expect(c.inBroadcast).toBe(true);
    expect(c.messages).toBe(1);
    deliver(subscribers, [c], event(7), event(8));
    expect(c.got).toEqual([4, 5, 6, 7, 8]);
    expect(c.messages).toBe(2);
  });

  it('never sends another tenant its events', () => {
    const subscribers = new LiveSubscribers();
    const mine = client(1);
    const theirs = client(2);
    subscribers.add(mine, 0);
    subscribers.add(theirs, 0);
    subscribers.goLive(mine, []);
    subscribers.goLive(theirs, []);
    deliver(subscribers, [mine, theirs], event(1, 1));
    expect(mine.got).toEqual([1]);
    expect(theirs.got).toEqual([]);
  });

  it('after a subscription, sends only the documents subscribed to', () => {
    const subscribers = new LiveSubscribers();
    const c = client();
    subscribers.add(c, 0);
    subscribers.goLive(c, []);
    subscribers.subscribe(c, 'a');
    expect(c.inBroadcast).toBe(false);
    deliver(subscribers, [c], event(1, 1, 'a'), event(2, 1, 'b'));
    deliver(subscribers, [c], event(3, 1, 'b'));
    subscribers.unsubscribe(c, 'a');
    deliver(subscribers, [c], event(4, 1, 'a'));
    expect(c.got).toEqual([1]);
    expect(c.messages).toBe(1);
  });
});
