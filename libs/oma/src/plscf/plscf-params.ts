import { SSI_DEFAULTS, SsiParams } from '../ssi/ssi-params';

/**
 * pLSCF's parameters: the stabilization and automatic selection of SSI, a polynomial order range
 * (each order n gives n x references poles), the lags of the half spectra and the reference channels.
 */
export interface PlscfParams extends Omit<SsiParams, 'block_rows' | 'uncertainty'> {
  /** Lags of the correlations the half spectra are taken from (a power of two); default: plscfLags. */
  lags?: number;
  /** Reference channels (the columns of the half spectra); default: all channels. */
  references?: string[];
}

export const PLSCF_DEFAULTS: PlscfParams = {
  order_min: 1,
  order_max: 20,
  order_step: 1,
  tol_frequency: SSI_DEFAULTS.tol_frequency,
  tol_damping: SSI_DEFAULTS.tol_damping,
  tol_mac: SSI_DEFAULTS.tol_mac,
  max_damping: SSI_DEFAULTS.max_damping,
  cluster_distance: SSI_DEFAULTS.cluster_distance,
  min_cluster_fraction: SSI_DEFAULTS.min_cluster_fraction,
};
