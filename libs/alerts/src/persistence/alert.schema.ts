import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { ALERT_STATUSES, type AlertSilence, type AlertStatus } from '../alert-status';
import { OutboxEntry, TenantOwned } from '@modalflow/database';

/** One change of an alert, who made it (a user id, or null for ModalFlow itself) and why. */
export interface AlertAuditEntry {
  at: Date;
  by: number | null;
  action: 'opened' | 'acknowledged' | 'snoozed' | 'unsnoozed' | 'closed';
  comment?: string;
  /** `snoozed`: until when. */
  until?: Date;
}

/**
 * An alert (docs/monitoring.md, "Alerts"): a track of a monitoring rule out of its limits, from the
 * point that raised it until it comes back or a user closes it. Its id is derived from the rule, the
 * track and the analysis that raised it, so the same raise stored twice is one alert.
 */
@Schema({ collection: 'alerts', timestamps: { createdAt: 'created_at', updatedAt: 'updated_at' } })
export class Alert implements TenantOwned {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  tenant_id: number;

  @Prop({ required: true })
  structure_id: string;

  @Prop({ required: true })
  rule_id: string;

  /** The rule's name, when it has one (shown in lists and notifications). */
  @Prop()
  rule_name?: string;

  @Prop({ required: true })
  track_id: string;

  /** The track's name when a user gave it one ("1st vertical bending"). */
  @Prop()
  track_name?: string;

  @Prop({ type: String, required: true, enum: ALERT_STATUSES })
  status: AlertStatus;

  /** The analysis whose point raised it, and that point's measurement time. */
  @Prop({ required: true })
  analysis_id: string;

  @Prop({ required: true })
  recorded_at: Date;

  @Prop({ required: true })
  baseline_hz: number;

  @Prop({ required: true })
  value_hz: number;

  @Prop({ required: true })
  change_percent: number;

  /** On a compensated rule: the raising point's prediction, residual and residual in standard deviations. */
  @Prop()
  predicted_hz?: number;

  @Prop()
  residual_hz?: number;

  @Prop()
  z?: number;

  /** The rule-wide chart's alert (track_id "T2"): its T², its limit, and the mode that moved most. */
  @Prop()
  t2?: number;

  @Prop()
  t2_limit?: number;

  @Prop()
  mode_track_id?: string;

  /** Set when it is not notified: raised inside a maintenance window, or while its track was snoozed. */
  @Prop({ type: String })
  silenced?: AlertSilence;

  @Prop()
  maintenance_window_id?: string;

  /** Its changes are not notified until then (and a new alert of its track inherits the snooze). */
  @Prop()
  snoozed_until?: Date;

  @Prop({ type: Object })
  acknowledged?: { by: number; at: Date; comment?: string };

  /** `by` null: closed by ModalFlow when its track came back within its limits (or went away). */
  @Prop({ type: Object })
  closed?: { by: number | null; at: Date; reason: string; comment?: string };

  @Prop({ type: [Object], default: [] })
  audit: AlertAuditEntry[];

  /** The user who made the rule: whose events the alert's are. */
  @Prop({ required: true })
  user_id: number;

  @Prop({ type: [Object], default: [] })
  outbox?: OutboxEntry[];

  created_at?: Date;
  updated_at?: Date;
}

export const AlertSchema = SchemaFactory.createForClass(Alert);
