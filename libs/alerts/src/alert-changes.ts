import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ALERT_MOVES, alertStatusEvent, type AlertStatus } from './alert-status';
import { Alert, AlertAuditEntry } from './persistence/alert.schema';
import { AlertChange, AlertRepository } from './persistence/alert.repository';
import { type ShiftAlert, movesInto } from '@modalflow/contracts';
import { NewDocument, outboxEntry, Stored } from '@modalflow/database';
import { StatusRelay } from '@modalflow/messaging';

/** The alert a track's raise at one analysis opens: the same id however often it is stored. */
export function alertId(tenantId: number, ruleId: string, trackId: string, analysisId: string): string {
  return createHash('sha256')
    .update(`${tenantId}:${ruleId}:${trackId}:${analysisId}`)
    .digest('hex')
    .slice(0, 24);
}

/**
 * The one way an app opens an alert or changes it: the change, its audit entry and its event in one
 * update (the outbox), then the event relayed. The OMA worker (opened, closed by its track) and the
 * API (acknowledged, snoozed, closed by a user) both use it.
 */
@Injectable()
export class AlertStatusChanges {
  constructor(
    private readonly alerts: AlertRepository,
    private readonly relay: StatusRelay,
  ) {}

  /** Stores a new OPEN alert with its event; false (no event) when it was stored before. */
  async open(tenantId: number, alert: NewDocument<Alert>): Promise<boolean> {
    const event = outboxEntry(eventOf({ ...alert, id: alert._id, tenant_id: tenantId }, alert.audit[0]));
    const created = await this.alerts.insertOnce(tenantId, alert, event);
    if (created) await this.relay.relay(this.alerts.outboxes(), alert._id, event.id);
    return created;
  }

  /**
   * Changes an alert (to `status`, which ALERT_MOVES must allow from its current one, or in place),
   * with its audit entry; null when it has moved on since it was read.
   */
  async change(
    alert: Stored<Alert>,
    status: AlertStatus,
    set: AlertChange['set'],
    audit: AlertAuditEntry,
  ): Promise<Stored<Alert> | null> {
    const from = status === alert.status ? [status] : movesInto(ALERT_MOVES, status, [alert.status]);
    const next = { ...alert, ...set, status } as Stored<Alert>;
    const event = outboxEntry(eventOf(next, audit));
    const changed = await this.alerts.change(alert.tenant_id, alert.id, from, {
      set: { ...set, status },
      audit,
      event,
    });
    if (changed) await this.relay.relay(this.alerts.outboxes(), alert.id, event.id);
    return changed;
  }
}

function eventOf(
  alert: Omit<Stored<Alert>, 'audit'> | (NewDocument<Alert> & { id: string; tenant_id: number }),
  audit: AlertAuditEntry,
) {
  const shift: ShiftAlert = {
    track_id: alert.track_id,
    baseline_hz: alert.baseline_hz,
    value_hz: alert.value_hz,
    change_percent: alert.change_percent,
    analysis_id: alert.analysis_id,
    ...(alert.residual_hz !== undefined
      ? { predicted_hz: alert.predicted_hz, residual_hz: alert.residual_hz, z: alert.z }
      : {}),
    ...(alert.t2 !== undefined
      ? { t2: alert.t2, t2_limit: alert.t2_limit, mode_track_id: alert.mode_track_id }
      : {}),
  };
  const silenced =
    alert.silenced ?? (alert.snoozed_until && alert.snoozed_until > audit.at ? 'snooze' : undefined);
  return alertStatusEvent({
    id: alert.id,
    tenant_id: alert.tenant_id,
    structure_id: alert.structure_id,
    rule_id: alert.rule_id,
    status: alert.status,
    user_id: alert.user_id,
    shift,
    message: describe(alert, audit),
    ...(silenced ? { silenced } : {}),
  });
}

function describe(
  alert: Pick<Alert, 'rule_name' | 'rule_id' | 'track_id' | 'track_name' | 'change_percent' | 'value_hz'>,
  audit: AlertAuditEntry,
): string {
  const sign = alert.change_percent > 0 ? '+' : '';
  const what =
    `${alert.rule_name ?? `rule ${alert.rule_id}`}, ${alert.track_name ?? `track ${alert.track_id}`}: ` +
    `${alert.value_hz.toFixed(4)} Hz (${sign}${alert.change_percent.toFixed(2)}%)`;
  return `${what} ${audit.action}${audit.comment ? `: ${audit.comment}` : ''}`;
}
