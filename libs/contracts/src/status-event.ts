import type { ShiftAlert } from './monitoring';

/**
 * The status message every app sends to KAFKA_TOPIC_OUTPUT after a status change, in the OMA seed's
 * shape. Producers add optional fields (counts, message); consumers must ignore what they do not know.
 */
export type RunType = 'FETCH' | 'UPLOAD' | 'PREPROCESSING' | 'FDD' | 'SSI' | 'MONITORING';

export interface StatusEvent {
  tenant_id: number;
  user_id: number;
  document_id: string;
  run_type: RunType;
  status: string;
  counts?: Record<string, number>;
  /** The structure of an analysis (its plots live under it). */
  structure_id?: string;
  message?: string;
  /** ISO time of the change, set by the producer. */
  at?: string;
  /**
   * The same in every copy of one status change: a producer that could not tell whether Kafka took
   * an event sends it again. Consumers keep the first copy (the API's live status and replay do).
   */
  event_id?: string;
  /** MONITORING events: the track whose shift raised (ALERT) or ended (CLEARED) the alert. */
  alert?: ShiftAlert;
}

/** A message on KAFKA_TOPIC_BROADCAST asking the OMA worker to stop an analysis. */
export interface AbortRequest {
  analysis_id: string;
}

/**
 * A message on KAFKA_TOPIC_BROADCAST telling idle OMA workers that a run was queued, so they claim
 * it now instead of at their next poll (SLEEP_TIME); a lost one only delays the run to that poll.
 */
export interface RunQueuedNotice {
  run_queued: string;
}

/** A status event as the API stores and pushes it: with its sequence (increasing per tenant). */
export type SequencedStatusEvent = StatusEvent & { seq: number };

/** Socket.IO event names of the API's live status gateway. */
export const SOCKET_EVENTS = {
  /**
   * Server -> client: status changes in sequence order (SequencedStatusEvent[], one or more). Events
   * that arrive together are sent together: at a thousand events a second, one frame per event would
   * cost the server and every client far more than the events themselves.
   */
  STATUS: 'status',
  /** Client -> server: `{ document_id, structure_id? }`, answered `{ ok }` or `{ ok: false, error }`. */
  SUBSCRIBE: 'subscribe',
  UNSUBSCRIBE: 'unsubscribe',
} as const;
