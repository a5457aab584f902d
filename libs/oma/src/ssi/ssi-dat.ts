import { OmaInputError, paramError, requireChannels } from '../dataset';
import { choleskySolve } from '../linalg/cholesky';
import { channelMeans, RecordSource } from '../record/record-source';
import { outputCorrelations } from './correlations';
import { resolveBlockRows } from './ssi-cov';
import { SsiParams } from './ssi-params';
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
        for (let q = 0; q < r; q++) Rpp[(a * r + p) * pastSize + b * r + q] = gram(a, references[p], b, references[q]);
  // R_pf: past rows by future columns.
  const Rpf = new Float64Array(pastSize * futureSize);
  for (let a = 0; a < i; a++)
    for (let p = 0; p < r; p++)
      for (let b = 0; b < i; b++)
        for (let q = 0; q < l; q++) Rpf[(a * r + p) * futureSize + b * l + q] = gram(a, references[p], i + b, q);
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
  return { blockRows, ...polesFromSubspace(projection, l, blockRows, source.samplingRateHz, params) };
}

/** The indices of the reference channels (all channels when none are named). */
export function referenceIndices(channels: string[], references: string[] | undefined): number[] {
  if (!references) return channels.map((_, index) => index);
  return references.map((name) => {
    const index = channels.indexOf(name);
    if (index < 0) throw paramError('params.references', `names "${name}", which is not a channel of the record`);
    return index;
  });
}

/**
 * (H H^T / j) entry by entry: gram(a, p, b, q) = sum over t < j of y_p(t + a) y_q(t + b) / j, the
 * record centred, for block rows a, b < rows. From the full sums F_d = sum_s y_p(s) y_q(s + d)
 * (the correlations times N - d), minus the products before the window (s < a) and after it.
 */
function hankelGram(source: RecordSource, rows: number): (a: number, p: number, b: number, q: number) => number {
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
