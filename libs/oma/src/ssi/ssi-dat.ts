import { OmaInputError, paramError, requireChannels } from '../dataset';
import { choleskySolve } from '../linalg/cholesky';
import { channelMeans, RecordSource } from '../record/record-source';
import { outputCorrelations } from './correlations';
import { resolveBlockRows } from './ssi-cov';
import { SsiParams } from './ssi-params';
import { addOuterProduct, timesComplex } from './block-matrix';
import { ComplexArray, CorrelationKernel } from './uncertainty';
import { Complex } from '../linalg/complex';
import { polesFromSubspace, SsiPoles } from './subspace-poles';

/**
 * Data-driven SSI (the unweighted principal component variant): the block Hankel matrix of the
 * output, past rows Y_p (the reference channels over block rows 0..i-1) over future rows Y_f (all
 * channels over i..2i-1), j = N - 2i + 1 columns; its LQ factorisation H = L Q gives the projection
 * of the future on the past, P = L21 Q1, whose left singular vectors span the observability matrix.
 *
 * Streamed, so memory does not grow with the record (docs/oma.md): the L factor of H is the Cholesky
 * factor of H H^T, and H H^T is assembled exactly from the record's correlations (FFT, block by
 * block) corrected at both ends with the first and last 2i samples. The projection's left singular
 * vectors and values are the eigenvectors and eigenvalues of P P^T = L21 L21^T =
 * R_fp R_pp^-1 R_pf, with R the blocks of H H^T / j.
 */
export function dataSsiPoles(source: RecordSource, params: SsiParams & { references?: string[] }): SsiPoles {
  requireChannels(source);
  const l = source.channels.length;
  const blockRows = resolveBlockRows(source, params, 'SSI-DAT');
  const references = referenceIndices(source.channels, params.references);
  const gram = hankelGram(source, 2 * blockRows);
  const i = blockRows;
  const r = references.length;
  const pastSize = i * r;
  const futureSize = i * l;
  const Rpp = new Float64Array(pastSize * pastSize);
  for (let a = 0; a < i; a++)
    for (let p = 0; p < r; p++)
      for (let b = 0; b < i; b++)
        for (let q = 0; q < r; q++)
          Rpp[(a * r + p) * pastSize + b * r + q] = gram(a, references[p], b, references[q]);
  // R_pf: past rows by future columns.
  const Rpf = new Float64Array(pastSize * futureSize);
  for (let a = 0; a < i; a++)
    for (let p = 0; p < r; p++)
      for (let b = 0; b < i; b++)
        for (let q = 0; q < l; q++)
          Rpf[(a * r + p) * futureSize + b * l + q] = gram(a, references[p], i + b, q);
  // A band-limited record (filtered, decimated) leaves R_pp nearly singular; a ridge of 1e-6 of its
  // mean diagonal keeps R_pp^-1 from amplifying noise in the directions that carry no signal. It
  // changes no mode visibly, and keeps the uncertainty's first-order propagation sane (on the
  // bridge record after a 3 Hz low-pass and decimation, standard deviations of 0.14 Hz on a 0.2 Hz
  // mode without it, 3e-4 Hz with it, as covariance SSI gives).
  let trace = 0;
  for (let k = 0; k < pastSize; k++) trace += Rpp[k * pastSize + k];
  for (let k = 0; k < pastSize; k++) Rpp[k * pastSize + k] += (PAST_RIDGE * trace) / pastSize;
  const X = choleskySolve(Rpp, Rpf, pastSize, futureSize);
  if (!X) {
    throw new OmaInputError(
      'SSI-DAT: the reference channels give no independent past (identical or silent channels); choose other params.references',
    );
  }
  // P P^T = R_fp X, symmetric up to rounding.
  const projection = new Float64Array(futureSize * futureSize);
  for (let u = 0; u < futureSize; u++) {
    for (let v = u; v < futureSize; v++) {
      let sum = 0;
      for (let k = 0; k < pastSize; k++) sum += Rpf[k * futureSize + u] * X[k * futureSize + v];
      projection[u * futureSize + v] = sum;
      projection[v * futureSize + u] = sum;
    }
  }
  return {
    blockRows,
    correlationKernel: projectionKernel(l, blockRows, references, X, 2 * blockRows),
    ...polesFromSubspace(projection, l, blockRows, source.samplingRateHz, params),
  };
}

/**
 * The kernel of the projection's W = R_fp R_pp^-1 R_pf: with X = R_pp^-1 R_pf,
 * dW = dR_fp X + X^T dR_pf - X^T dR_pp X, so x^T dW w = x^T dR_fp (X w) + w^T dR_fp (X x) -
 * (X x)^T dR_pp (X w). The blocks' Hankel Grams are taken as their correlations (the edge terms, of
 * order 2i / j, left out).
 */
function projectionKernel(
  l: number,
  i: number,
  references: number[],
  X: Float64Array,
  lags: number,
): CorrelationKernel {
  const r = references.length;
  const futureSize = i * l;
  const pastSize = i * r;
  // Entry (u, v) of R_k at [(k * l + u) * l + v] is E[y_u(t + k) y_v(t)]. R_fp's entry (a, p; b, q)
  // is R_{i+a-b}(p, ref q); R_pp's is R_{b-a}(ref q, ref p) for a <= b, R_{a-b}(ref p, ref q) above.
  const futureRow = Int32Array.from(
    { length: futureSize },
    (_, row) => (i + Math.floor(row / l)) * l * l + (row % l) * l,
  );
  const pastColumn = Int32Array.from(
    { length: pastSize },
    (_, c) => -Math.floor(c / r) * l * l + references[c % r],
  );
  const blockOf = (index: number) => Math.floor(index / r);
  const ref = (index: number) => references[index % r];
  const upperRow = Int32Array.from({ length: pastSize }, (_, row) => -blockOf(row) * l * l + ref(row));
  const upperColumn = Int32Array.from({ length: pastSize }, (_, c) => blockOf(c) * l * l + ref(c) * l);
  const lowerRow = Int32Array.from({ length: pastSize }, (_, row) => blockOf(row) * l * l + ref(row) * l);
  const lowerColumn = Int32Array.from({ length: pastSize }, (_, c) => -blockOf(c) * l * l + ref(c));
  /** -(x^T dR_pp w), split at the block diagonal: a <= b and a > b index R differently. */
  const addPastPast = (K: ComplexArray, x: Complex[], w: Complex[]) => {
    for (let a = 0; a < i; a++) {
      const rows = x.slice(a * r, a * r + r);
      const upper = w.slice(a * r);
      const lower = w.slice(0, a * r);
      addOuterProduct(K, rows, upper, upperRow.subarray(a * r), upperColumn.subarray(a * r), -1);
      addOuterProduct(K, rows, lower, lowerRow.subarray(a * r), lowerColumn, -1);
    }
  };
  return (pairs) => {
    const K = { re: new Float64Array(lags * l * l), im: new Float64Array(lags * l * l) };
    for (const [x, w] of pairs) {
      const Xx = timesComplex(X, pastSize, futureSize, x);
      const Xw = timesComplex(X, pastSize, futureSize, w);
      addOuterProduct(K, x, Xw, futureRow, pastColumn);
      addOuterProduct(K, w, Xx, futureRow, pastColumn);
      addPastPast(K, Xx, Xw);
    }
    return K;
  };
}

const PAST_RIDGE = 1e-6;

/** The indices of the reference channels (all channels when none are named). */
export function referenceIndices(channels: string[], references: string[] | undefined): number[] {
  if (!references) return channels.map((_, index) => index);
  return references.map((name) => {
    const index = channels.indexOf(name);
    if (index < 0)
      throw paramError('params.references', `names "${name}", which is not a channel of the record`);
    return index;
  });
}

/**
 * (H H^T / j) entry by entry: gram(a, p, b, q) = sum over t < j of y_p(t + a) y_q(t + b) / j, the
 * record centred, for block rows a, b < rows. From the full sums F_d = sum_s y_p(s) y_q(s + d)
 * (the correlations times N - d), minus the products before the window (s < a) and after it.
 */
function hankelGram(
  source: RecordSource,
  rows: number,
): (a: number, p: number, b: number, q: number) => number {
  const n = source.channels.length;
  const N = source.samples;
  const j = N - rows + 1;
  const R = outputCorrelations(source, rows - 1);
  const means = channelMeans(source);
  const centred = (start: number) =>
    source.read(start, rows).map((channel, c) => Float64Array.from(channel, (value) => value - means[c]));
  const head = centred(0);
  const tailStart = N - rows;
  const tail = centred(tailStart);
  const ordered = (a: number, p: number, b: number, q: number): number => {
    const d = b - a;
    let sum = R[(d * n + q) * n + p] * (N - d);
    for (let s = 0; s < a; s++) sum -= head[p][s] * head[q][s + d];
    for (let s = a + j; s <= N - 1 - d; s++) sum -= tail[p][s - tailStart] * tail[q][s + d - tailStart];
    return sum / j;
  };
  return (a, p, b, q) => (a <= b ? ordered(a, p, b, q) : ordered(b, q, a, p));
}
