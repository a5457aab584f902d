import { Injectable, NotFoundException } from '@nestjs/common';
import { ModeHistoryPoint, ModeHistoryRepository } from './persistence/mode-history.repository';
import { ModeTracking, ModeTrackingRepository } from './persistence/mode-tracking.repository';
import { TrackLabelRepository } from './persistence/track-label.repository';
import { type Principal } from '@modalflow/contracts';
import { Page, PageRequest } from '@modalflow/database';
import { StructureRepository, requireStructure } from '@modalflow/structures';
import { Picture, PlotFormat, renderPicture } from '@modalflow/analyses';
import { type ModeTrackView, type TrendPoints, trendPoint, viewsOf } from './mode-track-views';
import { ruleChartView } from './rule-chart-view';
import { trendPlot, TrendSeries } from './trend-plot';

/** The most points one trend plot draws (the oldest first). */
export const TREND_POINTS_MAX = 20_000;

/** The tracked modes of a structure and their histories. */
@Injectable()
export class ModeTracksService {
  constructor(
    private readonly structures: StructureRepository,
    private readonly tracking: ModeTrackingRepository,
    private readonly history: ModeHistoryRepository,
    private readonly labels: TrackLabelRepository,
  ) {}

  /** Every track of the structure (or of one rule), by rule then frequency. */
  async list(principal: Principal, structureId: string, ruleId?: string): Promise<ModeTrackView[]> {
    return this.named(principal, structureId, viewsOf(await this.states(principal, structureId, ruleId)));
  }

  /** Names a track (or, with null, takes its name away); 404 unless it is a track of the structure. */
  async rename(
    principal: Principal,
    structureId: string,
    trackId: string,
    name: string | null,
  ): Promise<ModeTrackView> {
    const track = (await this.list(principal, structureId)).find((view) => view.id === trackId);
    if (!track) throw new NotFoundException(`mode track ${trackId} not found in structure ${structureId}`);
    if (name === null) await this.labels.remove(principal.tenantId, trackId);
    else
      await this.labels.set({
        tenant_id: principal.tenantId,
        structure_id: structureId,
        rule_id: track.rule_id,
        track_id: trackId,
        name,
      });
    const { name: _old, ...rest } = track;
    void _old;
    return name === null ? rest : { ...rest, name };
  }

  private async named(
    principal: Principal,
    structureId: string,
    views: ModeTrackView[],
  ): Promise<ModeTrackView[]> {
    const names = await this.labels.forStructure(principal.tenantId, structureId);
    return views.map((view) => (names.has(view.id) ? { ...view, name: names.get(view.id) } : view));
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
    const tracks = await this.named(principal, structureId, viewsOf(states));
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
      name: `${track.name ?? `${track.value_hz.toFixed(3)} Hz`}${track.alert ? ' (ALERT)' : ''}`,
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
