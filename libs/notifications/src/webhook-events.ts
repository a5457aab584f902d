import type { StatusEvent } from '@modalflow/contracts';
import { ANALYSIS_TYPES } from '@modalflow/oma';

/** What a webhook may ask for: the changes of alerts, analyses, fetch jobs and uploads worth telling. */
export const WEBHOOK_EVENTS = [
  'alert.opened',
  'alert.acknowledged',
  'alert.closed',
  'analysis.done',
  'analysis.failed',
  'fetch_job.done',
  'fetch_job.failed',
  'upload.done',
  'upload.failed',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Sent by POST /webhooks/{id}/ping alone, whatever the hook asks for. */
export const PING_EVENT = 'ping';

const ANALYSIS_RUNS = new Set<string>(ANALYSIS_TYPES);

/** The webhook event a status event is, if any (status events of every other change are not sent). */
export function webhookEventOf(event: StatusEvent): WebhookEvent | undefined {
  const { run_type: kind, status } = event;
  if (kind === 'ALERT') {
    if (status === 'OPEN') return 'alert.opened';
    if (status === 'ACKNOWLEDGED') return 'alert.acknowledged';
    if (status === 'CLOSED') return 'alert.closed';
    return undefined;
  }
  const subject = ANALYSIS_RUNS.has(kind)
    ? 'analysis'
    : kind === 'FETCH'
      ? 'fetch_job'
      : kind === 'UPLOAD'
        ? 'upload'
        : undefined;
  if (!subject) return undefined;
  if (status === 'DONE') return `${subject}.done` as WebhookEvent;
  if (status === 'ERROR') return `${subject}.failed` as WebhookEvent;
  return undefined;
}

/** The body a receiver gets: the event's id (also its Idempotency-Key), its type, and the status event. */
export function webhookBody(
  eventId: string,
  type: string,
  event: Omit<StatusEvent, 'user_id'> | Record<string, unknown>,
): string {
  const { seq, ...data } = event as Record<string, unknown>;
  void seq; // the API's replay sequence: not the receiver's
  return JSON.stringify({
    id: eventId,
    type,
    created_at: (data.at as string | undefined) ?? new Date().toISOString(),
    data,
  });
}
