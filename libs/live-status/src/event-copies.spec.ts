import { EventCopies, withoutCopies } from './event-copies';
import { type SequencedStatusEvent } from '@modalflow/contracts';

const event = (seq: number, eventId?: string, status = 'DONE'): SequencedStatusEvent => ({
  tenant_id: 1,
  user_id: 1,
  document_id: 'job',
  run_type: 'FETCH',
  status,
  seq,
  ...(eventId ? { event_id: eventId } : {}),
});

describe('EventCopies', () => {
  it('drops a re-sent copy (same event_id, another offset), not the same message seen again', () => {
    const copies = new EventCopies();
    expect(copies.isCopy(event(5, 'a'))).toBe(false);
    expect(copies.isCopy(event(5, 'a'))).toBe(false); // the same offset: a redelivery, not a copy
    expect(copies.isCopy(event(9, 'a'))).toBe(true);
    expect(copies.isCopy(event(10, 'b'))).toBe(false);
    expect(copies.isCopy(event(11))).toBe(false);
    expect(copies.isCopy(event(12))).toBe(false);
  });

  it('forgets the oldest ids beyond its capacity', () => {
    const copies = new EventCopies(2);
    copies.isCopy(event(1, 'a'));
    copies.isCopy(event(2, 'b'));
    copies.isCopy(event(3, 'c'));
    expect(copies.isCopy(event(4, 'a'))).toBe(false);
    expect(copies.isCopy(event(5, 'c'))).toBe(true);
  });
});

describe('withoutCopies', () => {
  it('keeps the first of each event_id, and every event without one', () => {
    const events = [
      event(1, 'a', 'QUEUED'),
      event(2, 'b', 'DONE'),
      event(3, 'b', 'DONE'),
      event(4),
      event(5),
    ];
    expect(withoutCopies(events).map((e) => e.seq)).toEqual([1, 2, 4, 5]);
  });
});
