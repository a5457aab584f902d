import { symmetricEigen } from './symmetric-eigen';

export interface HermitianEigen {
  /** Eigenvalues, largest first. */
  values: Float64Array;
  /** Eigenvector of the largest eigenvalue. */
  firstRe: Float64Array;
  firstIm: Float64Array;
  /** Eigenvector of the second largest (zeros for a 1 x 1 matrix). */
  secondRe: Float64Array;
  secondIm: Float64Array;
}

/**
 * Eigenvalues of a Hermitian matrix (= its singular values when positive semi-definite) and the
 * two leading eigenvectors, through the real symmetric embedding [[Re, -Im], [Im, Re]], whose
 * eigenvalues are those of the matrix, each twice (so the second one's vector is column 2).
 */
export function hermitianEigen(re: Float64Array, im: Float64Array, n: number, offset = 0): HermitianEigen {
  const size = 2 * n;
  const embedded = new Float64Array(size * size);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const r = re[offset + i * n + j];
      const m = im[offset + i * n + j];
      embedded[i * size + j] = r;
      embedded[(i + n) * size + j + n] = r;
      embedded[i * size + j + n] = -m;
      embedded[(i + n) * size + j] = m;
    }
  }
  const { values, vectors } = symmetricEigen(embedded, size);
  return {
    values: Float64Array.from({ length: n }, (_, k) => values[2 * k]),
    firstRe: vectors.slice(0, n),
    firstIm: vectors.slice(n, size),
    secondRe: n > 1 ? vectors.slice(2 * size, 2 * size + n) : new Float64Array(n),
    secondIm: n > 1 ? vectors.slice(2 * size + n, 3 * size) : new Float64Array(n),
  };
}
