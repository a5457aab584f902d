import { OmaInputError } from '../dataset';
import { SecondOrderSections } from './butterworth';

/**
 * Forward-backward filtering through second-order sections (zero phase, squared magnitude), with
 * odd extension at both ends and steady-state initial conditions, as scipy's `sosfiltfilt`.
 */
export function zeroPhaseFilter(sections: SecondOrderSections, signal: Float64Array): Float64Array {
  const pad = 3 * (2 * sections.length + 1);
  if (signal.length <= pad) {
    throw new OmaInputError(
      `zero-phase filtering of this order needs more than ${pad} samples; the record has ${signal.length}`,
    );
  }
  const extended = oddExtension(signal, pad);
  const steadyState = steadyStateConditions(sections);
  const forward = filterSections(sections, extended, steadyState, extended[0]);
  forward.reverse();
  const backward = filterSections(sections, forward, steadyState, forward[0]);
  backward.reverse();
  return backward.slice(pad, pad + signal.length);
}

function oddExtension(signal: Float64Array, pad: number): Float64Array {
  const n = signal.length;
  const out = new Float64Array(n + 2 * pad);
  for (let i = 0; i < pad; i++) {
    out[i] = 2 * signal[0] - signal[pad - i];
    out[pad + n + i] = 2 * signal[n - 1] - signal[n - 2 - i];
  }
  out.set(signal, pad);
  return out;
}

/** Per-section states (transposed direct form II) for a unit step in steady state. */
function steadyStateConditions(sections: SecondOrderSections): Float64Array[] {
  let inputLevel = 1;
  return sections.map(([b0, b1, b2, , a1, a2]) => {
    const dcGain = (b0 + b1 + b2) / (1 + a1 + a2);
    const outputLevel = inputLevel * dcGain;
    const state = Float64Array.from([
      b1 * inputLevel - a1 * outputLevel + (b2 * inputLevel - a2 * outputLevel),
      b2 * inputLevel - a2 * outputLevel,
    ]);
    inputLevel = outputLevel;
    return state;
  });
}

function filterSections(
  sections: SecondOrderSections,
  input: Float64Array,
  steadyState: Float64Array[],
  initialValue: number,
): Float64Array {
  let signal = input;
  sections.forEach(([b0, b1, b2, , a1, a2], index) => {
    const out = new Float64Array(signal.length);
    let z0 = steadyState[index][0] * initialValue;
    let z1 = steadyState[index][1] * initialValue;
    for (let i = 0; i < signal.length; i++) {
      const x = signal[i];
      const y = b0 * x + z0;
      z0 = b1 * x - a1 * y + z1;
      z1 = b2 * x - a2 * y;
      out[i] = y;
    }
    signal = out;
  });
  return signal;
}
