import { Injectable, NotFoundException } from '@nestjs/common';
import { ModeHistoryPoint, ModeHistoryRepository } from './persistence/mode-history.repository';
import { ModeTracking, ModeTrackingRepository } from './persistence/mode-tracking.repository';
import { type Principal } from '@modalflow/contracts';
import { Page, PageRequest } from '@modalflow/database';
import { StructureRepository, requireStructure } from '@modalflow/structures';
import { type CompensationState, type LinearModel, type ModeTrack } from '@modalflow/oma';
import { Picture, PlotFormat, renderPicture } from '@modalflow/analyses';
import { ruleChartView, type RuleChartView } from './rule-chart-view';
import { trendPlot, TrendSeries } from './trend-plot';

export interface ModeTrackView {
  id: string;
  rule_id: string;
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

/** The most points one trend plot draws (the oldest first). */
export const TREND_POINTS_MAX = 20_000;

/** The tracked modes of a structure and their histories. */
@Injectable()
export class ModeTracksService {
  constructor(
    private readonly structures: StructureRepository,
    private readonly tracking: ModeTrackingRepository,
    private readonly history: ModeHistoryRepository,
  ) {}

  /** Every track of the structure (or of one rule), by rule then frequency. */
  async list(principal: Principal, structureId: string, ruleId?: string): Promise<ModeTrackView[]> {
    return viewsOf(await this.states(principal, structureId, ruleId));
  }

  /** The tracking documents of the structure's rules (or of one). */
  private async states(principal: Principal, structureId: string, ruleId?: string): Promise<ModeTracking[]> {
    await requireStructure(this.structures, principal.tenantId, structureId);
    const states = await this.tracking.forStructure(principal.tenantId, structureId);
    return states.filter((state) => ruleId === undefined || state.rule_id === ruleId);
  }

  async historyPage(
    principal: Principal,
    structureId: string,
    trackId: string,
    page: PageRequest,
  ): Promise<Page<ModeHistoryPoint>> {
    const tracks = await this.list(principal, structureId);
    if (!tracks.some((track) => track.id === trackId))
      throw new NotFoundException(`mode track ${trackId} not found in structure ${structureId}`);
    return this.history.page(principal.tenantId, trackId, page);
  }

  /**
   * The points of the tracks (all, or one rule's) by measurement time, at most TREND_POINTS_MAX
   * (the oldest first): what a trend chart draws, in one read.
   */
  async trendPoints(principal: Principal, structureId: string, ruleId?: string): Promise<TrendPoints> {
    const states = await this.states(principal, structureId, ruleId);
    const tracks = viewsOf(states);
    const points = tracks.length
      ? await this.history.ofTracks(
          principal.tenantId,
          tracks.map((track) => track.id),
          TREND_POINTS_MAX + 1,
        )
      : [];
    return {
      tracks,
      points: points.slice(0, TREND_POINTS_MAX).map(trendPoint),
      truncated: points.length > TREND_POINTS_MAX,
      rule_charts: states.flatMap((state) =>
        state.rule_chart ? [ruleChartView(state.rule_id, state.rule_chart)] : [],
      ),
    };
  }

  /** The trend plot of the tracks (all, or one rule's) and their points, at most TREND_POINTS_MAX. */
  async trendPicture(
    principal: Principal,
    structureId: string,
    format: PlotFormat,
    ruleId?: string,
  ): Promise<Picture> {
    const { tracks, points, rule_charts: charts } = await this.trendPoints(principal, structureId, ruleId);
    const series = tracks.map((track) => ({
      name: `${track.value_hz.toFixed(3)} Hz${track.alert ? ' (ALERT)' : ''}`,
      baseline_hz: track.baseline_hz,
      points: [] as TrendSeries['points'],
    }));
    const seriesOf = new Map(tracks.map((track, i) => [track.id, series[i]]));
    for (const point of points) {
      seriesOf.get(point.track_id)?.points.push({
        time: point.recorded_at.getTime(),
        frequency_hz: point.frequency_hz,
        damping_ratio: point.damping_ratio,
        ...(point.judged && point.limit_hz !== undefined
          ? { predicted_hz: point.predicted_hz, limit_hz: point.limit_hz }
          : {}),
      });
    }
    const ruleCharts = charts.map((chart, i) => ({
      name: charts.length > 1 ? `T² of rule ${i + 1}` : 'T²',
      points: chart.points.flatMap((point) =>
        point.t2 !== undefined
          ? [{ time: point.recorded_at.getTime(), t2: point.t2, limit: point.limit! }]
          : [],
      ),
    }));
    const { option, height } = trendPlot(series, ruleCharts);
    return renderPicture(option, format, height);
  }
}

function trendPoint(point: ModeHistoryPoint): TrendPoint {
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

function viewsOf(states: ModeTracking[]): ModeTrackView[] {
  return states.flatMap((state) =>
    [...state.tracks]
      .filter((track) => track.recent.length > 0)
      .sort((a, b) => a.value_hz - b.value_hz)
      .map((track) => toView(state, track)),
  );
}
