import { type SequencedStatusEvent } from '@modalflow/contracts';

/**
 * Drops re-sent copies of a status event: a relay that could not tell whether Kafka took an event
 * sends it again, so one change can reach the topic twice under two offsets with one `event_id`.
 * Remembers the offset of the latest `capacity` event ids; a copy arrives within the relay's
 * retries, long before it is forgotten.
 */
export class EventCopies {
  private readonly seqById = new Map<string, number>();

  constructor(private readonly capacity = 100_000) {}

  /** True when the event is a copy of one first seen under another sequence. */
  isCopy(event: SequencedStatusEvent): boolean {
    if (!event.event_id) return false;
    const first = this.seqById.get(event.event_id);
    if (first !== undefined) return first !== event.seq;
    this.seqById.set(event.event_id, event.seq);
    if (this.seqById.size > this.capacity) this.seqById.delete(this.seqById.keys().next().value!);
    return false;
  }
}

/**
 * Events in sequence order without later copies of the same `event_id` (replay: a replica that
 * started between two copies stored the second as an event of its own).
 */
export function withoutCopies(events: SequencedStatusEvent[]): SequencedStatusEvent[] {
  const seen = new Set<string>();
  return events.filter((event) => {
    if (!event.event_id) return true;
    if (seen.has(event.event_id)) return false;
    seen.add(event.event_id);
    return true;
  });
}
