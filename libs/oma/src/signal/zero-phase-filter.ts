import { OmaInputError } from '../dataset';
import { memoryScratch, ScratchSpace } from '../record/scratch';
import { forEachBlock, readWhole, recordSource, RecordSource } from '../record/record-source';
import { reversedSource } from '../record/record-views';
import { SecondOrderSections } from './butterworth';

/** Rows per block of both passes. */
const BLOCK_ROWS = 65_536;

/** One signal filtered in memory (zeroPhaseFiltered on a one-channel record). */
export function zeroPhaseFilter(sections: SecondOrderSections, signal: Float64Array): Float64Array {
  const source = recordSource({ samplingRateHz: 1, channels: ['x'], data: [signal] });
  return readWhole(zeroPhaseFiltered(source, sections, memoryScratch())).data[0];
}

/**
 * Forward-backward filtering of every channel through second-order sections (zero phase, squared
 * magnitude), with odd extension at both ends and steady-state initial conditions, as scipy's
 * `sosfiltfilt`. Streamed: the forward pass goes block by block into `scratch`, the backward pass
 * reads it back from the end into `scratch` again; the result reads that in reverse. Only the
 * extensions (a few samples per channel) are held.
 */
export function zeroPhaseFiltered(
  source: RecordSource,
  sections: SecondOrderSections,
  scratch: ScratchSpace,
): RecordSource {
  const n = source.samples;
  const pad = 3 * (2 * sections.length + 1);
  if (n <= pad) {
    throw new OmaInputError(
      `zero-phase filtering of this order needs more than ${pad} samples; the record has ${n}`,
    );
  }
  const steadyState = steadyStateConditions(sections);
  const copy = (rows: Float64Array[]) => rows.map((values) => Float64Array.from(values));

  // Forward: the odd extension before the first sample (its outputs are not needed), the record, the
  // odd extension after the last sample (its outputs start the backward pass).
  const head = copy(source.read(0, pad + 1));
  const forward = head.map((x) => new Cascade(sections, steadyState, 2 * x[0] - x[pad]));
  head.forEach((x, c) => {
    for (let i = 0; i < pad; i++) forward[c].step(2 * x[0] - x[pad - i]);
  });
  // Output blocks are reused: a scratch writer copies what it is given.
  const out = source.channels.map(() => new Float64Array(BLOCK_ROWS));
  const forwardOutput = scratch.writer(source.channels, source.samplingRateHz);
  forEachBlock(
    source,
    (block) =>
      forwardOutput.append(
        block.map((x, c) => {
          const y = out[c].subarray(0, x.length);
          for (let i = 0; i < x.length; i++) y[i] = forward[c].step(x[i]);
          return y;
        }),
      ),
    BLOCK_ROWS,
  );
  const tail = copy(source.read(n - 1 - pad, pad + 1));
  const forwardEnd = tail.map((x, c) =>
    Float64Array.from({ length: pad }, (_, i) => forward[c].step(2 * x[pad] - x[pad - 1 - i])),
  );
  const forwarded = forwardOutput.finish();

  // Backward: the end extension's outputs reversed, then the record from its last block to its first.
  const backward = forwardEnd.map((y) => new Cascade(sections, steadyState, y[pad - 1]));
  forwardEnd.forEach((y, c) => {
    for (let i = pad - 1; i >= 0; i--) backward[c].step(y[i]);
  });
  const backwardOutput = scratch.writer(source.channels, source.samplingRateHz);
  for (let end = n; end > 0; end -= BLOCK_ROWS) {
    const start = Math.max(0, end - BLOCK_ROWS);
    const block = forwarded.read(start, end - start);
    backwardOutput.append(
      block.map((y, c) => {
        const reversed = out[c].subarray(0, y.length);
        for (let i = y.length - 1; i >= 0; i--) reversed[y.length - 1 - i] = backward[c].step(y[i]);
        return reversed;
      }),
    );
  }
  return reversedSource(backwardOutput.finish());
}

/** The states of a cascade of sections (transposed direct form II), one sample at a time. */
class Cascade {
  private readonly states: Float64Array;
  /** b0, b1, b2, a1, a2 of each section. */
  private readonly coefficients: Float64Array;

  constructor(sections: SecondOrderSections, steadyState: Float64Array[], initialValue: number) {
    this.coefficients = Float64Array.from(sections.flatMap(([b0, b1, b2, , a1, a2]) => [b0, b1, b2, a1, a2]));
    this.states = new Float64Array(2 * sections.length);
    steadyState.forEach(([z0, z1], s) => {
      this.states[2 * s] = z0 * initialValue;
      this.states[2 * s + 1] = z1 * initialValue;
    });
  }

  step(input: number): number {
    let x = input;
    const z = this.states;
    const k = this.coefficients;
    for (let s = 0; s < z.length / 2; s++) {
      const y = k[5 * s] * x + z[2 * s];
      z[2 * s] = k[5 * s + 1] * x - k[5 * s + 3] * y + z[2 * s + 1];
      z[2 * s + 1] = k[5 * s + 2] * x - k[5 * s + 4] * y;
      x = y;
    }
    return x;
  }
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
