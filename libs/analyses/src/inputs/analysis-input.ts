/** Where an analysis reads its record from. */
export type AnalysisInput =
  | { source: 'measurement'; measurement_id: string; channels?: string[]; start_s?: number; end_s?: number }
  | { source: 'file'; path: string; sampling_rate_hz?: number }
  | { source: 'bucket'; key: string; sampling_rate_hz?: number }
  | { source: 'analysis'; analysis_id: string }
  | { source: 'upload'; upload_id: string; channels?: string[] };

export const ANALYSIS_INPUT_SOURCES = ['measurement', 'file', 'bucket', 'analysis', 'upload'] as const;
