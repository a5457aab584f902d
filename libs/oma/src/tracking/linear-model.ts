/**
 * Multiple linear regression of a tracked frequency on environmental covariates (temperature,
 * wind...), as environmental compensation uses it: each covariate centred and scaled to unit
 * standard deviation over the training points, the intercept then the mean frequency, solved by
 * Householder QR (not the normal equations, which square the condition number).
 */
export interface LinearModel {
  covariates: string[];
  /** Mean and standard deviation of each covariate over the training points. */
  means: number[];
  scales: number[];
  /** The mean training frequency (the prediction at mean covariates), Hz. */
  intercept: number;
  /** Hz per standard deviation of each covariate. */
  coefficients: number[];
  /** Standard deviation of the training residuals (n - p - 1 degrees of freedom), Hz. */
  residual_sd: number;
  /** Standard deviation of the training frequencies themselves, Hz. */
  raw_sd: number;
  training_points: number;
}

export type ModelFit = { model: LinearModel } | { refused: string };

/** A column of the scaled design whose pivot is below this (relative) is a combination of the others. */
const RANK_TOLERANCE = 1e-8;

/** Fits `y ~ rows` (one row of covariate values per point); refuses, saying why, what it cannot fit. */
export function fitLinearModel(covariates: string[], rows: number[][], y: number[]): ModelFit {
  const n = y.length;
  const p = covariates.length;
  if (n < p + 3)
    return {
      refused: `needs at least ${p + 3} points with every covariate to fit ${p} covariates; has ${n}`,
    };
  const means = covariates.map((_, j) => mean(rows.map((row) => row[j])));
  const scales = covariates.map((_, j) =>
    sd(
      rows.map((row) => row[j]),
      means[j],
    ),
  );
  const constant = covariates.find((_, j) => !(scales[j] > 0));
  if (constant !== undefined) return { refused: `${constant} does not vary over the training points` };

  // Column-major scaled design; the intercept is the mean of y once the columns are centred.
  const intercept = mean(y);
  const columns = covariates.map((_, j) => Float64Array.from(rows, (row) => (row[j] - means[j]) / scales[j]));
  const residual = Float64Array.from(y, (value) => value - intercept);
  const diagonal = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    const column = columns[k];
    let norm = 0;
    for (let i = k; i < n; i++) norm += column[i] ** 2;
    norm = Math.sqrt(norm);
    if (norm <= RANK_TOLERANCE * Math.sqrt(n))
      return {
        refused: `${covariates[k]} is a linear combination of the other covariates over the training points`,
      };
    const alpha = column[k] > 0 ? -norm : norm;
    // Householder vector v = x - alpha e_k, stored in column[k..]; then H = I - 2 v v^T / v^T v.
    column[k] -= alpha;
    let vv = 0;
    for (let i = k; i < n; i++) vv += column[i] ** 2;
    const reflect = (target: Float64Array) => {
      let dot = 0;
      for (let i = k; i < n; i++) dot += column[i] * target[i];
      const factor = (2 * dot) / vv;
      for (let i = k; i < n; i++) target[i] -= factor * column[i];
    };
    for (let j = k + 1; j < p; j++) reflect(columns[j]);
    reflect(residual);
    diagonal[k] = alpha;
  }
  // Back substitution: R b = Q^T y (R's strict upper part is in columns[j][k], k < j).
  const coefficients = new Array<number>(p).fill(0);
  for (let k = p - 1; k >= 0; k--) {
    let sum = residual[k];
    for (let j = k + 1; j < p; j++) sum -= columns[j][k] * coefficients[j];
    coefficients[k] = sum / diagonal[k];
  }
  let squares = 0;
  for (let i = p; i < n; i++) squares += residual[i] ** 2;
  return {
    model: {
      covariates,
      means,
      scales,
      intercept,
      coefficients,
      residual_sd: Math.sqrt(squares / (n - p - 1)),
      raw_sd: sd(y, intercept),
      training_points: n,
    },
  };
}

/** The model's frequency for one point's covariates (in the model's order). */
export function predictWith(model: LinearModel, values: number[]): number {
  return model.coefficients.reduce(
    (sum, coefficient, j) => sum + (coefficient * (values[j] - model.means[j])) / model.scales[j],
    model.intercept,
  );
}

const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

function sd(values: number[], centre: number): number {
  if (values.length < 2) return 0;
  return Math.sqrt(values.reduce((sum, value) => sum + (value - centre) ** 2, 0) / (values.length - 1));
}
