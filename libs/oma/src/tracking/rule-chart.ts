import { choleskyFactor } from '../linalg/cholesky';
import { chiSquareQuantile, normalUpperTail } from '../statistics';
import type { CompensationSettings } from './compensation';
import type { ModeTrack, TrackPoint } from './mode-track';

/** What the rule-wide chart's alerts carry where a track's carry its id. */
export const RULE_CHART_TRACK_ID = 'T2';

/** Its latest points kept for plots and the API. */
const RECENT_POINTS = 200;

/** One record on the rule-wide chart. */
export interface RuleChartPoint {
  analysis_id: string;
  recorded_at: number;
  /** Hotelling's T² of the record's residuals, and the limit it was judged against. */
  t2?: number;
  limit?: number;
  judged: boolean;
  not_judged?: string;
}

/** What raised the rule-wide chart's alert: the record, its T², and the charted mode that moved most. */
export interface RuleChartRaise {
  analysis_id: string;
  recorded_at: number;
  t2: number;
  limit: number;
  track_id: string;
  baseline_hz: number;
  value_hz: number;
  change_percent: number;
  predicted_hz: number;
  residual_hz: number;
  z: number;
}

interface ChartCounters {
  beyond: number;
  within: number;
  alert: boolean;
  raised?: RuleChartRaise;
}

/**
 * Hotelling's T² over the residuals (z, in training standard deviations) of a compensated rule's
 * established tracks, record by record: it sees a change that moves several modes a little, each
 * within its own limits, and it weighs the residuals' correlation (one misfit of the temperature
 * moves every mode). Phase I: once at least two established tracks judge, their residual vectors of
 * the next records (as many as the tracks' training) give the mean and covariance; phase II judges
 * each later record against the upper limit of the chi-square approximation of T², at the false
 * alarm rate of a two-sided `sigma` limit, scaled by (n² - 1) / (n (n - p)) for an estimated
 * covariance. ALERT and CLEARED with the tracks' `consecutive` and `clear_sigma`.
 */
export interface RuleChartState extends ChartCounters {
  /** The tracks it charts, fixed when it started. */
  track_ids: string[];
  /** Residual vectors of its training records, and how many it trains on. */
  training: Array<{ analysis_id: string; z: number[] }>;
  training_needed: number;
  mean?: number[];
  /** Lower Cholesky factor of the training covariance (row-major, p x p). */
  factor?: number[];
  limit?: number;
  clear_limit?: number;
  refused?: string;
  /** The counters as they were before the latest judged record, to apply that analysis again exactly. */
  before_latest?: ChartCounters & { analysis_id: string };
  recent: RuleChartPoint[];
}

export interface RuleChartOutcome {
  state?: RuleChartState;
  point?: RuleChartPoint;
  change?: { status: 'ALERT' | 'CLEARED'; raise: RuleChartRaise };
}

/** Puts one analysis's points (already on the tracks) on the rule's chart. */
export function chartRule(
  previous: RuleChartState | undefined,
  tracks: readonly ModeTrack[],
  placed: ReadonlyArray<{ track_id: string; point: TrackPoint }>,
  observation: { analysis_id: string; recorded_at: number },
  settings: CompensationSettings,
): RuleChartOutcome {
  let state = previous && withoutRuleChartAnalysis(previous, observation.analysis_id);
  const judging = (id: string) => {
    const compensation = tracks.find((track) => track.id === id)?.compensation;
    return Boolean(compensation?.model && compensation.established);
  };
  if (state && !state.track_ids.every(judging)) state = undefined; // a new baseline: start again
  if (!state) {
    const ids = tracks
      .map((track) => track.id)
      .filter(judging)
      .sort();
    if (ids.length < 2) return {};
    const needed = Math.max(settings.training_records, ids.length + 5);
    state = {
      track_ids: ids,
      training: [],
      training_needed: needed,
      beyond: 0,
      within: 0,
      alert: false,
      recent: [],
    };
  }
  const points = state.track_ids.map((id) => placed.find((p) => p.track_id === id && p.point.judged)?.point);
  const { analysis_id, recorded_at } = observation;
  const note = (reason: string, next: RuleChartState): RuleChartOutcome => {
    const point = { analysis_id, recorded_at, judged: false, not_judged: reason };
    return { state: withRecent(next, point), point };
  };
  if (points.some((point) => point?.z === undefined))
    return note('not judged: a charted mode is missing from the record, or was not judged', state);
  const z = points.map((point) => point!.z!);
  if (state.refused) return note(`not judged: ${state.refused}`, state);
  if (!state.factor) return note(...trained(state, analysis_id, z, settings));

  const t2 = hotellingT2(state, z);
  const beyond = t2 > state.limit! ? state.beyond + 1 : 0;
  const within = t2 < state.clear_limit! ? state.within + 1 : 0;
  const alert = state.alert ? within < settings.consecutive : beyond >= settings.consecutive;
  const raise = alert && !state.alert ? raiseOf(state, tracks, points, observation, t2) : state.raised;
  const { before_latest: _before, raised: _raised, ...kept } = state;
  void [_before, _raised];
  const next: RuleChartState = {
    ...kept,
    beyond,
    within,
    alert,
    ...(alert && raise ? { raised: raise } : {}),
    before_latest: {
      analysis_id,
      beyond: state.beyond,
      within: state.within,
      alert: state.alert,
      ...(state.raised ? { raised: state.raised } : {}),
    },
  };
  const point: RuleChartPoint = { analysis_id, recorded_at, t2, limit: state.limit, judged: true };
  const change =
    alert !== state.alert
      ? {
          status: alert ? ('ALERT' as const) : ('CLEARED' as const),
          raise: alert ? raise! : { ...state.raised!, t2 },
        }
      : undefined;
  return { state: withRecent(next, point), point, ...(change ? { change } : {}) };
}

/** The state as it was before `analysisId` was put on it (as far as it remembers). */
export function withoutRuleChartAnalysis(state: RuleChartState, analysisId: string): RuleChartState {
  const recent = state.recent.filter((point) => point.analysis_id !== analysisId);
  const training = state.training.filter((record) => record.analysis_id !== analysisId);
  if (training.length !== state.training.length) {
    const { mean, factor, limit, clear_limit, refused, ...rest } = state;
    void [mean, factor, limit, clear_limit, refused];
    return { ...rest, training, recent };
  }
  if (state.before_latest?.analysis_id === analysisId) {
    const { before_latest: before, ...rest } = state;
    const { analysis_id: _id, ...counters } = before;
    void _id;
    const restored: RuleChartState = { ...rest, ...counters, recent };
    if (!counters.raised) delete restored.raised;
    return restored;
  }
  return { ...state, recent };
}

function trained(
  state: RuleChartState,
  analysisId: string,
  z: number[],
  settings: CompensationSettings,
): [string, RuleChartState] {
  const p = z.length;
  const needed = state.training_needed;
  const training = [...state.training, { analysis_id: analysisId, z }];
  const progress = `training (${training.length} of ${needed} records)`;
  if (training.length < needed) return [progress, { ...state, training }];
  const n = training.length;
  const mean = Array.from({ length: p }, (_, j) => training.reduce((sum, r) => sum + r.z[j], 0) / n);
  const covariance = new Float64Array(p * p);
  for (const record of training)
    for (let i = 0; i < p; i++)
      for (let j = 0; j < p; j++)
        covariance[i * p + j] += ((record.z[i] - mean[i]) * (record.z[j] - mean[j])) / (n - 1);
  const factor = choleskyFactor(covariance, p);
  if (!factor)
    return [
      progress,
      { ...state, training, refused: 'the residuals of the charted modes are linearly dependent' },
    ];
  // The chi-square limit at a two-sided sigma's false alarm rate, widened for an estimated covariance.
  const scale = (n * n - 1) / (n * (n - p));
  const limitAt = (k: number) => scale * chiSquareQuantile(1 - 2 * normalUpperTail(k), p);
  return [
    progress,
    {
      ...state,
      training,
      mean,
      factor: Array.from(factor),
      limit: limitAt(settings.sigma),
      clear_limit: limitAt(settings.clear_sigma),
    },
  ];
}

/** (z - mean)^T S^-1 (z - mean), by forward substitution with S's Cholesky factor. */
function hotellingT2(state: RuleChartState, z: number[]): number {
  const p = z.length;
  const L = state.factor!;
  const y = new Float64Array(p);
  let sum = 0;
  for (let i = 0; i < p; i++) {
    let value = z[i] - state.mean![i];
    for (let k = 0; k < i; k++) value -= L[i * p + k] * y[k];
    y[i] = value / L[i * p + i];
    sum += y[i] * y[i];
  }
  return sum;
}

function raiseOf(
  state: RuleChartState,
  tracks: readonly ModeTrack[],
  points: Array<TrackPoint | undefined>,
  observation: { analysis_id: string; recorded_at: number },
  t2: number,
): RuleChartRaise {
  let top = 0;
  points.forEach((point, i) => Math.abs(point!.z!) > Math.abs(points[top]!.z!) && (top = i));
  const point = points[top]!;
  const track = tracks.find((t) => t.id === state.track_ids[top])!;
  const baseline = track.baseline_hz ?? point.predicted_hz!;
  return {
    analysis_id: observation.analysis_id,
    recorded_at: observation.recorded_at,
    t2,
    limit: state.limit!,
    track_id: track.id,
    baseline_hz: baseline,
    value_hz: point.frequency_hz,
    change_percent: (100 * (point.frequency_hz - baseline)) / baseline,
    predicted_hz: point.predicted_hz!,
    residual_hz: point.residual_hz!,
    z: point.z!,
  };
}

function withRecent(state: RuleChartState, point: RuleChartPoint): RuleChartState {
  const recent = [...state.recent.filter((p) => p.analysis_id !== point.analysis_id), point]
    .sort((a, b) => a.recorded_at - b.recorded_at)
    .slice(-RECENT_POINTS);
  return { ...state, recent };
}
