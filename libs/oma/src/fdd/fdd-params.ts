export interface FddParams {
  /**
   * Samples per Welch segment (a power of two); default: the largest one that gives at least 8
   * averages, at most 4096. EFDD damping then uses finer lines where the modes need them (efdd-fine.ts).
   */
  segment_length?: number;
  /** Overlap of Welch segments, a fraction in [0, 0.95]. */
  overlap: number;
  /** Band [low, high] in Hz where peaks are looked for; default: 0 to Nyquist. */
  frequency_band?: [number, number];
  /** Frequencies in Hz to take as modes instead of automatic peak picking. */
  frequencies?: number[];
  /** Smallest prominence of a peak of the first singular value, in dB, to count as a mode. */
  peak_prominence_db: number;
  /** Largest number of modes picked automatically (the most prominent win). */
  max_modes: number;
  /** EFDD: lines around a peak whose first singular vector has at least this MAC with the peak's form the SDOF bell. */
  efdd_mac_threshold: number;
  /** EFDD: part of the normalised auto-correlation decay used for the fit, [lowest, highest]. */
  efdd_decay_range: [number, number];
}

export const FDD_DEFAULTS: FddParams = {
  overlap: 0.5,
  peak_prominence_db: 6,
  max_modes: 20,
  efdd_mac_threshold: 0.8,
  efdd_decay_range: [0.1, 0.9],
};
