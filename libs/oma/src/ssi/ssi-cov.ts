import { OmaInputError, requireChannels, requireSamples } from '../dataset';
import { RecordSource, shapeOf } from '../record/record-source';
import { PARAMETER_LIMITS } from '../params/parameter-schemas';
import { polesFromSubspace, SsiPoles } from './subspace-poles';
import { outputCorrelations } from './correlations';
import { SsiParams } from './ssi-params';
import { addOuterProduct, denseBlockMatrix, transposeTimesComplex } from './block-matrix';
import { CorrelationKernel } from './uncertainty';

/** Samples a record needs per block row (correlations over 2 * block_rows lags, averaged enough). */
export const SAMPLES_PER_BLOCK_ROW = 20;
/** Lags of the default block rows: at least this long, and this many periods of the band's low end. */
const MIN_LAG_SECONDS = 2;
const LAG_PERIODS = 3;
/** Cost bound of the defaults: the block Toeplitz matrix is at most this many rows (block rows x channels). */
const MAX_DEFAULT_TOEPLITZ_ROWS = 720;
const MIN_DEFAULT_BLOCK_ROWS = 20;
/**
 * ... and at least this many samples per row of it: a short record of many channels gives noisy
 * correlations at long lags, whose noise poles crowd out weak modes (a 200 s record of a 12-storey
 * frame: 10 of 12 modes at 60 block rows, 12 at 27).
 */
const SAMPLES_PER_TOEPLITZ_ROW = 30;

/**
 * Default block rows, following the sampling rate: lags covering at least 2 s and 3 periods of the
 * band's low end (when a band is given), at least 20 rows and room for order_max; within a cost
 * bound (a Toeplitz matrix of at most 720 rows), the record's length (30 samples per Toeplitz row)
 * and the parameter limit. At 100 Hz with 12 channels that is 60 rows (0.6 s), where a fixed 20
 * rows put the lowest mode of pyOMA2's example 2.55% high (docs/oma.md).
 */
export function defaultBlockRows(
  record: { channels: string[]; samplingRateHz: number; samples: number },
  params: { order_max: number; frequency_band?: [number, number] },
): number {
  const channels = record.channels.length;
  const forOrder = Math.ceil(params.order_max / channels) + 1;
  const low = params.frequency_band?.[0] ?? 0;
  const lagSeconds = Math.max(MIN_LAG_SECONDS, low > 0 ? LAG_PERIODS / low : 0);
  const wanted = Math.max(Math.ceil(lagSeconds * record.samplingRateHz), MIN_DEFAULT_BLOCK_ROWS, forOrder);
  const bound = Math.min(
    Math.floor(MAX_DEFAULT_TOEPLITZ_ROWS / channels),
    Math.floor(record.samples / SAMPLES_PER_BLOCK_ROW),
    Math.floor(record.samples / (SAMPLES_PER_TOEPLITZ_ROW * channels)),
    PARAMETER_LIMITS.blockRows,
  );
  return Math.max(forOrder, Math.min(wanted, Math.max(bound, MIN_DEFAULT_BLOCK_ROWS)));
}

/** The block rows of a run (given or default), refused when the record or order_max cannot take them. */
export function resolveBlockRows(source: RecordSource, params: SsiParams, method: string): number {
  const l = source.channels.length;
  const blockRows = params.block_rows ?? defaultBlockRows(shapeOf(source), params);
  if (blockRows * l - l < params.order_max) {
    throw new OmaInputError(
      `params.block_rows (${blockRows}) times the ${l} channels must exceed order_max (${params.order_max}) by at least one block row`,
    );
  }
  requireSamples(
    source,
    SAMPLES_PER_BLOCK_ROW * blockRows,
    `${method} with ${blockRows} block rows`,
    'lower params.order_max or params.block_rows, or give a longer record',
  );
  return blockRows;
}

/**
 * Covariance-driven SSI: block Toeplitz matrix of output correlations, its leading singular
 * vectors, and for each order the state matrix from the shift invariance of the observability
 * matrix; its eigenvalues give the poles and C times its eigenvectors the mode shapes.
 */
export function covarianceSsiPoles(source: RecordSource, params: SsiParams): SsiPoles {
  requireChannels(source);
  const l = source.channels.length;
  const fs = source.samplingRateHz;
  const blockRows = resolveBlockRows(source, params, 'SSI');

  const R = outputCorrelations(source, 2 * blockRows - 1);
  const p = blockRows;
  const m = p * l;
  // Entry (i, j) of block (a, b) of T is R_{p+a-b}(i, j), at ((p + a - b) l + i) l + j.
  const rowPart = Int32Array.from({ length: m }, (_, r) => (p + Math.floor(r / l)) * l * l + (r % l) * l);
  const columnPart = Int32Array.from({ length: m }, (_, c) => -Math.floor(c / l) * l * l + (c % l));
  // W = T T^T, so x^T dW w = x^T dT (T^T w) + w^T dT (T^T x).
  let T: Float64Array | undefined;
  const correlationKernel: CorrelationKernel = (pairs) => {
    T ??= denseBlockMatrix((a, i, b, j) => R[((p + a - b) * l + i) * l + j], p, l, l);
    const K = { re: new Float64Array(R.length), im: new Float64Array(R.length) };
    for (const [x, w] of pairs) {
      addOuterProduct(K, x, transposeTimesComplex(T, m, m, w), rowPart, columnPart);
      addOuterProduct(K, w, transposeTimesComplex(T, m, m, x), rowPart, columnPart);
    }
    return K;
  };
  return {
    blockRows,
    correlationKernel,
    ...polesFromSubspace(toeplitzGram(R, l, blockRows), l, blockRows, fs, params),
  };
}

/**
 * T T^T of the block Toeplitz matrix T (block (a, b) = R_{p + a - b}, p block rows), whose
 * eigenvectors are T's left singular vectors and eigenvalues its squared singular values, built
 * from T's structure: block (a + 1, b + 1) is block (a, b) plus R_{p+a+1} R_{p+b+1}^T minus
 * R_{a+1} R_{b+1}^T, so the first block row is summed and the rest follows, p^2 products of
 * l x l blocks instead of the m^3 of T T^T (720 x 720: 10 ms instead of 180 ms).
 */
function toeplitzGram(R: Float64Array, l: number, p: number): Float64Array {
  const m = p * l;
  const G = new Float64Array(m * m);
  /** Adds sign * R_lagA R_lagB^T to block (a, b). */
  const addProduct = (a: number, b: number, lagA: number, lagB: number, sign: number) => {
    for (let i = 0; i < l; i++) {
      for (let j = 0; j < l; j++) {
        let sum = 0;
        for (let k = 0; k < l; k++) sum += R[(lagA * l + i) * l + k] * R[(lagB * l + j) * l + k];
        G[(a * l + i) * m + b * l + j] += sign * sum;
      }
    }
  };
  for (let b = 0; b < p; b++) {
    for (let c = 0; c < p; c++) addProduct(0, b, p - c, p + b - c, 1);
  }
  for (let a = 1; a < p; a++) {
    for (let b = a; b < p; b++) {
      for (let i = 0; i < l; i++) {
        const from = ((a - 1) * l + i) * m + (b - 1) * l;
        G.copyWithin((a * l + i) * m + b * l, from, from + l);
      }
      addProduct(a, b, p + a, p + b, 1);
      addProduct(a, b, a, b, -1);
    }
  }
  // The lower blocks mirror the upper ones.
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < i; j++) if (Math.floor(j / l) < Math.floor(i / l)) G[i * m + j] = G[j * m + i];
  }
  return G;
}
