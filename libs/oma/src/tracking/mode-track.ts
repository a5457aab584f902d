import type { CompensatedPoint, CompensationSettings, CompensationState } from './compensation';
import type { LinearModel } from './linear-model';
import type { TrackingSettings } from './tracking-settings';

/**
 * A rule's tracking settings, with its environmental compensation when it has one, and the start of
 * its latest new baseline (ms): tracks then learn their baseline or model again from there.
 */
export type TrackerSettings = TrackingSettings & {
  compensation?: CompensationSettings;
  baseline_from?: number;
};

/** A baseline a track had before a new one was started. */
export interface EarlierBaseline {
  /** When the baseline that replaced it starts (ms). */
  until: number;
  baseline_hz?: number;
  model?: LinearModel;
}

/** One identified mode of one measurement on a track (with its residual on a compensated rule). */
export interface TrackPoint extends CompensatedPoint {
  analysis_id: string;
  /** Measurement time, ms since the epoch. */
  recorded_at: number;
  frequency_hz: number;
  damping_ratio: number | null;
  /** MAC of its shape to the track's reference shape. */
  mac: number;
}

/** A mode followed over measurements: what matching and shift detection need of its history. */
export interface ModeTrack {
  id: string;
  /** The shape of its first point: the one later points are matched and compared to. */
  reference_shape: number[];
  /** How many points it has. */
  points: number;
  /** Its earliest points (by measurement time), up to `baseline_points`. */
  first: TrackPoint[];
  /** Median frequency of `first` once it is full; then fixed. */
  baseline_hz?: number;
  /** Its latest points (by measurement time), up to `window_points`. */
  recent: TrackPoint[];
  /** Median frequency of `recent`: the track's current value, and what a new mode is matched to. */
  value_hz: number;
  /** Change of `value_hz` from `baseline_hz`, percent (once there is a baseline). */
  change_percent?: number;
  alert: boolean;
  /** While in alert: the point that raised it (what names the alert it opened). */
  alert_since?: { analysis_id: string; recorded_at: number };
  /** On a rule with environmental compensation: its model and control chart. */
  compensation?: CompensationState;
  /** The start of the baseline period its baseline or model belongs to (ms), after a new baseline. */
  baseline_from?: number;
  /** Its baselines and models before the latest new baseline, oldest first. */
  earlier_baselines?: EarlierBaseline[];
}

export interface ObservedMode {
  frequency_hz: number;
  damping_ratio: number | null;
  mode_shape: number[];
}

/** The modes one analysis of one measurement found. */
export interface Observation {
  analysis_id: string;
  recorded_at: number;
  modes: ObservedMode[];
  /** The measurement's environmental values, by name. */
  environment?: Record<string, number>;
}

export interface TrackAlertChange {
  track_id: string;
  status: 'ALERT' | 'CLEARED';
  baseline_hz: number;
  value_hz: number;
  change_percent: number;
  /** On a compensated rule: the point's prediction, residual and residual in standard deviations. */
  predicted_hz?: number;
  residual_hz?: number;
  z?: number;
}

export interface TrackingOutcome {
  tracks: ModeTrack[];
  /** The rule's measurements so far, this one included (once, however often it is applied). */
  records: number;
  /** The track each mode went to (by the mode's index in the observation). */
  points: { mode_index: number; track_id: string; point: TrackPoint }[];
  changes: TrackAlertChange[];
}
