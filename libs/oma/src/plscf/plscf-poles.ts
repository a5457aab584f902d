import { Matrix } from 'ml-matrix';
import { choleskySolve } from '../linalg/cholesky';
import { Pole, polesOfStateSpace } from '../ssi/subspace-poles';
import { HalfSpectra } from './half-spectra';

/**
 * The poles of every polynomial order of the poly-reference least-squares complex frequency
 * estimator (pLSCF, Guillaume, Verboven, Vanlanduit 2003; Peeters et al. 2004): a right matrix
 * fraction H(z) = B(z) A(z)^-1 in z = e^{i w dt}, A monic of order n (r x r coefficients), fitted to
 * the half spectra in linear least squares. The numerator is eliminated per output (the reduced
 * normal equations M = sum_o T_o - S_o^T R^-1 S_o); their matrices depend on the lags between
 * coefficients only, so they are summed once over the lines for the highest order, and each order
 * takes its leading blocks. The companion matrix of A gives the poles, its numerator the shapes.
 */
export function plscfPoles(
  spectra: HalfSpectra,
  l: number,
  r: number,
  lines: number[],
  fs: number,
  orders: number[],
  highHz: number,
): Pole[][] {
  const nMax = Math.max(...orders);
  // The band [0, highHz] is mapped onto the upper half of the unit circle, z = e^{i pi f / highHz}
  // (a time step of 1 / (2 highHz)): fitted over a short arc, the polynomial is ill-conditioned.
  const dt = 1 / (2 * highHz);
  // Lag sums over the lines: rho[d] = sum z^d, g[o][d][q] = Re sum z^d H_oq, G[d][p][q] = Re sum_o sum z^d conj(H_op) H_oq.
  const span = 2 * nMax + 1;
  const rho = new Float64Array(span);
  const gRe = new Float64Array(l * span * r);
  const G = new Float64Array(span * r * r);
  // Scaled to order one (the poles do not depend on it; the normal equations' conditioning does).
  let largest = 0;
  for (let x = 0; x < spectra.re.length; x++)
    largest = Math.max(largest, Math.hypot(spectra.re[x], spectra.im[x]));
  const scale = largest > 0 ? 1 / largest : 1;
  for (const k of lines) {
    const theta = (Math.PI * ((k * fs) / (2 * (spectra.lines - 1)))) / highHz;
    for (let d = -nMax; d <= nMax; d++) {
      const c = Math.cos(d * theta);
      const s = Math.sin(d * theta);
      const at = d + nMax;
      rho[at] += c;
      for (let o = 0; o < l; o++) {
        const row = (k * l + o) * r;
        for (let q = 0; q < r; q++) {
          const hr = spectra.re[row + q] * scale;
          const hi = spectra.im[row + q] * scale;
          gRe[(o * span + at) * r + q] += c * hr - s * hi;
        }
        for (let p = 0; p < r; p++) {
          const pr = spectra.re[row + p] * scale;
          const pi = spectra.im[row + p] * scale;
          for (let q = 0; q < r; q++) {
            const qr = spectra.re[row + q] * scale;
            const qi = spectra.im[row + q] * scale;
            // Re(z^d conj(H_op) H_oq)
            const productRe = pr * qr + pi * qi;
            const productIm = pr * qi - pi * qr;
            G[(at * r + p) * r + q] += c * productRe - s * productIm;
          }
        }
      }
    }
  }
  return orders.map((n) => polesOfOrder(n));

  function polesOfOrder(n: number): Pole[] {
    const size = (n + 1) * r;
    const R = new Float64Array((n + 1) * (n + 1));
    for (let a = 0; a <= n; a++) for (let b = 0; b <= n; b++) R[a * (n + 1) + b] = rho[b - a + nMax];
    const M = new Float64Array(size * size);
    for (let a = 0; a <= n; a++)
      for (let b = 0; b <= n; b++)
        for (let p = 0; p < r; p++)
          for (let q = 0; q < r; q++) M[(a * r + p) * size + b * r + q] = G[((b - a + nMax) * r + p) * r + q];
    const numerators: Float64Array[] = [];
    for (let o = 0; o < l; o++) {
      // S_o[a][(b, q)] = -Re(g_o[b - a][q])
      const S = new Float64Array((n + 1) * size);
      for (let a = 0; a <= n; a++)
        for (let b = 0; b <= n; b++)
          for (let q = 0; q < r; q++) S[a * size + b * r + q] = -gRe[(o * span + b - a + nMax) * r + q];
      const Z = choleskySolve(R, S, n + 1, size);
      if (!Z) return [];
      for (let i = 0; i < size; i++)
        for (let j = 0; j < size; j++) {
          let sum = 0;
          for (let a = 0; a <= n; a++) sum += S[a * size + i] * Z[a * size + j];
          M[i * size + j] -= sum;
        }
      numerators.push(Z);
    }
    // A monic (its highest coefficient the identity): the others from M's leading block.
    const lead = n * r;
    const top = new Float64Array(lead * lead);
    const right = new Float64Array(lead * r);
    for (let i = 0; i < lead; i++) {
      for (let j = 0; j < lead; j++) top[i * lead + j] = M[i * size + j];
      for (let q = 0; q < r; q++) right[i * r + q] = -M[i * size + lead + q];
    }
    const alphaLow = choleskySolve(top, right, lead, r);
    if (!alphaLow) return [];
    const alpha = new Float64Array(size * r);
    alpha.set(alphaLow);
    for (let q = 0; q < r; q++) alpha[(lead + q) * r + q] = 1;
    // beta_o = -R^-1 S_o alpha = -Z_o alpha: (n + 1) x r per output.
    const beta = numerators.map((Z) => {
      const out = new Float64Array((n + 1) * r);
      for (let a = 0; a <= n; a++)
        for (let q = 0; q < r; q++) {
          let sum = 0;
          for (let i = 0; i < size; i++) sum += Z[a * size + i] * alpha[i * r + q];
          out[a * r + q] = -sum;
        }
      return out;
    });
    // Companion form: block i of the state is the power n - 1 - i.
    const states = n * r;
    const A = new Matrix(states, states);
    const C = new Float64Array(l * states);
    for (let i = 0; i + r < states; i++) A.set(i + r, i, 1);
    for (let i = 0; i < n; i++) {
      const power = n - 1 - i;
      for (let p = 0; p < r; p++)
        for (let q = 0; q < r; q++) A.set(p, i * r + q, -alpha[(power * r + p) * r + q]);
      for (let o = 0; o < l; o++)
        for (let q = 0; q < r; q++) {
          let sum = beta[o][power * r + q];
          for (let p = 0; p < r; p++) sum -= beta[o][n * r + p] * alpha[(power * r + p) * r + q];
          C[o * states + i * r + q] = sum;
        }
    }
    // The window added 1 / window_s to every decay rate: taken off here.
    return polesOfStateSpace(A, C, l, n, {
      rateHz: 1 / dt,
      decayOffset: 1 / spectra.window_s,
      stableOnly: true,
    });
  }
}
