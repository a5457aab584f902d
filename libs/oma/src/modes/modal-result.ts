/** One identified mode, as every analysis reports it. */
export interface IdentifiedMode {
  frequency_hz: number;
  /** Damping ratio (fraction of critical); null where the method could not estimate it. */
  damping_ratio: number | null;
  /** One value per channel, scaled so that the largest component is 1. */
  mode_shape: number[];
  /** Modal phase collinearity (1 = real mode). */
  mpc?: number;
}

/** The part every analysis result shares; the worker stores results as they are. */
export interface ModalResultBase {
  sampling_rate_hz: number;
  channels: string[];
  modes: IdentifiedMode[];
  /** MAC between the identified modes. */
  mac_matrix: number[][];
  /** What a person should know about the record: e.g. a constant channel that was left out. */
  warnings?: string[];
}
