import { fitLinearModel, predictWith, type LinearModel } from './linear-model';

/**
 * Environmental compensation of a monitoring rule's tracks (docs/monitoring.md): each track learns
 * how its frequency follows the measured covariates over its first `training_records` points, then
 * judges every later point by its residual (measured minus predicted) on a control chart.
 */
export interface CompensationSettings {
  /** Environmental values (by name, as measurements carry them) the frequency is regressed on. */
  covariates: string[];
  /** Points (with every covariate) a track trains its model on. */
  training_records: number;
  /** Control limit, in standard deviations of the training residuals. */
  sigma: number;
  /** ALERT after this many judged points beyond the limit in a row; CLEARED after as many within clear_sigma. */
  consecutive: number;
  /** CLEARED once back within this many standard deviations (at most sigma: hysteresis). */
  clear_sigma: number;
  /** Shewhart (each residual) or EWMA (an exponentially weighted mean of them, for slow drifts). */
  chart: 'shewhart' | 'ewma';
  /** EWMA weight of the newest residual. */
  ewma_lambda: number;
  /** A track is established (may alert) when it has points in at least this fraction of the rule's records over its training. */
  min_presence: number;
  /**
   * Covariates taken from a slow channel of the recording (its mean over the record), by covariate
   * name: `{"temperature_c": "T_deck"}`; they replace a value of the same name the measurement carries.
   */
  channels?: Record<string, string>;
}

export const COMPENSATION_DEFAULTS: Omit<CompensationSettings, 'covariates' | 'training_records'> = {
  sigma: 3,
  consecutive: 3,
  clear_sigma: 1.5,
  chart: 'shewhart',
  ewma_lambda: 0.2,
  min_presence: 0.5,
};

export const COMPENSATION_LIMITS = {
  covariates: { min: 1, max: 8 },
  training_records: { min: 5, max: 2000 },
  sigma: { min: 1, max: 10 },
  consecutive: { min: 1, max: 50 },
  clear_sigma: { min: 0, max: 10 },
  ewma_lambda: { min: 0.01, max: 1 },
  min_presence: { min: 0, max: 1 },
} as const;

/** What a compensated track keeps besides its points. */
export interface CompensationState {
  /** The rule's record count before the track's first point (or before its latest new baseline). */
  born_at_record: number;
  /** Points recorded before this time (a new baseline's start, ms) are not trained on. */
  from?: number;
  /** Its points with every covariate, by measurement time, until the model is fit. */
  training: CompensatedPoint[];
  model?: LinearModel;
  /** Why no model could be fit (then the track is never judged). */
  refused?: string;
  /** Whether it may alert: seen in most records of its training period. */
  established?: boolean;
  chart: ChartState;
  /** The chart as it was before the latest judged point, to apply that analysis again exactly. */
  before_latest?: { analysis_id: string; chart: ChartState; alert: boolean };
}

export interface ChartState {
  ewma: number;
  /** Judged points in a row beyond the limit / within the clearing limit. */
  beyond: number;
  within: number;
}

/** What a point on a compensated track says of itself. */
export interface CompensatedPoint {
  analysis_id: string;
  recorded_at: number;
  frequency_hz: number;
  /** The covariates the measurement had, by name. */
  covariates?: Record<string, number>;
  predicted_hz?: number;
  residual_hz?: number;
  /** The residual in training standard deviations. */
  z?: number;
  /** The residual's control limit, Hz (sigma training standard deviations; either way). */
  limit_hz?: number;
  /** Whether it went on the control chart; when not, why. */
  judged?: boolean;
  not_judged?: string;
}

export const newCompensation = (records: number, from?: number): CompensationState => ({
  born_at_record: records,
  ...(from !== undefined ? { from } : {}),
  training: [],
  chart: { ewma: 0, beyond: 0, within: 0 },
});

/**
 * Adds one point to a compensated track: into its training (fitting the model once it is full),
 * or onto its control chart. Returns the state, the point as judged, and the alert state after it.
 */
export function compensate(
  state: CompensationState,
  point: CompensatedPoint,
  environment: Record<string, number> | undefined,
  alert: boolean,
  records: number,
  settings: CompensationSettings,
): { state: CompensationState; point: CompensatedPoint; alert: boolean } {
  const present = settings.covariates.filter((name) => typeof environment?.[name] === 'number');
  const missing = settings.covariates.filter((name) => !present.includes(name));
  const covariates = Object.fromEntries(present.map((name) => [name, environment![name]]));
  const given: CompensatedPoint = { ...point, ...(present.length ? { covariates } : {}) };

  if (!state.model) {
    if (state.refused) return { state, point: notJudged(given, `no model: ${state.refused}`), alert };
    if (state.from !== undefined && point.recorded_at < state.from)
      return { state, point: notJudged(given, 'recorded before the current baseline'), alert };
    if (missing.length) return { state, point: notJudged(given, missingReason(missing)), alert };
    const training = [...state.training, given].sort((a, b) => a.recorded_at - b.recorded_at);
    const progress = `training (${training.length} of ${settings.training_records} points)`;
    if (training.length < settings.training_records)
      return { state: { ...state, training }, point: notJudged(given, progress), alert };
    const fit = fitLinearModel(
      settings.covariates,
      training.map((p) => settings.covariates.map((name) => p.covariates![name])),
      training.map((p) => p.frequency_hz),
    );
    if ('refused' in fit)
      return {
        state: { ...state, training, refused: fit.refused },
        point: notJudged(given, progress),
        alert,
      };
    const presence = training.length / Math.max(1, records - state.born_at_record);
    return {
      state: { ...state, training, model: fit.model, established: presence >= settings.min_presence },
      point: notJudged(given, progress),
      alert,
    };
  }

  const model = state.model;
  if (missing.length) return { state, point: notJudged(given, missingReason(missing)), alert };
  const predicted = predictWith(
    model,
    settings.covariates.map((name) => covariates[name]),
  );
  const residual = point.frequency_hz - predicted;
  const z = model.residual_sd > 0 ? residual / model.residual_sd : 0;
  const judged: CompensatedPoint = {
    ...given,
    predicted_hz: predicted,
    residual_hz: residual,
    z,
    limit_hz: settings.sigma * model.residual_sd,
  };
  if (!state.established)
    return {
      state,
      point: {
        ...judged,
        judged: false,
        not_judged: 'not established: seen in too few records of its training period',
      },
      alert,
    };
  const chart = nextChart(state.chart, z, settings);
  const nextAlert = alert ? chart.within < settings.consecutive : chart.beyond >= settings.consecutive;
  return {
    state: { ...state, chart, before_latest: { analysis_id: point.analysis_id, chart: state.chart, alert } },
    point: { ...judged, judged: true },
    alert: nextAlert,
  };
}

function nextChart(chart: ChartState, z: number, settings: CompensationSettings): ChartState {
  const ewma =
    settings.chart === 'ewma' ? settings.ewma_lambda * z + (1 - settings.ewma_lambda) * chart.ewma : z;
  // The EWMA's asymptotic standard deviation is sqrt(lambda / (2 - lambda)) of the residuals'.
  const scale = settings.chart === 'ewma' ? Math.sqrt(settings.ewma_lambda / (2 - settings.ewma_lambda)) : 1;
  const size = Math.abs(ewma);
  return {
    ewma,
    beyond: size > settings.sigma * scale ? chart.beyond + 1 : 0,
    within: size < settings.clear_sigma * scale ? chart.within + 1 : 0,
  };
}

/**
 * The state as it was before `analysisId` was applied: its training point taken out (and the model
 * with it, fit again when the point comes back), or the chart of before its judged point.
 */
export function withoutCompensated(
  state: CompensationState,
  analysisId: string,
  alert: boolean,
): { state: CompensationState; alert: boolean } {
  const training = state.training.filter((p) => p.analysis_id !== analysisId);
  if (training.length !== state.training.length) {
    const { model, refused, established, ...rest } = state;
    void [model, refused, established];
    return { state: { ...rest, training }, alert };
  }
  if (state.before_latest?.analysis_id === analysisId) {
    const { before_latest: before, ...rest } = state;
    return { state: { ...rest, chart: before.chart }, alert: before.alert };
  }
  return { state, alert };
}

const missingReason = (missing: string[]) => `not judged: the measurement has no ${missing.join(', ')}`;

const notJudged = (point: CompensatedPoint, reason: string): CompensatedPoint => ({
  ...point,
  judged: false,
  not_judged: reason,
});
