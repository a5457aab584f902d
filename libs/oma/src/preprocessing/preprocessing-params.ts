import { FilterType } from '../signal/butterworth';
import { DetrendType } from '../signal/detrend';

export interface PreprocessingParams {
  /** Channels to keep, by name; default: all. */
  channels?: string[];
  /** Time window in seconds from the first sample; default: the whole record. */
  start_s?: number;
  end_s?: number;
  detrend: DetrendType;
  /** Zero-phase Butterworth filter. */
  filter?: { type: FilterType; order?: number; cutoff_hz: number | [number, number] };
  /** Keep every n-th sample after an anti-aliasing low pass. */
  decimation_factor: number;
}

export const PREPROCESSING_DEFAULTS: PreprocessingParams = { detrend: 'linear', decimation_factor: 1 };
export const DEFAULT_FILTER_ORDER = 4;
