export interface SsiParams {
  /** Block rows of the Toeplitz matrix (lags 1..2*block_rows-1); default: defaultBlockRows (ssi-cov.ts). */
  block_rows?: number;
  order_min: number;
  order_max: number;
  order_step: number;
  /** Stability tolerances against the previous order: relative frequency, relative damping, 1 - MAC. */
  tol_frequency: number;
  tol_damping: number;
  tol_mac: number;
  /** Poles with a damping ratio outside (0, max_damping) are never selected as modes. */
  max_damping: number;
  /** Clustering of stable poles: distance |df|/f + (1 - MAC) under which two poles are one mode. */
  cluster_distance: number;
  /** A cluster becomes a mode when its poles come from at least this fraction of the orders. */
  min_cluster_fraction: number;
  /** Band [low, high] in Hz of the modes kept; default: 0 to Nyquist. */
  frequency_band?: [number, number];
  /** Standard deviations of each mode's frequency and damping (first-order perturbation, uncertainty.ts). */
  uncertainty: boolean;
}

export const SSI_DEFAULTS: SsiParams = {
  order_min: 2,
  order_max: 60,
  order_step: 2,
  tol_frequency: 0.01,
  tol_damping: 0.05,
  tol_mac: 0.02,
  max_damping: 0.2,
  cluster_distance: 0.02,
  min_cluster_fraction: 0.4,
  uncertainty: false,
};
