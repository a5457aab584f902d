import { symmetricEigen } from './symmetric-eigen';

/** A x = lambda x and orthonormal rows, for the leading `count` vectors; the largest error of each. */
function errors(A: Float64Array, n: number, count: number) {
  const { values, vectors } = symmetricEigen(A, n, count);
  const norm = Math.max(...Array.from(values, Math.abs));
  let residual = 0;
  let orthogonality = 0;
  for (let k = 0; k < count; k++) {
    const x = vectors.subarray(k * n, k * n + n);
    for (let i = 0; i < n; i++) {
      let ax = 0;
      for (let j = 0; j < n; j++) ax += A[i * n + j] * x[j];
      residual = Math.max(residual, Math.abs(ax - values[k] * x[i]) / norm);
    }
    for (let j = 0; j <= k; j++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += x[i] * vectors[j * n + i];
      orthogonality = Math.max(orthogonality, Math.abs(dot - (j === k ? 1 : 0)));
    }
  }
  return { values, residual, orthogonality };
}

/** A symmetric matrix with the given eigenvalues in a basis fixed by `seed`. */
function withEigenvalues(eigenvalues: number[], seed: number): Float64Array {
  const n = eigenvalues.length;
  const random = Float64Array.from(
    { length: n * n },
    (_, i) => (Math.sin(seed * 12.9898 + i * 78.233) * 43758.5453) % 1,
  );
  const B = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) B[i * n + j] = B[j * n + i] = random[i * n + j];
  const Q = symmetricEigen(B, n).vectors;
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += Q[k * n + i] * eigenvalues[k] * Q[k * n + j];
      A[i * n + j] = sum;
    }
  return A;
}

describe('symmetricEigen', () => {
  it('the leading vectors by inverse iteration agree with the full decomposition', () => {
    const n = 80;
    const A = withEigenvalues(
      Array.from({ length: n }, (_, i) => Math.exp(-i / 6)),
      1,
    );
    const full = symmetricEigen(A, n);
    const leading = symmetricEigen(A, n, 20);
    expect(Array.from(leading.values)).toEqual(Array.from(full.values).map((v) => expect.closeTo(v, 12)));
    for (let k = 0; k < 20; k++) {
      let dot = 0;
      for (let i = 0; i < n; i++) dot += full.vectors[k * n + i] * leading.vectors[k * n + i];
      expect(Math.abs(dot)).toBeCloseTo(1, 10);
    }
  });

  it('gives orthonormal eigenvectors for clustered and equal eigenvalues (a noise floor)', () => {
    const n = 90;
    const eigenvalues = Array.from({ length: n }, (_, i) =>
      i < 10 ? 10 - i : i < 40 ? 1e-9 * (1 + i * 1e-7) : 0,
    );
    const { residual, orthogonality } = errors(withEigenvalues(eigenvalues, 2), n, 50);
    expect(residual).toBeLessThan(1e-10);
    expect(orthogonality).toBeLessThan(1e-10);
  });

  it('all of them, by the full QL iterations', () => {
    const n = 40;
    const { residual, orthogonality } = errors(
      withEigenvalues(
        Array.from({ length: n }, (_, i) => i - 20),
        3,
      ),
      n,
      n,
    );
    expect(residual).toBeLessThan(1e-12);
    expect(orthogonality).toBeLessThan(1e-12);
  });
});
