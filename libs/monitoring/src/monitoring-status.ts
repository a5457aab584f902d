import type { ShiftAlert, StatusEvent } from '@modalflow/contracts';

/** The analysis types a monitoring rule may run: those that identify modes. */
export const MONITORED_ANALYSIS_TYPES = ['FDD', 'FSDD', 'SSI', 'SSI-DAT', 'PLSCF'] as const;
export type MonitoredAnalysisType = (typeof MONITORED_ANALYSIS_TYPES)[number];

/** Tracking settings and their defaults are the numerics library's. */
export { TRACKING_DEFAULTS, TRACKING_LIMITS, type TrackingSettings } from '@modalflow/oma';

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
  const what =
    alert.t2 !== undefined
      ? `rule-wide chart: T² ${alert.t2.toFixed(1)} (limit ${alert.t2_limit!.toFixed(1)}); most moved, track ${alert.mode_track_id}`
      : `track ${alert.track_id}`;
  return {
    tenant_id: rule.tenant_id,
    user_id: rule.user_id,
    document_id: rule.id,
    run_type: 'MONITORING',
    structure_id: rule.structure_id,
    status: rule.status,
    message:
      `${what}: ${alert.value_hz.toFixed(4)} Hz, ${sign}${alert.change_percent.toFixed(2)}% ` +
      `from its baseline ${alert.baseline_hz.toFixed(4)} Hz`,
    alert,
  };
}
