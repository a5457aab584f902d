import { Matrix, pseudoInverse } from 'ml-matrix';
import { paramError, requireSamples } from '../dataset';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import { outputCorrelations } from '../ssi/correlations';
import { denseBlockMatrix } from '../ssi/block-matrix';
import { defaultBlockRows, SAMPLES_PER_BLOCK_ROW } from '../ssi/ssi-cov';
import { SsiParams } from '../ssi/ssi-params';
import { polesFromObservability, Pole } from '../ssi/subspace-poles';
import { GlobalLayout, Setup } from './setups';

/**
 * PreGER (pre-global estimation re-scaling, Doehler, Andersen and Mevel), on covariance SSI: each
 * setup's reference-based block Toeplitz matrix (its channels against the references, lags 1 to
 * 2p - 1) gives its observability matrix O = U S^1/2; the roving rows of each are brought into the
 * first setup's state basis through the reference rows, O_mov pinv(O_ref) O_ref(first), and the
 * rows laid out block row by block row as the global channels (references once, then each
 * setup's roving channels). One global observability matrix, so one stabilization diagram, its
 * poles and shapes over every channel of the campaign.
 */
export function pregerPoles(
  setups: Setup[],
  layout: GlobalLayout,
  params: SsiParams,
): { blockRows: number; orders: number[]; poles: Pole[][]; singularValues: number[] } {
  const r = layout.references.length;
  const widest = Math.max(...setups.map((setup) => setup.source.channels.length));
  const shortest = Math.min(...setups.map((setup) => setup.source.samples));
  const fs = setups[0].source.samplingRateHz;
  // By default also enough block rows for the reference rows to hold order_max states.
  const p =
    params.block_rows ??
    Math.max(
      defaultBlockRows(
        { channels: new Array<string>(widest).fill(''), samplingRateHz: fs, samples: shortest },
        params,
      ),
      Math.ceil(params.order_max / r) + 1,
    );
  const nMax = params.order_max;
  if ((p - 1) * r < nMax) {
    throw paramError(
      'params.block_rows',
      `(${p}) less one, times the ${r} references, must reach order_max (${nMax}): raise block_rows or lower order_max`,
    );
  }
  for (const setup of setups)
    requireSamples(
      setup.source,
      SAMPLES_PER_BLOCK_ROW * p,
      `PreGER with ${p} block rows`,
      'lower params.block_rows',
    );

  let firstReferenceRows: Matrix | undefined;
  let singularValues: number[] = [];
  const rovingParts = setups.map((setup, s) => {
    const { referenceIndices, rovingIndices } = layout.setups[s];
    const { O, values } = referenceBasedObservability(setup, referenceIndices, p, nMax);
    const rowsOf = (channels: number[]) =>
      new Matrix(
        Array.from(
          { length: p * channels.length },
          (_, row) =>
            O[
              Math.floor(row / channels.length) * setup.source.channels.length +
                channels[row % channels.length]
            ],
        ),
      );
    const referenceRows = rowsOf(referenceIndices);
    if (s === 0) {
      firstReferenceRows = referenceRows;
      singularValues = Array.from(values, (value) => Math.sqrt(Math.max(0, value)));
    }
    return rowsOf(rovingIndices).mmul(pseudoInverse(referenceRows).mmul(firstReferenceRows!));
  });

  const L = layout.channels.length;
  const m = p * L;
  const columns = new Float64Array(nMax * m);
  for (let a = 0; a < p; a++) {
    let channel = 0;
    const place = (source: Matrix, row: number) => {
      for (let k = 0; k < nMax; k++) columns[k * m + a * L + channel] = source.get(row, k);
      channel++;
    };
    for (let q = 0; q < r; q++) place(firstReferenceRows!, a * r + q);
    rovingParts.forEach((part, s) => {
      const roving = layout.setups[s].rovingIndices.length;
      for (let j = 0; j < roving; j++) place(part, a * roving + j);
    });
  }
  const { orders, poles } = polesFromObservability(columns, new Float64Array(nMax).fill(1), L, m, fs, params);
  return { blockRows: p, orders, poles, singularValues };
}

/** The rows of O = U S^1/2 (row-major, one row of nMax per channel and block row) of one setup. */
function referenceBasedObservability(
  setup: Setup,
  referenceIndices: number[],
  p: number,
  nMax: number,
): { O: number[][]; values: Float64Array } {
  const l = setup.source.channels.length;
  const r = referenceIndices.length;
  const R = outputCorrelations(setup.source, 2 * p - 1);
  // Entry (i, q) of block (a, b): E[y_i(t + p + a - b) y_ref_q(t)].
  const T = denseBlockMatrix((a, i, b, q) => R[((p + a - b) * l + i) * l + referenceIndices[q]], p, l, r);
  const m = p * l;
  const columns = p * r;
  const W = new Float64Array(m * m);
  for (let i = 0; i < m; i++)
    for (let j = i; j < m; j++) {
      let sum = 0;
      for (let k = 0; k < columns; k++) sum += T[i * columns + k] * T[j * columns + k];
      W[i * m + j] = sum;
      W[j * m + i] = sum;
    }
  const { values, vectors } = symmetricEigen(W, m, nMax);
  const scale = Array.from({ length: nMax }, (_, k) => Math.sqrt(Math.sqrt(Math.max(0, values[k]))));
  const O = Array.from({ length: m }, (_, row) =>
    Array.from({ length: nMax }, (_, k) => vectors[k * m + row] * scale[k]),
  );
  return { O, values };
}
