import { Injectable, Logger } from '@nestjs/common';
import { AlertStatusChanges, alertId } from './alert-changes';
import { type AlertSilence } from './alert-status';
import { Alert } from './persistence/alert.schema';
import { AlertRepository } from './persistence/alert.repository';
import { MaintenanceWindowRepository } from './persistence/maintenance-window.repository';
import { Stored } from '@modalflow/database';

/** The monitoring rule whose tracks are followed. */
export interface AlertingRule {
  tenant_id: number;
  structure_id: string;
  rule_id: string;
  rule_name?: string;
  /** Whose events the alerts' are: the rule's creator. */
  user_id: number;
}

/** A track that is in alert now, and the point that raised it. */
export interface RaisedTrack {
  track_id: string;
  /** A user's name for the track. */
  track_name?: string;
  analysis_id: string;
  recorded_at: Date;
  baseline_hz: number;
  value_hz: number;
  change_percent: number;
  predicted_hz?: number;
  residual_hz?: number;
  z?: number;
  /** The rule-wide chart's raise (track_id "T2"): its T², limit, and the mode that moved most. */
  t2?: number;
  t2_limit?: number;
  mode_track_id?: string;
}

export const CLEARED_REASON = 'its track came back within its limits';

/**
 * Keeps a rule's alerts in step with its tracks, after every change of them: an OPEN alert for each
 * track in alert (opened once per raise), and the alerts of tracks no longer in alert CLOSED. It
 * compares with what is stored rather than applying the change alone, so a worker that died between
 * a change of the tracks and its alerts leaves nothing behind: the run repeated finds the difference.
 */
@Injectable()
export class TrackAlerts {
  private readonly logger = new Logger(TrackAlerts.name);

  constructor(
    private readonly alerts: AlertRepository,
    private readonly windows: MaintenanceWindowRepository,
    private readonly changes: AlertStatusChanges,
  ) {}

  async follow(rule: AlertingRule, raised: RaisedTrack[], closeReason = CLEARED_REASON, now = new Date()) {
    const stored = await this.alerts.openOrSnoozed(rule.tenant_id, rule.rule_id, now);
    const wanted = new Set(raised.map((track) => this.idOf(rule, track)));
    for (const alert of stored) {
      if (alert.status === 'CLOSED' || wanted.has(alert.id)) continue;
      await this.changes.change(
        alert,
        'CLOSED',
        { closed: { by: null, at: now, reason: closeReason } },
        { at: now, by: null, action: 'closed', comment: closeReason },
      );
    }
    const storedIds = new Set(stored.map((alert) => alert.id));
    for (const track of raised) {
      const id = this.idOf(rule, track);
      if (storedIds.has(id)) continue;
      const opened = await this.changes.open(rule.tenant_id, {
        _id: id,
        structure_id: rule.structure_id,
        rule_id: rule.rule_id,
        ...(rule.rule_name ? { rule_name: rule.rule_name } : {}),
        user_id: rule.user_id,
        status: 'OPEN',
        ...track,
        ...(await this.silence(rule, track, stored, now)),
        audit: [{ at: now, by: null, action: 'opened' }],
      });
      if (opened) this.logger.log(`alert ${id} opened: rule ${rule.rule_id}, track ${track.track_id}`);
    }
  }

  private idOf(rule: AlertingRule, track: RaisedTrack): string {
    return alertId(rule.tenant_id, rule.rule_id, track.track_id, track.analysis_id);
  }

  /** Inside a maintenance window (by measurement time), or while an earlier alert of the track is snoozed. */
  private async silence(
    rule: AlertingRule,
    track: RaisedTrack,
    stored: Stored<Alert>[],
    now: Date,
  ): Promise<{ silenced?: AlertSilence; maintenance_window_id?: string; snoozed_until?: Date }> {
    const window = await this.windows.covering(rule.tenant_id, rule.structure_id, track.recorded_at);
    if (window) return { silenced: 'maintenance', maintenance_window_id: window.id };
    const snoozed = stored
      .filter(
        (alert) => alert.track_id === track.track_id && alert.snoozed_until && alert.snoozed_until > now,
      )
      .map((alert) => alert.snoozed_until!)
      .sort((a, b) => b.getTime() - a.getTime())[0];
    return snoozed ? { silenced: 'snooze', snoozed_until: snoozed } : {};
  }
}
