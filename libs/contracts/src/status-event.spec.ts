import { parseStatusEvent } from './status-event';

describe('parseStatusEvent', () => {
  const event = { tenant_id: 3, user_id: 1, document_id: 'd1', run_type: 'FETCH', status: 'DONE' };

  it('reads a status event, keeping the fields it does not know', () => {
    expect(parseStatusEvent(JSON.stringify({ ...event, extra: 1 }))).toEqual({ ...event, extra: 1 });
  });

  it.each([
    ['not JSON', '{'],
    ['without a tenant', JSON.stringify({ ...event, tenant_id: undefined })],
    ['with a tenant that is not an integer', JSON.stringify({ ...event, tenant_id: '3' })],
    ['without a document', JSON.stringify({ ...event, document_id: 7 })],
    ['without a status', JSON.stringify({ ...event, status: null })],
    ['without a run type', JSON.stringify({ ...event, run_type: undefined })],
  ])('is undefined for a message %s', (_, text) => {
    expect(parseStatusEvent(text)).toBeUndefined();
  });
});
