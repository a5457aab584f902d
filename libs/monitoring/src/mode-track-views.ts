import { ModeHistoryPoint } from './persistence/mode-history.repository';
import { ModeTracking } from './persistence/mode-tracking.repository';
import { type RuleChartView } from './rule-chart-view';
import { type CompensationState, type LinearModel, type ModeTrack } from '@modalflow/oma';

export interface ModeTrackView {
  id: string;
  rule_id: string;
  /** A user's name for it ("1st vertical bending"). */
  name?: string;
  value_hz: number;
  baseline_hz?: number;
  change_percent?: number;
  alert: boolean;
  points: number;
  latest: Omit<ModeHistoryPoint, 'tenant_id' | 'structure_id' | 'rule_id' | 'track_id' | 'mode_index'>;
  reference_shape: number[];
  channels: string[];
  /** On a compensated rule: where the track's model stands. */
  compensation?: TrackCompensationView;
  /** After a new baseline: when it started, and the baselines and models before it. */
  baseline_from?: Date;
  earlier_baselines?: Array<{ until: Date; baseline_hz?: number; model?: TrackCompensationView['model'] }>;
}

/** A compensated track's model as a client reads it. */
export interface TrackCompensationView {
  /** training: collecting points; judging: its points go on the control chart; refused: no model (see reason). */
  state: 'training' | 'judging' | 'refused';
  training_points: number;
  /** Whether it may alert (seen in most records of its training period). */
  established?: boolean;
  reason?: string;
  model?: {
    covariates: string[];
    /** The mean training frequency. */
    intercept_hz: number;
    /** Hz per unit of each covariate (per degree, per m/s...). */
    slopes_hz: Record<string, number>;
    residual_sd_hz: number;
    raw_sd_hz: number;
  };
}

export type TrendPoint = Pick<
  ModeHistoryPoint,
  | 'track_id'
  | 'analysis_id'
  | 'recorded_at'
  | 'frequency_hz'
  | 'damping_ratio'
  | 'mac'
  | 'predicted_hz'
  | 'residual_hz'
  | 'limit_hz'
  | 'judged'
>;

/** The tracks of a structure and their points, as a trend draws them. */
export interface TrendPoints {
  tracks: ModeTrackView[];
  points: TrendPoint[];
  /** Whether there were more points than TREND_POINTS_MAX. */
  truncated: boolean;
  /** The rule-wide charts of compensated rules. */
  rule_charts: RuleChartView[];
}

export function trendPoint(point: ModeHistoryPoint): TrendPoint {
  const { track_id, analysis_id, recorded_at, frequency_hz, damping_ratio, mac } = point;
  const { predicted_hz, residual_hz, limit_hz, judged } = point;
  return {
    track_id,
    analysis_id,
    recorded_at,
    frequency_hz,
    damping_ratio,
    mac,
    ...(predicted_hz !== undefined ? { predicted_hz, residual_hz, limit_hz, judged } : {}),
  };
}

function toView(state: ModeTracking, track: ModeTrack): ModeTrackView {
  const last = track.recent.at(-1)!;
  return {
    id: track.id,
    rule_id: state.rule_id,
    value_hz: track.value_hz,
    ...(track.baseline_hz !== undefined ? { baseline_hz: track.baseline_hz } : {}),
    ...(track.change_percent !== undefined ? { change_percent: track.change_percent } : {}),
    alert: track.alert,
    points: track.points,
    latest: { ...last, recorded_at: new Date(last.recorded_at) },
    reference_shape: track.reference_shape,
    channels: state.channels,
    ...(track.compensation ? { compensation: compensationView(track.compensation) } : {}),
    ...(track.baseline_from !== undefined ? { baseline_from: new Date(track.baseline_from) } : {}),
    ...(track.earlier_baselines
      ? {
          earlier_baselines: track.earlier_baselines.map((earlier) => ({
            until: new Date(earlier.until),
            ...(earlier.baseline_hz !== undefined ? { baseline_hz: earlier.baseline_hz } : {}),
            ...(earlier.model ? { model: modelView(earlier.model) } : {}),
          })),
        }
      : {}),
  };
}

function compensationView(state: CompensationState): TrackCompensationView {
  const { model } = state;
  return {
    state: model ? 'judging' : state.refused ? 'refused' : 'training',
    training_points: state.training.length,
    ...(state.established !== undefined ? { established: state.established } : {}),
    ...(state.refused ? { reason: state.refused } : {}),
    ...(model ? { model: modelView(model) } : {}),
  };
}

function modelView(model: LinearModel): NonNullable<TrackCompensationView['model']> {
  return {
    covariates: model.covariates,
    intercept_hz: model.intercept,
    slopes_hz: Object.fromEntries(
      model.covariates.map((name, j) => [name, model.coefficients[j] / model.scales[j]]),
    ),
    residual_sd_hz: model.residual_sd,
    raw_sd_hz: model.raw_sd,
  };
}

export function viewsOf(states: ModeTracking[]): ModeTrackView[] {
  return states.flatMap((state) =>
    [...state.tracks]
      .filter((track) => track.recent.length > 0)
      .sort((a, b) => a.value_hz - b.value_hz)
      .map((track) => toView(state, track)),
  );
}
