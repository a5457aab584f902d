import { OmaInputError } from '../dataset';
import { requireRange } from '../fdd/fdd-params';

export interface SsiParams {
  /** Block rows of the Toeplitz matrix (lags 1..2*block_rows-1); default: enough for order_max and at least 2 s... see README. */
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
};

export function resolveSsiParams(given: Partial<SsiParams> = {}): SsiParams {
  const params = { ...SSI_DEFAULTS, ...given };
  for (const name of ['order_min', 'order_max', 'order_step'] as const) {
    if (!Number.isInteger(params[name]) || params[name] < 1) {
      throw new OmaInputError(
        `params.${name} must be a positive integer, got ${JSON.stringify(params[name])}`,
      );
    }
  }
  if (params.order_min > params.order_max)
    throw new OmaInputError('params.order_min must not exceed params.order_max');
  if (params.order_max > 400) throw new OmaInputError('params.order_max must be at most 400');
  if (params.block_rows !== undefined && (!Number.isInteger(params.block_rows) || params.block_rows < 2)) {
    throw new OmaInputError(
      `params.block_rows must be an integer of at least 2, got ${JSON.stringify(params.block_rows)}`,
    );
  }
  requireRange('tol_frequency', params.tol_frequency, 0, 1);
  requireRange('tol_damping', params.tol_damping, 0, 10);
  requireRange('tol_mac', params.tol_mac, 0, 1);
  requireRange('max_damping', params.max_damping, 0, 1);
  requireRange('cluster_distance', params.cluster_distance, 0, 2);
  requireRange('min_cluster_fraction', params.min_cluster_fraction, 0, 1);
  return params;
}
