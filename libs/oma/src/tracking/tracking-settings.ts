/** How modes are matched to tracks and when a track's shift raises an alert. */
export interface TrackingSettings {
  /** A mode matches a track only within this relative frequency distance (percent). */
  max_frequency_change_percent: number;
  /** ... and with at least this MAC to the track's reference shape. */
  min_mac: number;
  /** A track's baseline: the median frequency of its first this many points (by measurement time). */
  baseline_points: number;
  /** A track's current value: the median frequency of its latest this many points. */
  window_points: number;
  /** ALERT when the current value is this far from the baseline (percent, either way). */
  alert_percent: number;
  /** CLEARED when it is back within this distance (percent; below alert_percent: hysteresis). */
  clear_percent: number;
}

export const TRACKING_DEFAULTS: TrackingSettings = {
  max_frequency_change_percent: 10,
  min_mac: 0.8,
  baseline_points: 10,
  window_points: 5,
  alert_percent: 2,
  clear_percent: 1,
};

/** The bounds of each setting (checked by the API; the tracker trusts them). */
export const TRACKING_LIMITS = {
  max_frequency_change_percent: { min: 0.1, max: 50 },
  min_mac: { min: 0, max: 1 },
  baseline_points: { min: 1, max: 1000 },
  window_points: { min: 1, max: 100 },
  alert_percent: { min: 0.01, max: 50 },
  clear_percent: { min: 0, max: 50 },
} as const satisfies Record<keyof TrackingSettings, { min: number; max: number }>;
