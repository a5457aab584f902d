import { Matrix } from 'ml-matrix';
import { OmaInputError, paramError } from '../dataset';
import { choleskySolve } from '../linalg/cholesky';
import { Complex, complex, div, mul, scale, sub } from '../linalg/complex';
import { applyColumns, complexSolve, dot, eigenvectorNear, project } from './subspace-vectors';
import { RecordSource } from '../record/record-source';
import { rowsOfSource } from '../record/record-views';
import { outputCorrelations } from './correlations';
import { median } from '../statistics';

/** Standard deviations of a mode's estimates from the record's statistical uncertainty. */
export interface ModeUncertainty {
  frequency_sd_hz: number;
  damping_sd: number;
  /** Blocks the record was cut into to estimate the correlations' covariance. */
  blocks: number;
}

/** The leading left singular vectors (column k at [k * m, (k + 1) * m)) and squared singular values. */
export interface SsiSubspace {
  vectors: Float64Array;
  values: Float64Array;
}

/** Bounds on the blocks the record is cut into: fewer make a poor covariance, more too short blocks. */
export const UNCERTAINTY_BLOCKS = { min: 10, max: 15 } as const;

/** A mode's uncertainty is the median of its poles' at this many of its lowest stable orders. */
const ORDERS_PER_MODE = 3;

/**
 * A mode's statistical uncertainty: the median of its stable poles' at the lowest orders that give
 * one (up to ORDERS_PER_MODE), each at its own order. Low orders because the first-order theory
 * needs a gap in the singular values where the model is cut: at orders deep in the noise the cut
 * falls among noise states, and the sensitivities there blow up (on a simulated 5-storey frame,
 * 3.6e-3 to 1.6e-2 Hz at orders 6 to 20 matched the scatter over 30 records within 0.67 to 1.4; at
 * orders 40 to 54 they came out 15 to 450 times it). Rejected: the median over all the mode's
 * orders (2 times the scatter) and the least over them (0.75 to 1.22, but 7 times the time).
 */
export function modeUncertainty(
  mode: { frequency_hz: number },
  polesByOrder: Array<Array<{ order: number; frequency_hz: number; stable: boolean }>>,
  params: { cluster_distance: number },
  atPoles: (poles: Array<{ order: number; frequency_hz: number }>) => ModeUncertainty[],
): ModeUncertainty | undefined {
  const lowest = polesByOrder
    .map((poles) => nearestStablePole(poles, mode.frequency_hz, params.cluster_distance))
    .filter((pole) => pole !== undefined)
    .slice(0, ORDERS_PER_MODE);
  if (lowest.length === 0) return undefined;
  const estimates = atPoles(lowest);
  return {
    frequency_sd_hz: median(estimates.map((estimate) => estimate.frequency_sd_hz)),
    damping_sd: median(estimates.map((estimate) => estimate.damping_sd)),
    blocks: estimates[0].blocks,
  };
}

function nearestStablePole<P extends { frequency_hz: number; stable: boolean }>(
  poles: P[],
  frequency: number,
  distance: number,
): P | undefined {
  let best: P | undefined;
  for (const pole of poles) {
    const apart = Math.abs(pole.frequency_hz - frequency);
    if (!pole.stable || apart > distance * frequency) continue;
    if (!best || apart < Math.abs(best.frequency_hz - frequency)) best = pole;
  }
  return best;
}

/** Samples a block needs per block row: five times the longest lag of its correlations. */
const BLOCK_SAMPLES_PER_BLOCK_ROW = 10;

/**
 * The blocks the record is cut into: as many as give each block 10 samples per block row, at most
 * 30; refused under 10.
 */
export function uncertaintyBlocks(samples: number, blockRows: number): number {
  const perBlock = BLOCK_SAMPLES_PER_BLOCK_ROW * blockRows;
  const blocks = Math.min(UNCERTAINTY_BLOCKS.max, Math.floor(samples / perBlock));
  if (blocks < UNCERTAINTY_BLOCKS.min) {
    throw paramError(
      'params.uncertainty',
      `needs the record cut into at least ${UNCERTAINTY_BLOCKS.min} blocks of ${perBlock} samples (10 per block row); the record has ${samples} (lower block_rows or give a longer record)`,
    );
  }
  return blocks;
}

/** A complex array as two real ones. */
export interface ComplexArray {
  re: Float64Array;
  im: Float64Array;
}

/**
 * The first-order change of the symmetric matrix W whose leading eigenvectors span the
 * observability matrix (T T^T of covariance SSI, the projection's P P^T of data SSI) as a linear
 * function of the correlations: `kernel` gives K with sum_t x_t^T dW w_t = sum dR K over the entries
 * of the correlations R (lags 0..2 block rows - 1, laid out as R), for given pairs (x_t, w_t).
 */
export type CorrelationKernel = (pairs: Array<[Complex[], Complex[]]>) => ComplexArray;

/**
 * Each block's correlations minus their mean over the blocks (lags 0..maxLag), the record cut into
 * `blocks` equal parts, each read once; scaled to the whole record's estimate at lag k, a sum over
 * the blocks' N_b - k products divided by N - k: by blocks (N_b - k) / (N - k), so that
 * sum_b dR_b dR_b^T / (blocks (blocks - 1)) estimates its covariance (at long lags a block has
 * relatively fewer products than the record, and its scatter overstates the record's).
 */
export function correlationDeviations(source: RecordSource, maxLag: number, blocks: number): Float64Array[] {
  const length = Math.floor(source.samples / blocks);
  const perBlock = Array.from({ length: blocks }, (_, k) =>
    outputCorrelations(rowsOfSource(source, k * length, length), maxLag),
  );
  const mean = new Float64Array(perBlock[0].length);
  for (const R of perBlock) for (let x = 0; x < mean.length; x++) mean[x] += R[x] / blocks;
  const perLag = mean.length / (maxLag + 1);
  const weight = Float64Array.from(
    { length: maxLag + 1 },
    (_, lag) => (blocks * (length - lag)) / (source.samples - lag),
  );
  return perBlock.map((R) => R.map((value, x) => (value - mean[x]) * weight[Math.floor(x / perLag)]));
}

/**
 * First-order perturbation of SSI (Reynders, Pintelon and De Roeck 2008, in the fast form of
 * Doehler and Mevel 2013): the record is cut into blocks, and each block's deviation is carried
 * through the chain W -> observability subspace -> state matrix -> eigenvalue -> frequency and
 * damping by its first-order sensitivities, never forming the covariance matrix itself: the variance
 * of a frequency is sum_k (df_k)^2 / (nb (nb - 1)). A mode is taken at the model order of its shape.
 * The subspace moves by (I - U U^T) dW U L^-1 (L the leading eigenvalues of W), the state matrix
 * A = (O_up^T O_up)^-1 O_up^T O_down with it, and an eigenvalue by u^T dA v / u^T v (u, v its left and
 * right eigenvectors). docs/oma.md, "Statistical uncertainty".
 */
export function subspaceUncertainty(
  subspace: SsiSubspace,
  l: number,
  blockRows: number,
  fs: number,
  modes: Array<{ order: number; frequency_hz: number }>,
  kernelOf: CorrelationKernel,
  deviations: Float64Array[],
): ModeUncertainty[] {
  const m = blockRows * l;
  const blocks = deviations.length;
  const norm = blocks * (blocks - 1);
  return modes.map((mode) => {
    const sensitivity = eigenvalueSensitivity(subspace, l, m, fs, mode);
    const kernel = kernelOf(sensitivity.pairs);
    let frequencyVariance = 0;
    let dampingVariance = 0;
    for (const dR of deviations) {
      const numerator = complex(0);
      for (let x = 0; x < dR.length; x++) {
        numerator.re += dR[x] * kernel.re[x];
        numerator.im += dR[x] * kernel.im[x];
      }
      const { frequency, damping } = sensitivity.change(numerator);
      frequencyVariance += frequency ** 2;
      dampingVariance += damping ** 2;
    }
    return {
      frequency_sd_hz: Math.sqrt(frequencyVariance / norm),
      damping_sd: Math.sqrt(dampingVariance / norm),
      blocks,
    };
  });
}

/**
 * One mode at its order: u^T dA v as sum_t x_t^T dW w_t (the pairs), and the change of its
 * frequency and damping from that. With dO x = (I - U U^T) dW U_n L^-1 x and u_bar = G^-1 u
 * (G = O_up^T O_up), u^T dA v = u_bar^T (dB - dG A) v =
 * (dO_up u_bar) . (O_down v - lambda O_up v) + (O_up u_bar) . (dO_down v - lambda dO_up v).
 */
function eigenvalueSensitivity(
  subspace: SsiSubspace,
  l: number,
  m: number,
  fs: number,
  mode: { order: number; frequency_hz: number },
): {
  pairs: Array<[Complex[], Complex[]]>;
  change: (numerator: Complex) => { frequency: number; damping: number };
} {
  const n = mode.order;
  const U = (row: number, column: number) => subspace.vectors[column * m + row];
  // O = U_n (the state basis does not change the eigenvalues); A = (O_up^T O_up)^-1 O_up^T O_down.
  const upRows = m - l;
  const G = new Float64Array(n * n);
  const B = new Float64Array(n * n);
  for (let a = 0; a < n; a++)
    for (let b = 0; b < n; b++) {
      let g = 0;
      let s = 0;
      for (let r = 0; r < upRows; r++) {
        g += U(r, a) * U(r, b);
        s += U(r, a) * U(r + l, b);
      }
      G[a * n + b] = g;
      B[a * n + b] = s;
    }
  const X = choleskySolve(G, B, n, n);
  if (!X) throw new OmaInputError(`SSI uncertainty: the model of order ${n} is singular`);
  const A = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A.set(i, j, X[i * n + j]);
  const right = eigenvectorNear(A, mode.frequency_hz, fs);
  const left = eigenvectorNear(A.transpose(), mode.frequency_hz, fs);
  const lambda = right.value;
  const uBar = complexSolve(G, left.vector, n);
  const Ov = applyColumns(U, right.vector, m, n);
  const Ou = applyColumns(U, uBar, m, n);
  const zero = complex(0);
  // Row weights on dO u_bar and on dO v, projected: (P c)^T dW z with P = I - U U^T.
  const onU = Array.from({ length: m }, (_, r) => (r < upRows ? sub(Ov[r + l], mul(lambda, Ov[r])) : zero));
  const onV = Array.from({ length: m }, (_, r) =>
    sub(r >= l ? Ou[r - l] : zero, r < upRows ? mul(lambda, Ou[r]) : zero),
  );
  const scaled = (x: Complex[]) => x.map((value, k) => scale(value, 1 / subspace.values[k]));
  const uv = dot(left.vector, right.vector);
  const s = {
    re: Math.log(Math.hypot(lambda.re, lambda.im)) * fs,
    im: Math.atan2(lambda.im, lambda.re) * fs,
  };
  const modulus = Math.hypot(s.re, s.im);
  return {
    pairs: [
      [project(U, onU, m, n), applyColumns(U, scaled(uBar), m, n)],
      [project(U, onV, m, n), applyColumns(U, scaled(right.vector), m, n)],
    ],
    change: (numerator) => {
      const ds = scale(div(div(numerator, uv), lambda), fs);
      const dModulus = (s.re * ds.re + s.im * ds.im) / modulus;
      return {
        frequency: dModulus / (2 * Math.PI),
        damping: -ds.re / modulus + (s.re * dModulus) / (modulus * modulus),
      };
    },
  };
}
