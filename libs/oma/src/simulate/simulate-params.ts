import { OmaInputError, paramError } from '../dataset';

export type ResponseQuantity = 'acceleration' | 'velocity' | 'displacement';

export interface SimulationParams {
  /** Shear frame: storeys with `storey_mass` (kg) and `storey_stiffness` (N/m), used when no matrices are given. */
  storeys: number;
  storey_mass: number;
  storey_stiffness: number;
  /** General system: symmetric mass and stiffness matrices (one row per degree of freedom). */
  mass_matrix?: number[][];
  stiffness_matrix?: number[][];
  /** Modal damping ratio, one for all modes or one per mode. */
  damping_ratio: number | number[];
  sampling_rate_hz: number;
  duration_s: number;
  quantity: ResponseQuantity;
  /** Measurement noise: standard deviation as a fraction of each channel's RMS. */
  noise: number;
  seed: number;
}

export const SIMULATION_DEFAULTS: SimulationParams = {
  storeys: 6,
  storey_mass: 1000,
  storey_stiffness: 1e6,
  damping_ratio: 0.02,
  sampling_rate_hz: 50,
  duration_s: 600,
  quantity: 'acceleration',
  noise: 0.05,
  seed: 1,
};

export function resolveSimulationParams(given: Partial<SimulationParams> = {}): SimulationParams {
  const params = { ...SIMULATION_DEFAULTS, ...given };
  if (!Number.isInteger(params.storeys) || params.storeys < 1 || params.storeys > 200) {
    throw new OmaInputError('params.storeys must be an integer from 1 to 200');
  }
  requireRange('sampling_rate_hz', params.sampling_rate_hz, 1e-6, 1e6);
  requireRange('duration_s', params.duration_s, 1e-3, 1e6);
  requireRange('noise', params.noise, 0, 100);
  if (params.sampling_rate_hz * params.duration_s > 5e7) {
    throw new OmaInputError(
      'the simulated record would exceed 50 million samples per channel: shorten duration_s',
    );
  }
  if (!['acceleration', 'velocity', 'displacement'].includes(params.quantity)) {
    throw new OmaInputError('params.quantity must be acceleration, velocity or displacement');
  }
  return params;
}

function requireRange(name: string, value: number, min: number, max: number): void {
  if (typeof value !== 'number' || !(value >= min && value <= max)) {
    throw paramError(`params.${name}`, `must be a number from ${min} to ${max}`);
  }
}
