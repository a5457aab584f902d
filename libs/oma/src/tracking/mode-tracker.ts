import { mac, realShape } from '../modes/mode-shape';
import { median } from '../statistics';
import { assignOneToOne } from './assignment';
import { compensate, newCompensation, withoutCompensated } from './compensation';
import type {
  EarlierBaseline,
  ModeTrack,
  ObservedMode,
  Observation,
  TrackAlertChange,
  TrackerSettings,
  TrackingOutcome,
  TrackPoint,
} from './mode-track';
import type { TrackingSettings } from './tracking-settings';

/**
 * The cost of leaving a track or a mode unmatched. A pair is matched when it costs less than leaving
 * both unmatched (1, half the worst pair within the gates): otherwise two poor matches, e.g. a
 * spurious mode on a neighbour's track and the neighbour's mode on another's, would beat one good
 * match and a new track.
 */
const UNMATCHED_COST = 0.5;

/**
 * Adds one analysis's modes to the tracks: a one-to-one assignment of modes to tracks (least summed
 * cost of frequency distance and shape difference, within the gates of `settings`), first to the
 * established tracks, then to the young ones; a new track for every mode left over; then each
 * touched track's current value, baseline and alert state.
 *
 * Applying the same analysis again gives the same tracks: its earlier points are taken out first,
 * so a run repeated after a crash is not counted twice.
 */
export function trackModes(
  previous: readonly ModeTrack[],
  observation: Observation,
  settings: TrackerSettings,
  newTrackId: () => string,
  recordsBefore = 0,
): TrackingOutcome {
  const tracks = withoutAnalysis(previous, observation.analysis_id);
  const repeated = tracks.some((track, i) => track !== previous[i]) || tracks.length !== previous.length;
  const records = recordsBefore + (repeated ? 0 : 1);
  // Established tracks (with a baseline) choose first, so that a young track, often a spurious
  // mode's, cannot take a mode that has drifted towards it from its own track.
  const trackOfMode = new Map<number, ModeTrack>();
  for (const candidates of [
    tracks.filter((track) => track.baseline_hz !== undefined),
    tracks.filter((track) => track.baseline_hz === undefined),
  ]) {
    const open = observation.modes.map((_, index) => index).filter((index) => !trackOfMode.has(index));
    const assigned = assignOneToOne(
      candidates.map((track) => open.map((index) => matchCost(track, observation.modes[index], settings))),
      open.length,
      UNMATCHED_COST,
    );
    assigned.forEach((column, row) => column >= 0 && trackOfMode.set(open[column], candidates[row]));
  }

  const changes: TrackAlertChange[] = [];
  const points: TrackingOutcome['points'] = [];
  const updated = new Map<string, ModeTrack>();
  const opened: ModeTrack[] = [];
  observation.modes.forEach((mode, index) => {
    const track =
      trackOfMode.get(index) ?? newTrack(newTrackId(), mode, settings.compensation ? records - 1 : undefined);
    if (!trackOfMode.has(index)) opened.push(track);
    const point: TrackPoint = {
      analysis_id: observation.analysis_id,
      recorded_at: observation.recorded_at,
      frequency_hz: mode.frequency_hz,
      damping_ratio: mode.damping_ratio,
      mac: shapeMac(track.reference_shape, mode.mode_shape),
    };
    const { track: next, point: placed } = withPoint(
      track,
      point,
      settings,
      observation.environment,
      records,
    );
    const change = alertChange(track, next, placed);
    if (change) changes.push(change);
    updated.set(
      track.id,
      change ? withAlertSince(next, change.status === 'ALERT' ? point : undefined) : next,
    );
    points.push({ mode_index: index, track_id: track.id, point: placed });
  });
  return {
    tracks: [...tracks, ...opened].map((track) => updated.get(track.id) ?? track),
    records,
    points,
    changes,
  };
}

/** Cost of putting `mode` on `track` in [0, 2], or Infinity outside the gates. */
function matchCost(track: ModeTrack, mode: ObservedMode, settings: TrackingSettings): number {
  const distance = Math.abs(mode.frequency_hz - track.value_hz) / track.value_hz;
  const gate = settings.max_frequency_change_percent / 100;
  const shape = shapeMac(track.reference_shape, mode.mode_shape);
  if (distance > gate || shape < settings.min_mac) return Infinity;
  return distance / gate + (settings.min_mac < 1 ? (1 - shape) / (1 - settings.min_mac) : 0);
}

/** MAC of two real shapes; 0 when they do not have the same channels. */
function shapeMac(a: number[], b: number[]): number {
  return a.length === b.length ? mac(realShape(a), realShape(b)) : 0;
}

function newTrack(id: string, mode: ObservedMode, bornAtRecord?: number): ModeTrack {
  return {
    id,
    reference_shape: mode.mode_shape,
    points: 0,
    first: [],
    recent: [],
    value_hz: mode.frequency_hz,
    alert: false,
    ...(bornAtRecord !== undefined ? { compensation: newCompensation(bornAtRecord) } : {}),
  };
}

function withPoint(
  track: ModeTrack,
  point: TrackPoint,
  settings: TrackerSettings,
  environment: Record<string, number> | undefined,
  records: number,
): { track: ModeTrack; point: TrackPoint } {
  track = rebaselined(track, settings, records);
  if (!settings.compensation) return { track: withRawPoint(track, point, settings), point };
  // A compensated track's baseline is its model's mean frequency; it alerts by its control chart.
  const judged = compensate(
    track.compensation ?? newCompensation(records - 1),
    point,
    environment,
    track.alert,
    records,
    settings.compensation,
  );
  const placed: TrackPoint = { ...point, ...judged.point };
  const recent = byTime([...track.recent, placed]).slice(-settings.window_points);
  const valueHz = median(recent.map((p) => p.frequency_hz));
  const baselineHz = judged.state.model?.intercept;
  const next: ModeTrack = {
    ...track,
    points: track.points + 1,
    recent,
    value_hz: valueHz,
    compensation: judged.state,
    alert: judged.alert,
  };
  if (baselineHz === undefined) return { track: next, point: placed };
  return {
    track: { ...next, baseline_hz: baselineHz, change_percent: (100 * (valueHz - baselineHz)) / baselineHz },
    point: placed,
  };
}

/**
 * A track whose baseline predates the rule's latest new baseline starts learning again from it:
 * its baseline (and model) go to its earlier baselines; its alert state stays until the new baseline
 * decides it.
 */
function rebaselined(track: ModeTrack, settings: TrackerSettings, records: number): ModeTrack {
  const from = settings.baseline_from;
  if (from === undefined || (track.baseline_from ?? -Infinity) >= from) return track;
  const earlier: EarlierBaseline = {
    until: from,
    ...(track.baseline_hz !== undefined ? { baseline_hz: track.baseline_hz } : {}),
    ...(track.compensation?.model ? { model: track.compensation.model } : {}),
  };
  const { baseline_hz, change_percent, ...rest } = track;
  void [baseline_hz, change_percent];
  return {
    ...rest,
    first: [],
    baseline_from: from,
    earlier_baselines: [...(track.earlier_baselines ?? []), earlier],
    ...(track.compensation ? { compensation: newCompensation(records - 1, from) } : {}),
  };
}

function withRawPoint(track: ModeTrack, point: TrackPoint, settings: TrackingSettings): ModeTrack {
  const counts = track.baseline_from === undefined || point.recorded_at >= track.baseline_from;
  const first =
    track.baseline_hz === undefined && counts
      ? byTime([...track.first, point]).slice(0, settings.baseline_points)
      : track.first;
  const baselineHz =
    track.baseline_hz ??
    (first.length >= settings.baseline_points ? median(first.map((p) => p.frequency_hz)) : undefined);
  const recent = byTime([...track.recent, point]).slice(-settings.window_points);
  const valueHz = median(recent.map((p) => p.frequency_hz));
  const next: ModeTrack = { ...track, points: track.points + 1, first, recent, value_hz: valueHz };
  if (baselineHz === undefined) return next;
  const changePercent = (100 * (valueHz - baselineHz)) / baselineHz;
  const size = Math.abs(changePercent);
  const alert = track.alert ? size >= settings.clear_percent : size >= settings.alert_percent;
  return { ...next, baseline_hz: baselineHz, change_percent: changePercent, alert };
}

function alertChange(before: ModeTrack, after: ModeTrack, point: TrackPoint): TrackAlertChange | undefined {
  if (before.alert === after.alert || after.baseline_hz === undefined) return undefined;
  return {
    track_id: after.id,
    status: after.alert ? 'ALERT' : 'CLEARED',
    baseline_hz: after.baseline_hz,
    value_hz: after.value_hz,
    change_percent: after.change_percent!,
    ...(point.residual_hz !== undefined
      ? { predicted_hz: point.predicted_hz, residual_hz: point.residual_hz, z: point.z }
      : {}),
  };
}

function withAlertSince(track: ModeTrack, point: TrackPoint | undefined): ModeTrack {
  const { alert_since: _ended, ...rest } = track;
  void _ended;
  return point
    ? { ...rest, alert_since: { analysis_id: point.analysis_id, recorded_at: point.recorded_at } }
    : rest;
}

/** The tracks as they were before `analysisId` was applied (as far as they remember it). */
function withoutAnalysis(tracks: readonly ModeTrack[], analysisId: string): ModeTrack[] {
  return tracks
    .map((track) => {
      const first = track.first.filter((p) => p.analysis_id !== analysisId);
      const recent = track.recent.filter((p) => p.analysis_id !== analysisId);
      const compensated =
        track.compensation && withoutCompensated(track.compensation, analysisId, track.alert);
      const changed =
        first.length !== track.first.length ||
        recent.length !== track.recent.length ||
        (compensated !== undefined && compensated.state !== track.compensation);
      if (!changed) return track;
      const points = track.points - 1;
      const before: ModeTrack = {
        ...track,
        points,
        first,
        recent,
        value_hz: recent.length ? median(recent.map((p) => p.frequency_hz)) : track.value_hz,
        ...(compensated ? { compensation: compensated.state, alert: compensated.alert } : {}),
      };
      return before.alert ? before : withAlertSince(before, undefined);
    })
    .filter((track) => track.points > 0);
}

const byTime = (points: TrackPoint[]) => points.sort((a, b) => a.recorded_at - b.recorded_at);
