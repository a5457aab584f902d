/** A complex mode shape, one component per channel. */
export interface ComplexShape {
  re: Float64Array;
  im: Float64Array;
}

export const realShape = (values: ArrayLike<number>): ComplexShape => ({
  re: Float64Array.from(values),
  im: new Float64Array(values.length),
});

/** Rotates and scales a shape so that its largest component is exactly 1; returns the real part. */
export function normaliseShape(shape: ComplexShape): number[] {
  let largest = 0;
  for (let i = 1; i < shape.re.length; i++) {
    if (Math.hypot(shape.re[i], shape.im[i]) > Math.hypot(shape.re[largest], shape.im[largest])) largest = i;
  }
  const pr = shape.re[largest];
  const pi = shape.im[largest];
  const norm = pr * pr + pi * pi;
  if (norm === 0) return Array.from(shape.re);
  return Array.from(shape.re, (re, i) => (re * pr + shape.im[i] * pi) / norm);
}

/** Modal Assurance Criterion of two shapes: |a^H b|^2 / (|a|^2 |b|^2). */
export function mac(a: ComplexShape, b: ComplexShape): number {
  let dotRe = 0;
  let dotIm = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.re.length; i++) {
    dotRe += a.re[i] * b.re[i] + a.im[i] * b.im[i];
    dotIm += a.re[i] * b.im[i] - a.im[i] * b.re[i];
    aa += a.re[i] * a.re[i] + a.im[i] * a.im[i];
    bb += b.re[i] * b.re[i] + b.im[i] * b.im[i];
  }
  return aa === 0 || bb === 0 ? 0 : (dotRe * dotRe + dotIm * dotIm) / (aa * bb);
}

/** MAC between every mode of one set (rows) and every mode of another (columns). */
export function macMatrix(first: ArrayLike<number>[], second: ArrayLike<number>[]): number[][] {
  const a = first.map(realShape);
  const b = second.map(realShape);
  return a.map((row) => b.map((column) => mac(row, column)));
}

/** Modal Phase Collinearity: 1 for a shape whose components are all in phase (a real mode). */
export function modalPhaseCollinearity(shape: ComplexShape): number {
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < shape.re.length; i++) {
    sxx += shape.re[i] * shape.re[i];
    syy += shape.im[i] * shape.im[i];
    sxy += shape.re[i] * shape.im[i];
  }
  const total = sxx + syy;
  return total === 0 ? 0 : ((sxx - syy) ** 2 + 4 * sxy * sxy) / (total * total);
}
