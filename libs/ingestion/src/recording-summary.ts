/** Per channel of an uploaded recording. */
export interface ChannelSummary {
  channel: string;
  count: number;
  min: number;
  max: number;
  mean: number;
  std: number;
  rms: number;
}

/** What the worker found in a recording: its shape and each channel's summary. */
export interface RecordingSummary {
  channels: string[];
  samples: number;
  sampling_rate_hz: number;
  duration_s: number;
  summary: ChannelSummary[];
}
