import type { AnalysisStatus } from './analysis-status';
import type { AnalysisInput } from './inputs/analysis-input';
import { type PageRequest } from '@modalflow/database';
import { type AnalysisType } from '@modalflow/oma';

/** An analysis as a client asks for it, its input already in its checked form. */
export interface CreateAnalysis {
  name?: string;
  type: AnalysisType;
  params?: Record<string, unknown>;
  input: AnalysisInput;
}

/** Which analyses of a structure to list. */
export interface AnalysisFilter extends PageRequest {
  type?: AnalysisType;
  status?: AnalysisStatus;
  rule_id?: string;
}
