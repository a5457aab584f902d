import { mac } from '../modes/mode-shape';
import { Pole } from './subspace-poles';
import { SsiParams } from './ssi-params';

export interface LabelledPole extends Pole {
  stable_frequency: boolean;
  stable_damping: boolean;
  stable_mode: boolean;
  /** Stable in frequency, damping and mode shape. */
  stable: boolean;
}

/** Labels each pole against the nearest-frequency pole of the previous order. */
export function labelPoles(
  polesByOrder: Pole[][],
  params: Pick<SsiParams, 'tol_frequency' | 'tol_damping' | 'tol_mac'>,
): LabelledPole[][] {
  return polesByOrder.map((poles, index) =>
    poles.map((pole) => {
      const previous = index > 0 ? nearest(polesByOrder[index - 1], pole.frequency_hz) : undefined;
      if (!previous)
        return { ...pole, stable_frequency: false, stable_damping: false, stable_mode: false, stable: false };
      const stableFrequency =
        Math.abs(pole.frequency_hz - previous.frequency_hz) <= params.tol_frequency * previous.frequency_hz;
      const stableDamping =
        Math.abs(pole.damping_ratio - previous.damping_ratio) <=
        params.tol_damping * Math.abs(previous.damping_ratio);
      const stableMode = 1 - mac(pole.shape, previous.shape) <= params.tol_mac;
      return {
        ...pole,
        stable_frequency: stableFrequency,
        stable_damping: stableDamping,
        stable_mode: stableMode,
        stable: stableFrequency && stableDamping && stableMode,
      };
    }),
  );
}

function nearest(poles: Pole[], frequency: number): Pole | undefined {
  let best: Pole | undefined;
  for (const pole of poles) {
    if (!best || Math.abs(pole.frequency_hz - frequency) < Math.abs(best.frequency_hz - frequency))
      best = pole;
  }
  return best;
}
