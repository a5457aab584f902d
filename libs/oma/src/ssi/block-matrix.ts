import { Complex } from '../linalg/complex';

/** Entry (i, j) of block (a, b) of a matrix of blocks x blocks blocks, read from correlations. */
export type BlockEntry = (a: number, i: number, b: number, j: number) => number;

/** The matrix of blocks, dense and row-major: (blocks * rowSize) x (blocks * columnSize). */
export function denseBlockMatrix(
  entry: BlockEntry,
  blocks: number,
  rowSize: number,
  columnSize: number,
): Float64Array {
  const columns = blocks * columnSize;
  const out = new Float64Array(blocks * rowSize * columns);
  for (let a = 0; a < blocks; a++)
    for (let i = 0; i < rowSize; i++) {
      const row = (a * rowSize + i) * columns;
      for (let b = 0; b < blocks; b++)
        for (let j = 0; j < columnSize; j++) out[row + b * columnSize + j] = entry(a, i, b, j);
    }
  return out;
}

/** M X, M rows x inner, X inner x q (both row-major). */
export function times(
  M: Float64Array,
  rows: number,
  inner: number,
  X: Float64Array,
  q: number,
): Float64Array {
  const out = new Float64Array(rows * q);
  for (let i = 0; i < rows; i++) {
    const target = i * q;
    for (let k = 0; k < inner; k++) {
      const value = M[i * inner + k];
      if (value === 0) continue;
      const source = k * q;
      for (let c = 0; c < q; c++) out[target + c] += value * X[source + c];
    }
  }
  return out;
}

/** M^T X, M rows x inner (row-major), X rows x q: an inner x q result. */
export function transposeTimes(
  M: Float64Array,
  rows: number,
  inner: number,
  X: Float64Array,
  q: number,
): Float64Array {
  const out = new Float64Array(inner * q);
  for (let i = 0; i < rows; i++) {
    const source = i * q;
    for (let k = 0; k < inner; k++) {
      const value = M[i * inner + k];
      if (value === 0) continue;
      const target = k * q;
      for (let c = 0; c < q; c++) out[target + c] += value * X[source + c];
    }
  }
  return out;
}

/** M^T x for a real M (rows x inner, row-major) and complex x. */
export function transposeTimesComplex(M: Float64Array, rows: number, inner: number, x: Complex[]): Complex[] {
  return unpack(transposeTimes(M, rows, inner, pack(x), 2));
}

/** M x for a real M (rows x inner, row-major) and complex x. */
export function timesComplex(M: Float64Array, rows: number, inner: number, x: Complex[]): Complex[] {
  return unpack(times(M, rows, inner, pack(x), 2));
}

/** Complex values as the two columns (re, im) of a real matrix, and back. */
const pack = (x: Complex[]) => Float64Array.from(x.flatMap((value) => [value.re, value.im]));
const unpack = (packed: Float64Array): Complex[] =>
  Array.from({ length: packed.length / 2 }, (_, k) => ({ re: packed[2 * k], im: packed[2 * k + 1] }));

/**
 * Adds sign * x_r w_s (complex, no conjugate) to K at rowPart[r] + columnPart[s] for every r, s
 * (an index that splits into a row's and a column's part, as a block Toeplitz layout does).
 */
export function addOuterProduct(
  K: { re: Float64Array; im: Float64Array },
  x: Complex[],
  w: Complex[],
  rowPart: Int32Array,
  columnPart: Int32Array,
  sign = 1,
): void {
  const wRe = Float64Array.from(w, (value) => value.re);
  const wIm = Float64Array.from(w, (value) => value.im);
  for (let r = 0; r < x.length; r++) {
    const xRe = sign * x[r].re;
    const xIm = sign * x[r].im;
    if (xRe === 0 && xIm === 0) continue;
    const base = rowPart[r];
    for (let s = 0; s < wRe.length; s++) {
      const at = base + columnPart[s];
      K.re[at] += xRe * wRe[s] - xIm * wIm[s];
      K.im[at] += xRe * wIm[s] + xIm * wRe[s];
    }
  }
}
