import type { StatusEvent } from './status-event';

/** The analysis types a monitoring rule may run: those that identify modes. */
export const MONITORED_ANALYSIS_TYPES = ['FDD', 'SSI'] as const;
export type MonitoredAnalysisType = (typeof MONITORED_ANALYSIS_TYPES)[number];

/** Tracking settings and their defaults are the numerics library's. */
export { TRACKING_DEFAULTS, TRACKING_LIMITS, type TrackingSettings } from '@modalflow/oma';

/** Where a monitored analysis came from: the rule and the measurement that triggered it. */
export interface MonitoringOrigin {
  rule_id: string;
  /** A measurement of a fetch job (measures database) or an upload. */
  source: 'measurement' | 'upload';
  source_id: string;
  /** When the measurement was recorded: its resource's creation date, or the upload's time. */
  recorded_at: Date;
}

/** A track's alert state change, as its MONITORING status event carries it. */
export interface ShiftAlert {
  track_id: string;
  baseline_hz: number;
  value_hz: number;
  change_percent: number;
  /** The analysis whose point changed the state. */
  analysis_id: string;
}

export type MonitoringStatus = 'ALERT' | 'CLEARED';

/** The status event of a rule whose track crossed its threshold (ALERT) or came back (CLEARED). */
export function monitoringStatusEvent(rule: {
  id: string;
  structure_id: string;
  tenant_id: number;
  user_id: number;
  status: MonitoringStatus;
  alert: ShiftAlert;
}): StatusEvent {
  const { alert } = rule;
  const sign = alert.change_percent > 0 ? '+' : '';
  return {
    tenant_id: rule.tenant_id,
    user_id: rule.user_id,
    document_id: rule.id,
    run_type: 'MONITORING',
    structure_id: rule.structure_id,
    status: rule.status,
    message:
      `track ${alert.track_id}: ${alert.value_hz.toFixed(4)} Hz, ${sign}${alert.change_percent.toFixed(2)}% ` +
      `from its baseline ${alert.baseline_hz.toFixed(4)} Hz`,
    alert,
  };
}
