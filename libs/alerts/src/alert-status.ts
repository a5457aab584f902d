import type { ShiftAlert, StatusEvent, StatusMoves } from '@modalflow/contracts';

/** Lifecycle of an alert: OPEN (raised by a track) -> ACKNOWLEDGED (someone looks at it) -> CLOSED. */
export const ALERT_STATUSES = ['OPEN', 'ACKNOWLEDGED', 'CLOSED'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** The allowed moves, by the status moved to (AlertStatusChanges moves alerts only along them). */
export const ALERT_MOVES: StatusMoves<AlertStatus> = {
  /** Created so when a track raises its alert; never moved back. */
  OPEN: [],
  ACKNOWLEDGED: ['OPEN'],
  /** By the track coming back within its limits (CLEARED), or by a user. */
  CLOSED: ['OPEN', 'ACKNOWLEDGED'],
};

/** Why an alert is not notified outside the app. */
export type AlertSilence = 'maintenance' | 'snooze';

/** The status event of an alert's change, with the track's shift that raised it. */
export function alertStatusEvent(alert: {
  id: string;
  tenant_id: number;
  structure_id: string;
  rule_id: string;
  status: AlertStatus;
  user_id: number;
  shift: ShiftAlert;
  message: string;
  silenced?: AlertSilence;
}): StatusEvent {
  return {
    tenant_id: alert.tenant_id,
    user_id: alert.user_id,
    document_id: alert.id,
    run_type: 'ALERT',
    structure_id: alert.structure_id,
    status: alert.status,
    message: alert.message,
    alert: alert.shift,
    ...(alert.silenced ? { silenced: alert.silenced } : {}),
  };
}
