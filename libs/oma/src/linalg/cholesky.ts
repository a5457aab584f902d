/** Lower-triangular L with G = L L^T for a symmetric n x n G (row-major); null unless G is positive definite. */
export function choleskyFactor(G: Float64Array, n: number): Float64Array | null {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = G[i * n + j];
      for (let k = 0; k < j; k++) sum -= L[i * n + k] * L[j * n + k];
      if (i === j) {
        if (!(sum > 0)) return null;
        L[i * n + i] = Math.sqrt(sum);
      } else {
        L[i * n + j] = sum / L[j * n + j];
      }
    }
  }
  return L;
}

/** Solves G X = B for a symmetric n x n G (row-major), B n x columns; null unless G is positive definite. */
export function choleskySolve(
  G: Float64Array,
  B: Float64Array,
  n: number,
  columns: number,
): Float64Array | null {
  const L = choleskyFactor(G, n);
  if (!L) return null;
  const X = Float64Array.from(B);
  for (let c = 0; c < columns; c++) {
    for (let i = 0; i < n; i++) {
      let sum = X[i * columns + c];
      for (let k = 0; k < i; k++) sum -= L[i * n + k] * X[k * columns + c];
      X[i * columns + c] = sum / L[i * n + i];
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = X[i * columns + c];
      for (let k = i + 1; k < n; k++) sum -= L[k * n + i] * X[k * columns + c];
      X[i * columns + c] = sum / L[i * n + i];
    }
  }
  return X;
}
