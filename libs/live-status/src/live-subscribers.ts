import { type SequencedStatusEvent } from '@modalflow/contracts';

/** What the gateway needs of a connected client: where to send, and what it has seen. */
export interface Subscriber {
  tenantId: number;
  /** Sends events in sequence order, in one message. */
  send(events: SequencedStatusEvent[]): void;
  /** From now on the client gets its tenant's events by the tenant broadcast, or no longer does. */
  joinTenantBroadcast(): void;
  leaveTenantBroadcast(): void;
}

interface SubscriberState {
  lastSeq: number;
  /** Events that arrived while the subscriber's replay was running; null once it is live. */
  pending: SequencedStatusEvent[] | null;
  /** Documents it asked for; null = every document of its tenant. */
  documents: Set<string> | null;
  /** Live and unfiltered: served by the tenant broadcast (one encoding for all such clients). */
  broadcast: boolean;
}

/**
 * Delivery of status events to connected clients, in sequence order and without duplicates, across
 * the switch from replay (stored events after the client's last sequence) to live events.
 */
export class LiveSubscribers {
  private readonly states = new Map<Subscriber, SubscriberState>();

  /** Registers a client that has seen everything up to `lastSeq`; it is replaying until `goLive`. */
  add(subscriber: Subscriber, lastSeq: number): void {
    this.states.set(subscriber, { lastSeq, pending: [], documents: null, broadcast: false });
  }

  remove(subscriber: Subscriber): void {
    this.states.delete(subscriber);
  }

  /** Sends the replayed events, then whatever arrived meanwhile, and switches the client to live. */
  goLive(subscriber: Subscriber, replayed: SequencedStatusEvent[]): void {
    const state = this.states.get(subscriber);
    if (!state) return;
    const pending = state.pending ?? [];
    state.pending = null;
    this.deliverTo(subscriber, state, [...replayed, ...pending.sort((a, b) => a.seq - b.seq)]);
    if (!state.documents) {
      state.broadcast = true;
      subscriber.joinTenantBroadcast();
    }
  }

  subscribe(subscriber: Subscriber, documentId: string): void {
    const state = this.states.get(subscriber);
    if (!state) return;
    state.documents ??= new Set();
    state.documents.add(documentId);
    if (state.broadcast) {
      state.broadcast = false;
      subscriber.leaveTenantBroadcast();
    }
  }

  unsubscribe(subscriber: Subscriber, documentId: string): void {
    this.states.get(subscriber)?.documents?.delete(documentId);
  }

  /**
   * A tenant's live events (in sequence order), for its clients the broadcast does not serve: queued
   * for those still replaying, filtered for those with subscriptions. Call it after the broadcast.
   */
  publish(tenantId: number, events: SequencedStatusEvent[]): void {
    if (!events.length) return;
    for (const [subscriber, state] of this.states) {
      if (subscriber.tenantId !== tenantId) continue;
      if (state.broadcast) state.lastSeq = events[events.length - 1].seq;
      else if (state.pending) state.pending.push(...events);
      else this.deliverTo(subscriber, state, events);
    }
  }

  get size(): number {
    return this.states.size;
  }

  /** Sends the events the subscriber has not seen and wants, in one message if there are any. */
  private deliverTo(subscriber: Subscriber, state: SubscriberState, events: SequencedStatusEvent[]): void {
    const wanted: SequencedStatusEvent[] = [];
    for (const event of events) {
      if (event.seq <= state.lastSeq) continue;
      state.lastSeq = event.seq;
      if (!state.documents || state.documents.has(event.document_id)) wanted.push(event);
    }
    if (wanted.length) subscriber.send(wanted);
  }
}
