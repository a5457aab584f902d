import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { OmaInputError } from '../dataset';
import { choleskySolve } from '../linalg/cholesky';
import { add, Complex, complex, mul, sub } from '../linalg/complex';

/** U_n x (x of length n). */
export function applyColumns(
  U: (row: number, column: number) => number,
  x: Complex[],
  m: number,
  n: number,
): Complex[] {
  return Array.from({ length: m }, (_, r) => {
    let re = 0;
    let im = 0;
    for (let k = 0; k < n; k++) {
      re += U(r, k) * x[k].re;
      im += U(r, k) * x[k].im;
    }
    return { re, im };
  });
}

/** (I - U_n U_n^T) y. */
export function project(
  U: (row: number, column: number) => number,
  y: Complex[],
  m: number,
  n: number,
): Complex[] {
  const coefficients = Array.from({ length: n }, (_, k) => {
    let re = 0;
    let im = 0;
    for (let r = 0; r < m; r++) {
      re += U(r, k) * y[r].re;
      im += U(r, k) * y[r].im;
    }
    return { re, im };
  });
  const back = applyColumns(U, coefficients, m, n);
  return y.map((value, r) => sub(value, back[r]));
}

/** The eigenvalue of a real matrix with positive imaginary part nearest the frequency, and its vector. */
export function eigenvectorNear(
  A: Matrix,
  frequencyHz: number,
  fs: number,
): { value: Complex; vector: Complex[] } {
  const eigen = new EigenvalueDecomposition(A);
  const re = eigen.realEigenvalues;
  const im = eigen.imaginaryEigenvalues;
  const V = eigen.eigenvectorMatrix;
  const n = re.length;
  let best = -1;
  let bestDistance = Infinity;
  for (let j = 0; j + 1 < n; j++) {
    if (!(im[j] > 0)) continue;
    const hz =
      (Math.hypot(Math.log(Math.hypot(re[j], im[j])), Math.atan2(im[j], re[j])) * fs) / (2 * Math.PI);
    if (Math.abs(hz - frequencyHz) < bestDistance) {
      best = j;
      bestDistance = Math.abs(hz - frequencyHz);
    }
  }
  if (best < 0) throw new OmaInputError('SSI uncertainty: the mode has no pole at its order');
  return {
    value: { re: re[best], im: im[best] },
    vector: Array.from({ length: n }, (_, k) => ({ re: V.get(k, best), im: V.get(k, best + 1) })),
  };
}

/** G^-1 x for a symmetric positive definite G and complex x. */
export function complexSolve(G: Float64Array, x: Complex[], n: number): Complex[] {
  const rhs = new Float64Array(n * 2);
  x.forEach((value, k) => {
    rhs[k * 2] = value.re;
    rhs[k * 2 + 1] = value.im;
  });
  const solved = choleskySolve(G, rhs, n, 2);
  if (!solved) throw new OmaInputError('SSI uncertainty: the observability matrix is singular');
  return x.map((_, k) => ({ re: solved[k * 2], im: solved[k * 2 + 1] }));
}

export function dot(a: Complex[], b: Complex[]): Complex {
  return a.reduce((sum, value, k) => add(sum, mul(value, b[k])), complex(0));
}
