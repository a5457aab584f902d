import { type RaisedTrack } from '@modalflow/alerts';
import { type ShiftAlert } from '@modalflow/contracts';
import {
  RULE_CHART_TRACK_ID,
  type ModeTrack,
  type RuleChartRaise,
  type RuleChartState,
  type TrackAlertChange,
} from '@modalflow/oma';

/** A track's alert change as its MONITORING event carries it. */
export function shiftOf(change: TrackAlertChange, analysisId: string): ShiftAlert {
  return {
    track_id: change.track_id,
    baseline_hz: change.baseline_hz,
    value_hz: change.value_hz,
    change_percent: change.change_percent,
    analysis_id: analysisId,
    ...(change.residual_hz !== undefined
      ? { predicted_hz: change.predicted_hz, residual_hz: change.residual_hz, z: change.z }
      : {}),
  };
}

/** The rule-wide chart's alert: its T², with the values of the charted mode that moved most. */
export function chartShift(raise: RuleChartRaise): ShiftAlert {
  return {
    track_id: RULE_CHART_TRACK_ID,
    mode_track_id: raise.track_id,
    baseline_hz: raise.baseline_hz,
    value_hz: raise.value_hz,
    change_percent: raise.change_percent,
    analysis_id: raise.analysis_id,
    predicted_hz: raise.predicted_hz,
    residual_hz: raise.residual_hz,
    z: raise.z,
    t2: raise.t2,
    t2_limit: raise.limit,
  };
}

/**
 * The tracks in alert now, each with the point that raised it (its change's values when it raised
 * it now), and the rule-wide chart when it is in alert.
 */
export function raisedTracks(
  tracks: ModeTrack[],
  changes: TrackAlertChange[],
  chart: RuleChartState | undefined,
  names: Map<string, string>,
): RaisedTrack[] {
  const raisedChart: RaisedTrack[] =
    chart?.alert && chart.raised
      ? [
          {
            ...chartShift(chart.raised),
            recorded_at: new Date(chart.raised.recorded_at),
          },
        ]
      : [];
  return [
    ...tracks
      .filter((track) => track.alert && track.baseline_hz !== undefined)
      .map((track) => {
        const since = track.alert_since ?? track.recent.at(-1)!;
        const change = changes.find((c) => c.track_id === track.id && c.status === 'ALERT');
        const { baseline_hz, value_hz, change_percent, predicted_hz, residual_hz, z } = change ?? {
          baseline_hz: track.baseline_hz!,
          value_hz: track.value_hz,
          change_percent: track.change_percent ?? 0,
        };
        return {
          track_id: track.id,
          ...(names.has(track.id) ? { track_name: names.get(track.id) } : {}),
          analysis_id: since.analysis_id,
          recorded_at: new Date(since.recorded_at),
          baseline_hz,
          value_hz,
          change_percent,
          ...(residual_hz !== undefined ? { predicted_hz, residual_hz, z } : {}),
        };
      }),
    ...raisedChart,
  ];
}
