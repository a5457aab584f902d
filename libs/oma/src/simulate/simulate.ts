import { Dataset, OmaInputError } from '../dataset';
import { symmetricEigen } from '../linalg/symmetric-eigen';
import { choleskyFactor } from '../linalg/cholesky';
import { normaliseShape, realShape } from '../modes/mode-shape';
import { normalGenerator } from './random';
import { SimulationParams, resolveSimulationParams } from './simulate-params';

export interface ExactMode {
  frequency_hz: number;
  damping_ratio: number;
  mode_shape: number[];
}

export interface Simulation {
  dataset: Dataset;
  modes: ExactMode[];
}

/**
 * Response of an M, K system with modal damping to white-noise forces at every degree of freedom,
 * integrated exactly per mode (state space with zero-order hold), plus Gaussian measurement noise.
 */
export function simulate(given: Partial<SimulationParams> = {}): Simulation {
  const params = resolveSimulationParams(given);
  const { mass, stiffness, dofs } = systemMatrices(params);
  const { omegas, shapes } = massNormalisedModes(mass, stiffness, dofs);
  const damping = Array.from({ length: dofs }, (_, j) =>
    Array.isArray(params.damping_ratio) ? params.damping_ratio[j] : params.damping_ratio,
  );
  if (damping.some((zeta) => !(zeta >= 0 && zeta < 1))) {
    throw new OmaInputError(
      `params.damping_ratio needs ${dofs} values from 0 to 1 (one per mode, or one for all)`,
    );
  }

  const fs = params.sampling_rate_hz;
  const dt = 1 / fs;
  const samples = Math.round(params.duration_s * fs);
  const random = normalGenerator(params.seed);
  const data = Array.from({ length: dofs }, () => new Float64Array(samples));
  const discrete = omegas.map((omega, j) => zeroOrderHold(omega, damping[j], dt));
  const q = new Float64Array(dofs);
  const qDot = new Float64Array(dofs);
  const force = new Float64Array(dofs);
  const modalForce = new Float64Array(dofs);
  const modalOutput = new Float64Array(dofs);

  for (let t = 0; t < samples; t++) {
    for (let i = 0; i < dofs; i++) force[i] = random();
    for (let j = 0; j < dofs; j++) {
      let sum = 0;
      for (let i = 0; i < dofs; i++) sum += shapes[i * dofs + j] * force[i];
      modalForce[j] = sum;
      const omega = omegas[j];
      modalOutput[j] =
        params.quantity === 'displacement'
          ? q[j]
          : params.quantity === 'velocity'
            ? qDot[j]
            : sum - 2 * damping[j] * omega * qDot[j] - omega * omega * q[j];
    }
    for (let i = 0; i < dofs; i++) {
      let sum = 0;
      for (let j = 0; j < dofs; j++) sum += shapes[i * dofs + j] * modalOutput[j];
      data[i][t] = sum;
    }
    for (let j = 0; j < dofs; j++) {
      const [a00, a01, a10, a11, b0, b1] = discrete[j];
      const nextQ = a00 * q[j] + a01 * qDot[j] + b0 * modalForce[j];
      qDot[j] = a10 * q[j] + a11 * qDot[j] + b1 * modalForce[j];
      q[j] = nextQ;
    }
  }
  addMeasurementNoise(data, params.noise, random);

  const modes = omegas.map((omega, j) => ({
    frequency_hz: omega / (2 * Math.PI),
    damping_ratio: damping[j],
    mode_shape: normaliseShape(realShape(Array.from({ length: dofs }, (_, i) => shapes[i * dofs + j]))),
  }));
  const channels = Array.from({ length: dofs }, (_, i) =>
    given.mass_matrix ? `dof${i + 1}` : `floor${i + 1}`,
  );
  return { dataset: { samplingRateHz: fs, channels, data }, modes };
}

function systemMatrices(params: SimulationParams): {
  mass: Float64Array;
  stiffness: Float64Array;
  dofs: number;
} {
  if (params.mass_matrix || params.stiffness_matrix) {
    const dofs = params.mass_matrix?.length ?? 0;
    for (const [name, matrix] of [
      ['mass_matrix', params.mass_matrix],
      ['stiffness_matrix', params.stiffness_matrix],
    ] as const) {
      if (!matrix || matrix.length !== dofs || matrix.some((row) => row.length !== dofs)) {
        throw new OmaInputError(`params.${name} must be a square matrix of the same size as the other one`);
      }
    }
    return {
      mass: Float64Array.from(params.mass_matrix!.flat()),
      stiffness: Float64Array.from(params.stiffness_matrix!.flat()),
      dofs,
    };
  }
  const dofs = params.storeys;
  const mass = new Float64Array(dofs * dofs);
  const stiffness = new Float64Array(dofs * dofs);
  const k = params.storey_stiffness;
  for (let i = 0; i < dofs; i++) {
    mass[i * dofs + i] = params.storey_mass;
    stiffness[i * dofs + i] = i < dofs - 1 ? 2 * k : k;
    if (i > 0) {
      stiffness[i * dofs + i - 1] = -k;
      stiffness[(i - 1) * dofs + i] = -k;
    }
  }
  return { mass, stiffness, dofs };
}

/** Solves K phi = w^2 M phi through M = L L^T; shapes (column j = mode j) satisfy phi^T M phi = I. */
function massNormalisedModes(
  mass: Float64Array,
  stiffness: Float64Array,
  n: number,
): { omegas: number[]; shapes: Float64Array } {
  const L = choleskyFactor(mass, n);
  if (!L) throw new OmaInputError('params.mass_matrix must be symmetric positive definite');
  const Linv = new Float64Array(n * n);
  for (let c = 0; c < n; c++) {
    for (let i = 0; i < n; i++) {
      let sum = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) sum -= L[i * n + k] * Linv[k * n + c];
      Linv[i * n + c] = sum / L[i * n + i];
    }
  }
  // Kt = Linv K Linv^T
  const temp = new Float64Array(n * n);
  const Kt = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += Linv[i * n + k] * stiffness[k * n + j];
      temp[i * n + j] = sum;
    }
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += temp[i * n + k] * Linv[j * n + k];
      Kt[i * n + j] = sum;
    }
  const { values, vectors } = symmetricEigen(Kt, n);
  if (values[n - 1] <= 0) throw new OmaInputError('params.stiffness_matrix must be positive definite');
  const omegas: number[] = [];
  const shapes = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const k = n - 1 - j; // ascending frequency
    omegas.push(Math.sqrt(values[k]));
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let r = 0; r < n; r++) sum += Linv[r * n + i] * vectors[k * n + r];
      shapes[i * n + j] = sum;
    }
  }
  return { omegas, shapes };
}

/** [a00, a01, a10, a11, b0, b1]: exact discretisation of q'' + 2 zeta w q' + w^2 q = u, u held over dt. */
function zeroOrderHold(omega: number, zeta: number, dt: number): number[] {
  const omegaD = omega * Math.sqrt(1 - zeta * zeta);
  const decay = Math.exp(-zeta * omega * dt);
  const c = Math.cos(omegaD * dt);
  const s = Math.sin(omegaD * dt);
  const a00 = decay * (c + ((zeta * omega) / omegaD) * s);
  const a01 = (decay * s) / omegaD;
  const a10 = (-decay * omega * omega * s) / omegaD;
  const a11 = decay * (c - ((zeta * omega) / omegaD) * s);
  return [a00, a01, a10, a11, (1 - a11 - 2 * zeta * omega * a01) / (omega * omega), a01];
}

function addMeasurementNoise(data: Float64Array[], level: number, random: () => number): void {
  if (level === 0) return;
  for (const channel of data) {
    let power = 0;
    for (const value of channel) power += value * value;
    const sigma = level * Math.sqrt(power / channel.length);
    for (let i = 0; i < channel.length; i++) channel[i] += sigma * random();
  }
}
