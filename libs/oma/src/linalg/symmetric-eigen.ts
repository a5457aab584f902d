import { tridiagonalEigenvectors } from './tridiagonal-vectors';

/**
 * Eigen-decomposition of a real symmetric matrix: Householder tridiagonalisation followed by the
 * implicit QL algorithm (the tred2/tql2 pair of EISPACK, as in JAMA), on a flat array. JAMA's
 * V[i][j] is kept at V[j * n + i] (transposed) so that its inner loops, which run down columns,
 * read contiguous memory (the decomposition of a 720 x 720 matrix: 0.46 s instead of 0.57 s), and
 * each eigenvector ends as a row.
 */
export interface SymmetricEigen {
  /** Eigenvalues, largest first. */
  values: Float64Array;
  /** Eigenvectors of the leading eigenvalues as rows: vector k is vectors[k*n .. k*n+n). */
  vectors: Float64Array;
}

/**
 * All eigenvalues, and the eigenvectors of the `count` largest (all by default). With fewer than
 * all, the QL iterations leave the vectors alone and the leading ones come from the tridiagonal
 * matrix by inverse iteration (tridiagonal-vectors.ts): SSI needs order_max of its 720.
 */
export function symmetricEigen(matrix: Float64Array, n: number, count = n): SymmetricEigen {
  const V = Float64Array.from(matrix);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  tridiagonalise(V, d, e, n);
  if (count < n) {
    const diagonal = Float64Array.from(d);
    // e[i] couples rows i - 1 and i; the off-diagonal of row i is e[i + 1].
    const offDiagonal = Float64Array.from({ length: n }, (_, i) => (i + 1 < n ? e[i + 1] : 0));
    diagonalise(null, d, e, n);
    const values = Float64Array.from(d).sort().reverse();
    const leading = tridiagonalEigenvectors(diagonal, offDiagonal, values.subarray(0, count));
    return { values, vectors: transformed(V, leading, n, count) };
  }
  diagonalise(V, d, e, n);
  const order = Array.from(d.keys()).sort((a, b) => d[b] - d[a]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((column, k) => {
    values[k] = d[column];
    vectors.set(V.subarray(column * n, column * n + n), k * n);
  });
  return { values, vectors };
}

function tridiagonalise(V: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) d[j] = V[j * n + (n - 1)];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = V[j * n + (i - 1)];
        V[j * n + i] = 0;
        V[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        V[i * n + j] = f;
        g = e[j] + V[j * n + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[j * n + k] * d[k];
          e[k] += V[j * n + k] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) V[j * n + k] -= f * e[k] + g * d[k];
        d[j] = V[j * n + (i - 1)];
        V[j * n + i] = 0;
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    V[i * n + (n - 1)] = V[i * n + i];
    V[i * n + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[(i + 1) * n + k] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[(i + 1) * n + k] * V[j * n + k];
        for (let k = 0; k <= i; k++) V[j * n + k] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) V[(i + 1) * n + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[j * n + (n - 1)];
    V[j * n + (n - 1)] = 0;
  }
  V[(n - 1) * n + (n - 1)] = 1;
  e[0] = 0;
}

/** x_k = Q y_k for the rows y_k of `leading`; Q's column j is row j of V (transposed storage). */
function transformed(V: Float64Array, leading: Float64Array, n: number, count: number): Float64Array {
  const vectors = new Float64Array(count * n);
  for (let k = 0; k < count; k++) {
    const x = vectors.subarray(k * n, k * n + n);
    for (let j = 0; j < n; j++) {
      const y = leading[k * n + j];
      if (y === 0) continue;
      const column = j * n;
      for (let i = 0; i < n; i++) x[i] += y * V[column + i];
    }
  }
  return vectors;
}

/** The implicit QL iterations; with V null, eigenvalues only. */
function diagonalise(V: Float64Array | null, d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n && Math.abs(e[m]) > eps * tst1) m++;
    if (m === n) m = n - 1;
    if (m > l) {
      let iterations = 0;
      do {
        if (++iterations > 60) throw new Error('symmetric eigen-decomposition did not converge');
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          // Rows i and i + 1 of the transposed matrix: contiguous.
          const next = (i + 1) * n;
          const row = i * n;
          for (let k = 0; V && k < n; k++) {
            h = V[next + k];
            V[next + k] = s * V[row + k] + c * h;
            V[row + k] = c * V[row + k] - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
}
