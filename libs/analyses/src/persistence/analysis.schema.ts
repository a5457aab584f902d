import type { AnalysisStatus } from '../analysis-status';
import type { AnalysisInput } from '../inputs/analysis-input';
import { type AnalysisType } from '@modalflow/oma';

/** An analysis of a structure (collection `<MONGODB_RUN_COLLECTION>_<structure id>`). */
export interface Analysis {
  id: string;
  tenant_id: number;
  structure_id: string;
  name?: string;
  type: AnalysisType;
  params: Record<string, unknown>;
  input: AnalysisInput;
  status: AnalysisStatus;
  created_by: number;
  /** Who asked for the latest run. */
  run_by?: number;
  runs: number;
  created_at: Date;
  updated_at: Date;
  queued_at?: Date;
  started_at?: Date;
  finished_at?: Date;
  error?: string;
  worker_id?: string;
  result_ids: string[];
  /** Set when a monitoring rule created it for a new measurement. */
  monitoring?: MonitoringOrigin;
}

/** A stored result (collection `<MONGODB_RES_COLLECTION>_<structure id>`): the library's result as is. */
export interface AnalysisResultRecord {
  id: string;
  tenant_id: number;
  structure_id: string;
  analysis_id: string;
  type: AnalysisType;
  created_at: Date;
  result: Record<string, unknown>;
}

/** Where a monitored analysis came from: the rule and the measurement that triggered it. */
export interface MonitoringOrigin {
  rule_id: string;
  /** A measurement of a fetch job (measures database) or an upload. */
  source: 'measurement' | 'upload';
  source_id: string;
  /** When the measurement was recorded: its resource's creation date, or the upload's `recorded_at`. */
  recorded_at: Date;
  /** The measurement's environmental values, by name. */
  environment?: Record<string, number>;
}
