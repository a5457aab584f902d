import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { choleskySolve } from '../linalg/cholesky';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import { ComplexShape, modalPhaseCollinearity } from '../modes/mode-shape';
import { SsiParams } from './ssi-params';
import type { CorrelationKernel, SsiSubspace } from './uncertainty';

export interface Pole {
  order: number;
  frequency_hz: number;
  damping_ratio: number;
  shape: ComplexShape;
  mpc: number;
}

export interface SsiPoles {
  blockRows: number;
  orders: number[];
  /** poles[o] belong to orders[o]. */
  poles: Pole[][];
  /** Singular values of the block Toeplitz matrix (the leading order_max + channels). */
  singularValues: number[];
  /** The leading order_max left singular vectors and squared singular values. */
  subspace: SsiSubspace;
  /** The subspace's matrix as a linear function of the correlations, for the statistical uncertainty. */
  correlationKernel: CorrelationKernel;
}

/**
 * The poles of every order from a symmetric m x m matrix (m = block rows x channels) whose leading
 * eigenvectors span the observability matrix's columns and whose eigenvalues are the squared
 * singular values (T T^T of covariance SSI, the projection's of data SSI): the state matrix from the
 * shift invariance of the observability matrix; its eigenvalues give the poles and C times its
 * eigenvectors the mode shapes.
 */
export function polesFromSubspace(
  gram: Float64Array,
  l: number,
  blockRows: number,
  fs: number,
  params: SsiParams,
): Omit<SsiPoles, 'blockRows' | 'correlationKernel'> {
  const m = blockRows * l;
  const nMax = params.order_max;
  // Only the leading order_max left singular vectors make models (inverse iteration, not all m).
  const { values, vectors } = symmetricEigen(gram, m, nMax);
  const singularValues = Array.from(values.subarray(0, Math.min(m, nMax + l)), (v) =>
    Math.sqrt(Math.max(0, v)),
  );
  // O = U S^1/2.
  const scales = Float64Array.from({ length: nMax }, (_, k) =>
    Math.sqrt(singularValues[k] || Number.MIN_VALUE),
  );
  return {
    ...polesFromObservability(vectors, scales, l, m, fs, params),
    singularValues,
    subspace: { vectors, values },
  };
}

/**
 * The poles of every order from an observability matrix O = columns diag(scales) (m rows, block rows
 * of l channels; column k at [k m, (k + 1) m)), its columns in decreasing importance: order n takes
 * the leading n.
 */
export function polesFromObservability(
  vectors: Float64Array,
  scales: Float64Array,
  l: number,
  m: number,
  fs: number,
  params: SsiParams,
): { orders: number[]; poles: Pole[][] } {
  const nMax = params.order_max;
  const upRows = m - l;
  const G = new Float64Array(nMax * nMax);
  const B = new Float64Array(nMax * nMax);
  for (let a = 0; a < nMax; a++) {
    const ua = vectors.subarray(a * m, a * m + m);
    for (let b = 0; b < nMax; b++) {
      const ub = vectors.subarray(b * m, b * m + m);
      let g = 0;
      let s = 0;
      for (let r = 0; r < upRows; r++) {
        g += ua[r] * ub[r];
        s += ua[r] * ub[r + l];
      }
      G[a * nMax + b] = g;
      B[a * nMax + b] = s;
    }
  }

  const orders: number[] = [];
  const poles: Pole[][] = [];
  for (let n = params.order_min; n <= params.order_max; n += params.order_step) {
    const sqrtS = scales.subarray(0, n);
    const Gn = leading(G, nMax, n);
    const Bn = leading(B, nMax, n);
    const X = choleskySolve(Gn, Bn, n, n);
    // Singular when the record supports no model of this order (fewer independent signals than
    // the order, e.g. noise-free tones): the order gives no poles.
    if (!X) {
      orders.push(n);
      poles.push([]);
      continue;
    }
    const A = new Matrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) A.set(i, j, (X[i * n + j] * sqrtS[j]) / sqrtS[i]);
    const C = new Float64Array(l * n);
    for (let i = 0; i < l; i++) for (let k = 0; k < n; k++) C[i * n + k] = vectors[k * m + i] * sqrtS[k];
    orders.push(n);
    poles.push(polesOfStateSpace(A, C, l, n, { rateHz: fs }));
  }
  return { orders, poles };
}

function leading(M: Float64Array, size: number, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out.set(M.subarray(i * size, i * size + n), i * n);
  return out;
}

/** How a discrete state matrix's eigenvalues become continuous poles. */
export interface PoleConversion {
  /** Samples per second of the model's time step. */
  rateHz: number;
  /** Added to every pole's real part (a window's added decay taken off); default 0. */
  decayOffset?: number;
  /** Keep only poles with a negative real part. */
  stableOnly?: boolean;
}

/**
 * The poles of a state-space model (A, C) of `order`: each complex pair of eigenvalues of A under
 * Nyquist, its shape C times the eigenvector, sorted by frequency. Shared by SSI and pLSCF.
 */
export function polesOfStateSpace(
  A: Matrix,
  C: Float64Array,
  l: number,
  order: number,
  conversion: PoleConversion,
): Pole[] {
  const { rateHz, decayOffset = 0, stableOnly = false } = conversion;
  const n = A.rows;
  const eigen = new EigenvalueDecomposition(A);
  const re = eigen.realEigenvalues;
  const im = eigen.imaginaryEigenvalues;
  const V = eigen.eigenvectorMatrix;
  const poles: Pole[] = [];
  for (let j = 0; j + 1 < n; j++) {
    if (!(im[j] > 0)) continue;
    // A complex pair occupies columns j (real part) and j+1 (imaginary part) of V.
    const s = {
      re: Math.log(Math.hypot(re[j], im[j])) * rateHz + decayOffset,
      im: Math.atan2(im[j], re[j]) * rateHz,
    };
    const omega = Math.hypot(s.re, s.im);
    const frequency = omega / (2 * Math.PI);
    if (!(frequency > 0 && frequency < rateHz / 2) || (stableOnly && !(s.re < 0))) continue;
    const shape: ComplexShape = { re: new Float64Array(l), im: new Float64Array(l) };
    for (let i = 0; i < l; i++) {
      let sr = 0;
      let si = 0;
      for (let k = 0; k < n; k++) {
        sr += C[i * n + k] * V.get(k, j);
        si += C[i * n + k] * V.get(k, j + 1);
      }
      shape.re[i] = sr;
      shape.im[i] = si;
    }
    const pole = {
      order,
      frequency_hz: frequency,
      damping_ratio: -s.re / omega,
      shape,
      mpc: modalPhaseCollinearity(shape),
    };
    // A numerically degenerate eigenvector (at orders far above the data's rank) is no pole.
    if (Number.isFinite(pole.damping_ratio) && Number.isFinite(pole.mpc)) poles.push(pole);
  }
  return poles.sort((a, b) => a.frequency_hz - b.frequency_hz);
}
