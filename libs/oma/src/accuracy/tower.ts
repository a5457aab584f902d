import { simulate, Simulation } from '../simulate/simulate';

/**
 * A tower of `storeys` floors bending in two directions, the stiffer one `split` higher in
 * frequency, its principal axes turned 0.3 rad from the sensors' x and y: pairs of close modes whose
 * shapes mix both channels of every floor (accelerations, 1% damping, 5% noise).
 */
export function simulateTower(options: {
  split: number;
  lowestHz: number;
  seed: number;
  storeys?: number;
  duration_s?: number;
  damping_ratio?: number;
}): Simulation {
  const storeys = options.storeys ?? 3;
  const dofs = 2 * storeys;
  // The lowest mode of a uniform shear frame of n storeys: w1 = 2 sqrt(k/m) sin(pi / (2 (2n + 1))).
  const k = ((2 * Math.PI * options.lowestHz) / (2 * Math.sin(Math.PI / (2 * (2 * storeys + 1))))) ** 2;
  const turn = 0.3;
  const [c, s] = [Math.cos(turn), Math.sin(turn)];
  const stiffness = Array.from({ length: dofs }, () => new Array<number>(dofs).fill(0));
  const mass = stiffness.map((row, i) => row.map((_, j) => (i === j ? 1 : 0)));
  for (const [direction, kd] of [
    [0, k],
    [1, k * (1 + options.split) ** 2],
  ] as const) {
    // The frame's stiffness in one principal direction, turned into the sensors' axes.
    const axis = direction === 0 ? [c, s] : [-s, c];
    for (let i = 0; i < storeys; i++) {
      for (let j = 0; j < storeys; j++) {
        const kij = i === j ? (i < storeys - 1 ? 2 * kd : kd) : Math.abs(i - j) === 1 ? -kd : 0;
        if (kij === 0) continue;
        for (let a = 0; a < 2; a++)
          for (let b = 0; b < 2; b++) stiffness[2 * i + a][2 * j + b] += kij * axis[a] * axis[b];
      }
    }
  }
  return simulate({
    mass_matrix: mass,
    stiffness_matrix: stiffness,
    damping_ratio: options.damping_ratio ?? 0.01,
    noise: 0.05,
    duration_s: options.duration_s ?? 600,
    sampling_rate_hz: Math.ceil(options.lowestHz * 20),
    seed: options.seed,
  });
}
