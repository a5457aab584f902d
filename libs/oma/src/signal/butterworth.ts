import { Complex, add, complex, div, exp, mul, product, scale, sqrt, sub } from '../linalg/complex';
import { OmaInputError } from '../dataset';

export type FilterType = 'lowpass' | 'highpass' | 'bandpass';

/** Second-order sections: each row [b0, b1, b2, 1, a1, a2]. */
export type SecondOrderSections = Float64Array[];

export interface ButterworthSpec {
  type: FilterType;
  order: number;
  /** Cut-off frequency in Hz (one for low/high pass, [low, high] for band pass). */
  cutoffHz: number | [number, number];
  samplingRateHz: number;
}

/** Digital Butterworth filter by the bilinear transform with pre-warping, as second-order sections. */
export function butterworth(spec: ButterworthSpec): SecondOrderSections {
  const { type, order, samplingRateHz } = spec;
  if (!Number.isInteger(order) || order < 1 || order > 20) {
    throw new OmaInputError(`filter order must be an integer from 1 to 20, got ${order}`);
  }
  const nyquist = samplingRateHz / 2;
  const cutoffs = Array.isArray(spec.cutoffHz) ? spec.cutoffHz : [spec.cutoffHz];
  if (cutoffs.length !== (type === 'bandpass' ? 2 : 1)) {
    throw new OmaInputError(
      `a ${type} filter needs ${type === 'bandpass' ? 'two cut-off frequencies' : 'one cut-off frequency'}`,
    );
  }
  for (const cutoff of cutoffs) {
    if (!(cutoff > 0 && cutoff < nyquist)) {
      throw new OmaInputError(
        `filter cut-off ${cutoff} Hz must lie between 0 and the Nyquist frequency ${nyquist} Hz`,
      );
    }
  }
  if (type === 'bandpass' && cutoffs[0] >= cutoffs[1]) {
    throw new OmaInputError('band-pass cut-offs must be given low first, then high');
  }
  // Design at an internal sampling rate of 2 (frequencies normalised to Nyquist), as scipy does.
  const warped = cutoffs.map((cutoff) => 4 * Math.tan((Math.PI * cutoff) / nyquist / 2));
  const prototypePoles = Array.from({ length: order }, (_, k) =>
    scale(exp(complex(0, (Math.PI * (2 * k - order + 1)) / (2 * order))), -1),
  );
  const analog = analogFilter(type, prototypePoles, warped);
  return toSections(bilinear(analog), type);
}

interface Zpk {
  zeros: Complex[];
  poles: Complex[];
  gain: number;
}

function analogFilter(type: FilterType, poles: Complex[], warped: number[]): Zpk {
  const order = poles.length;
  if (type === 'lowpass') {
    return { zeros: [], poles: poles.map((p) => scale(p, warped[0])), gain: warped[0] ** order };
  }
  if (type === 'highpass') {
    const gain = 1 / product(poles.map((p) => scale(p, -1))).re;
    return {
      zeros: Array.from({ length: order }, () => complex(0)),
      poles: poles.map((p) => div(complex(warped[0]), p)),
      gain,
    };
  }
  const bandwidth = warped[1] - warped[0];
  const centre = Math.sqrt(warped[0] * warped[1]);
  const bandPoles: Complex[] = [];
  for (const p of poles) {
    const half = scale(p, bandwidth / 2);
    const root = sqrt(sub(mul(half, half), complex(centre * centre)));
    bandPoles.push(add(half, root), sub(half, root));
  }
  return {
    zeros: Array.from({ length: order }, () => complex(0)),
    poles: bandPoles,
    gain: bandwidth ** order,
  };
}

function bilinear({ zeros, poles, gain }: Zpk): Zpk {
  const fs2 = complex(4);
  const map = (s: Complex) => div(add(fs2, s), sub(fs2, s));
  const digitalZeros = zeros.map(map);
  while (digitalZeros.length < poles.length) digitalZeros.push(complex(-1));
  const ratio = div(product(zeros.map((z) => sub(fs2, z))), product(poles.map((p) => sub(fs2, p))));
  return { zeros: digitalZeros, poles: poles.map(map), gain: gain * ratio.re };
}

function toSections({ zeros, poles, gain }: Zpk, type: FilterType): SecondOrderSections {
  const polePairs = pairPoles(poles);
  const zeroPairs = pairZeros(zeros, type, polePairs.length);
  return polePairs.map((pair, index) => {
    const [z1, z2] = zeroPairs[index];
    const k = index === 0 ? gain : 1;
    const [p1, p2] = pair;
    const a1 = -(p1.re + (p2?.re ?? 0));
    const a2 = p2 ? mul(p1, p2).re : 0;
    const b1 = -(z1 + (z2 ?? 0));
    const b2 = z2 === undefined ? 0 : z1 * z2;
    return Float64Array.from([k, k * b1, k * b2, 1, a1, a2]);
  });
}

function pairPoles(poles: Complex[]): Array<[Complex, Complex | undefined]> {
  const tolerance = 1e-12;
  const upper = poles.filter((p) => p.im > tolerance);
  const real = poles.filter((p) => Math.abs(p.im) <= tolerance).map((p) => complex(p.re));
  const pairs: Array<[Complex, Complex | undefined]> = upper.map((p) => [p, complex(p.re, -p.im)]);
  for (let i = 0; i < real.length; i += 2) pairs.push([real[i], real[i + 1]]);
  return pairs;
}

/** Butterworth zeros are all at z = -1 (low pass), +1 (high pass) or both (band pass). */
function pairZeros(
  zeros: Complex[],
  type: FilterType,
  sections: number,
): Array<[number, number | undefined]> {
  const values = zeros.map((z) => Math.round(z.re));
  const pairs: Array<[number, number | undefined]> = [];
  if (type === 'bandpass') {
    for (let i = 0; i < sections; i++) pairs.push([1, -1]);
    return pairs;
  }
  for (let i = 0; i < values.length; i += 2) pairs.push([values[i], values[i + 1]]);
  return pairs;
}

/** Magnitude of the sections' frequency response at frequency `hz`. */
export function sectionsMagnitude(sections: SecondOrderSections, hz: number, samplingRateHz: number): number {
  const w = (2 * Math.PI * hz) / samplingRateHz;
  const z1 = complex(Math.cos(w), -Math.sin(w));
  const z2 = mul(z1, z1);
  let response = complex(1);
  for (const [b0, b1, b2, , a1, a2] of sections) {
    const numerator = add(add(complex(b0), scale(z1, b1)), scale(z2, b2));
    const denominator = add(add(complex(1), scale(z1, a1)), scale(z2, a2));
    response = mul(response, div(numerator, denominator));
  }
  return Math.hypot(response.re, response.im);
}
