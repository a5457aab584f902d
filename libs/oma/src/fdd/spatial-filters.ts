import { inverse, Matrix } from 'ml-matrix';
import { hermitianEigen } from '../linalg/hermitian-eigen';
import { ComplexShape } from '../modes/mode-shape';

/** A spectral matrix G line by line: entry (i, j) of line k at [(k * n + i) * n + j]. */
export interface LineSpectra {
  re: Float64Array;
  im: Float64Array;
}

/**
 * Modal filters of a set of shapes: w_j with w_j^H phi_k = 1 for j = k and 0 otherwise (the
 * columns of Phi (Phi^H Phi)^-1). Seen through w_j, the spectral matrix shows mode j alone, also
 * where a close mode of another shape overlaps it.
 */
export function modalFilters(shapes: ComplexShape[], n: number): ComplexShape[] {
  const p = shapes.length;
  // Complex matrices as real ones of twice the size: [[Re, -Im], [Im, Re]].
  const phi = new Matrix(2 * n, 2 * p);
  shapes.forEach((shape, j) => {
    for (let i = 0; i < n; i++) {
      phi.set(i, j, shape.re[i]);
      phi.set(i + n, j + p, shape.re[i]);
      phi.set(i + n, j, shape.im[i]);
      phi.set(i, j + p, -shape.im[i]);
    }
  });
  const filters = phi.mmul(inverse(phi.transpose().mmul(phi), true));
  return shapes.map((_, j) => ({
    re: Float64Array.from({ length: n }, (_, i) => filters.get(i, j)),
    im: Float64Array.from({ length: n }, (_, i) => filters.get(i + n, j)),
  }));
}

/** w^H G(f) w at each line: the spectrum a modal filter lets through. */
export function filteredPsd(
  spectra: LineSpectra,
  n: number,
  filter: ComplexShape,
  lines: number,
): Float64Array {
  return Float64Array.from({ length: lines }, (_, k) => filteredValue(spectra, n, filter, k));
}

/** w^H G w at one line. */
export function filteredValue(spectra: LineSpectra, n: number, filter: ComplexShape, line: number): number {
  const base = line * n * n;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const gr = spectra.re[base + i * n + j];
      const gi = spectra.im[base + i * n + j];
      // Re(conj(w_i) G_ij w_j); the imaginary parts cancel over the Hermitian pairs.
      const pr = filter.re[i] * filter.re[j] + filter.im[i] * filter.im[j];
      const pi = filter.re[i] * filter.im[j] - filter.im[i] * filter.re[j];
      sum += gr * pr - gi * pi;
    }
  }
  return Math.max(0, sum);
}

/** G(f) w at one line: near mode j, seen through its filter, that mode's shape. */
export function filteredShape(
  spectra: LineSpectra,
  n: number,
  filter: ComplexShape,
  line: number,
): ComplexShape {
  const shape = { re: new Float64Array(n), im: new Float64Array(n) };
  const base = line * n * n;
  for (let i = 0; i < n; i++) {
    let re = 0;
    let im = 0;
    for (let j = 0; j < n; j++) {
      const gr = spectra.re[base + i * n + j];
      const gi = spectra.im[base + i * n + j];
      re += gr * filter.re[j] - gi * filter.im[j];
      im += gr * filter.im[j] + gi * filter.re[j];
    }
    shape.re[i] = re;
    shape.im[i] = im;
  }
  return shape;
}

/**
 * The first singular value and vector of (I - Pi) G (I - Pi) at each line of `ranges` (0 elsewhere),
 * Pi the projector on the given shapes: the spectrum with the modes already found taken out, where a close mode hidden
 * under a stronger one's lobe stands as a peak of its own.
 */
export function deflatedSpectrum(
  spectra: LineSpectra,
  n: number,
  shapes: ComplexShape[],
  lines: number,
  ranges: Array<[number, number]> = [[0, lines - 1]],
): { values: Float64Array; vectorAt: (line: number) => ComplexShape } {
  const filters = modalFilters(shapes, n);
  // P = I - sum_j w_j phi_j^H (Hermitian), as re/im n x n.
  const pRe = new Float64Array(n * n);
  const pIm = new Float64Array(n * n);
  for (let i = 0; i < n; i++) pRe[i * n + i] = 1;
  shapes.forEach((phi, j) => {
    const w = filters[j];
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        // w_a conj(phi_b)
        pRe[a * n + b] -= w.re[a] * phi.re[b] + w.im[a] * phi.im[b];
        pIm[a * n + b] -= w.im[a] * phi.re[b] - w.re[a] * phi.im[b];
      }
    }
  });
  const values = new Float64Array(lines);
  const vectors = { re: new Float64Array(lines * n), im: new Float64Array(lines * n) };
  const tRe = new Float64Array(n * n);
  const tIm = new Float64Array(n * n);
  const dRe = new Float64Array(n * n);
  const dIm = new Float64Array(n * n);
  for (const k of ranges.flatMap(([first, last]) =>
    Array.from({ length: last - first + 1 }, (_, i) => first + i),
  )) {
    const base = k * n * n;
    multiply(
      pRe,
      pIm,
      spectra.re.subarray(base, base + n * n),
      spectra.im.subarray(base, base + n * n),
      tRe,
      tIm,
      n,
    );
    multiply(tRe, tIm, pRe, pIm, dRe, dIm, n);
    const eigen = hermitianEigen(dRe, dIm, n);
    values[k] = Math.max(0, eigen.values[0]);
    vectors.re.set(eigen.firstRe, k * n);
    vectors.im.set(eigen.firstIm, k * n);
  }
  return {
    values,
    vectorAt: (line) => ({
      re: vectors.re.subarray(line * n, line * n + n),
      im: vectors.im.subarray(line * n, line * n + n),
    }),
  };
}

function multiply(
  aRe: Float64Array,
  aIm: Float64Array,
  bRe: Float64Array,
  bIm: Float64Array,
  outRe: Float64Array,
  outIm: Float64Array,
  n: number,
): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < n; k++) {
        const ar = aRe[i * n + k];
        const ai = aIm[i * n + k];
        const br = bRe[k * n + j];
        const bi = bIm[k * n + j];
        re += ar * br - ai * bi;
        im += ar * bi + ai * br;
      }
      outRe[i * n + j] = re;
      outIm[i * n + j] = im;
    }
  }
}
