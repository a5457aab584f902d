/**
 * The status message every app sends to KAFKA_TOPIC_OUTPUT after a status change, in the OMA seed's
 * shape. Producers add optional fields (counts, message); consumers must ignore what they do not know.
 */
export type RunType =
  | 'FETCH'
  | 'UPLOAD'
  | 'PREPROCESSING'
  | 'FDD'
  | 'FSDD'
  | 'SSI'
  | 'SSI-DAT'
  | 'PLSCF'
  | 'MONITORING'
  | 'ALERT';

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
  /**
   * ALERT events (an alert document's lifecycle): why its change is not notified outside the app,
   * when it is not (opened inside a maintenance window of its structure, or snoozed).
   */
  silenced?: 'maintenance' | 'snooze';
}

/** A status event read from the topic, or undefined when the text is not one (consumers skip it). */
export function parseStatusEvent(text: string): StatusEvent | undefined {
  try {
    const event = JSON.parse(text) as Partial<StatusEvent>;
    return Number.isInteger(event.tenant_id) &&
      typeof event.document_id === 'string' &&
      typeof event.status === 'string' &&
      typeof event.run_type === 'string'
      ? (event as StatusEvent)
      : undefined;
  } catch {
    return undefined;
  }
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

/** A track's alert state change, as its MONITORING status event carries it. */
export interface ShiftAlert {
  track_id: string;
  baseline_hz: number;
  value_hz: number;
  change_percent: number;
  /** The analysis whose point changed the state. */
  analysis_id: string;
  /** On a compensated rule: that point's predicted frequency, residual, and residual in standard deviations. */
  predicted_hz?: number;
  residual_hz?: number;
  z?: number;
  /**
   * The rule-wide chart's alert (`track_id` "T2"): the record's Hotelling T² and its limit; the
   * other fields are then those of the charted mode whose residual was largest.
   */
  t2?: number;
  t2_limit?: number;
  /** That mode's track, on the rule-wide chart's alert. */
  mode_track_id?: string;
}
