import { webhookBody, webhookEventOf } from './webhook-events';
import type { StatusEvent } from '@modalflow/contracts';

const event = (run_type: StatusEvent['run_type'], status: string): StatusEvent => ({
  tenant_id: 1,
  user_id: 2,
  document_id: 'd',
  run_type,
  status,
});

describe('webhook events', () => {
  it.each([
    ['ALERT', 'OPEN', 'alert.opened'],
    ['ALERT', 'ACKNOWLEDGED', 'alert.acknowledged'],
    ['ALERT', 'CLOSED', 'alert.closed'],
    ['SSI', 'DONE', 'analysis.done'],
    ['FDD', 'ERROR', 'analysis.failed'],
    ['PREPROCESSING', 'DONE', 'analysis.done'],
    ['FETCH', 'DONE', 'fetch_job.done'],
    ['FETCH', 'ERROR', 'fetch_job.failed'],
    ['UPLOAD', 'DONE', 'upload.done'],
    ['UPLOAD', 'ERROR', 'upload.failed'],
  ] as const)('%s %s is %s', (kind, status, name) => {
    expect(webhookEventOf(event(kind, status))).toBe(name);
  });

  it.each([
    ['SSI', 'RUNNING'],
    ['FETCH', 'PROCESSING'],
    ['MONITORING', 'ALERT'],
    ['UPLOAD', 'UPLOADING'],
  ] as const)('%s %s is not sent', (kind, status) => {
    expect(webhookEventOf(event(kind, status))).toBeUndefined();
  });

  it('sends the status event as data, under the event id and type, without the replay sequence', () => {
    const body = JSON.parse(webhookBody('e1', 'analysis.done', { ...event('SSI', 'DONE'), at: 'T', seq: 7 }));
    expect(body).toEqual({
      id: 'e1',
      type: 'analysis.done',
      created_at: 'T',
      data: { tenant_id: 1, user_id: 2, document_id: 'd', run_type: 'SSI', status: 'DONE', at: 'T' },
    });
  });
});
