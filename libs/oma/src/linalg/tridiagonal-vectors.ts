/**
 * Eigenvectors of a symmetric tridiagonal matrix for given eigenvalues, by inverse iteration (as
 * LAPACK's dstein): each solves (T - lambda I) y = b a few times from a fixed start; vectors of
 * eigenvalues closer than 1e-3 of the matrix's norm are kept orthogonal to each other, and equal
 * eigenvalues are pulled apart by a few ulps of the norm so each gets its own vector.
 */
const ITERATIONS = 3;
const CLUSTER = 1e-3;
const EPS = 2 ** -52;

/** Rows of the result are the eigenvectors, in the order of `eigenvalues`. */
export function tridiagonalEigenvectors(
  diagonal: Float64Array,
  offDiagonal: Float64Array,
  eigenvalues: Float64Array,
): Float64Array {
  const n = diagonal.length;
  let norm = 0;
  for (let i = 0; i < n; i++)
    norm = Math.max(
      norm,
      Math.abs(diagonal[i]) + Math.abs(offDiagonal[i]) + Math.abs(offDiagonal[i - 1] ?? 0),
    );
  const tiny = Math.max(norm * EPS, Number.MIN_VALUE);
  const vectors = new Float64Array(eigenvalues.length * n);
  const factors = new TridiagonalLu(n);
  let previous = NaN;
  let clusterStart = 0;
  for (let k = 0; k < eigenvalues.length; k++) {
    let lambda = eigenvalues[k];
    if (k > 0 && Math.abs(lambda - previous) < CLUSTER * norm) {
      if (lambda >= previous - 10 * tiny) lambda = previous - 10 * tiny;
    } else clusterStart = k;
    previous = lambda;
    factors.factor(diagonal, offDiagonal, lambda, tiny);
    const y = vectors.subarray(k * n, k * n + n);
    for (let i = 0; i < n; i++) y[i] = Math.sin(0.7 * (i + 1) + k) + 0.5;
    for (let iteration = 0; iteration < ITERATIONS; iteration++) {
      factors.solve(y);
      for (let j = clusterStart; j < k; j++) subtractProjection(y, vectors.subarray(j * n, j * n + n));
      normalise(y);
    }
  }
  return vectors;
}

function subtractProjection(y: Float64Array, unit: Float64Array): void {
  let dot = 0;
  for (let i = 0; i < y.length; i++) dot += y[i] * unit[i];
  for (let i = 0; i < y.length; i++) y[i] -= dot * unit[i];
}

function normalise(y: Float64Array): void {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += y[i] * y[i];
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < y.length; i++) y[i] *= scale;
}

/** LU factors of T - lambda I with partial pivoting (LAPACK's dgttrf), and its solve (dgttrs). */
class TridiagonalLu {
  private readonly lower: Float64Array;
  private readonly main: Float64Array;
  private readonly upper: Float64Array;
  private readonly upper2: Float64Array;
  private readonly swapped: Uint8Array;

  constructor(private readonly n: number) {
    this.lower = new Float64Array(n);
    this.main = new Float64Array(n);
    this.upper = new Float64Array(n);
    this.upper2 = new Float64Array(n);
    this.swapped = new Uint8Array(n);
  }

  factor(diagonal: Float64Array, offDiagonal: Float64Array, lambda: number, tiny: number): void {
    const { n, lower: l, main: b, upper: c, upper2: c2, swapped } = this;
    for (let i = 0; i < n; i++) {
      b[i] = diagonal[i] - lambda;
      l[i] = offDiagonal[i];
      c[i] = offDiagonal[i];
      c2[i] = 0;
      swapped[i] = 0;
    }
    for (let i = 0; i < n - 1; i++) {
      if (Math.abs(b[i]) >= Math.abs(l[i])) {
        if (b[i] === 0) b[i] = tiny;
        const factor = l[i] / b[i];
        l[i] = factor;
        b[i + 1] -= factor * c[i];
      } else {
        const factor = b[i] / l[i];
        b[i] = l[i];
        l[i] = factor;
        const temp = c[i];
        c[i] = b[i + 1];
        b[i + 1] = temp - factor * b[i + 1];
        if (i < n - 2) {
          c2[i] = c[i + 1];
          c[i + 1] = -factor * c[i + 1];
        }
        swapped[i] = 1;
      }
    }
    for (let i = 0; i < n; i++) if (Math.abs(b[i]) < tiny) b[i] = b[i] < 0 ? -tiny : tiny;
  }

  solve(x: Float64Array): void {
    const { n, lower: l, main: b, upper: c, upper2: c2, swapped } = this;
    for (let i = 0; i < n - 1; i++) {
      if (swapped[i]) {
        const temp = x[i];
        x[i] = x[i + 1];
        x[i + 1] = temp - l[i] * x[i];
      } else x[i + 1] -= l[i] * x[i];
    }
    x[n - 1] /= b[n - 1];
    if (n > 1) x[n - 2] = (x[n - 2] - c[n - 2] * x[n - 1]) / b[n - 2];
    for (let i = n - 3; i >= 0; i--) x[i] = (x[i] - c[i] * x[i + 1] - c2[i] * x[i + 2]) / b[i];
  }
}
