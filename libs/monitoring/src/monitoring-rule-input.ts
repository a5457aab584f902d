import type { MonitoredAnalysisType } from './monitoring-status';
import { type CompensationSettings, type TrackingSettings } from '@modalflow/oma';

/** A monitoring rule as a client gives it (the API's DTO is a checked instance of it). */
export interface NewMonitoringRule {
  name?: string;
  type: MonitoredAnalysisType;
  params?: Record<string, unknown>;
  channels?: string[];
  min_duration_s?: number;
  enabled?: boolean;
  tracking?: Partial<TrackingSettings>;
  compensation?: Pick<CompensationSettings, 'covariates' | 'training_records'> &
    Partial<CompensationSettings>;
}

/** What may change of a rule. */
export type MonitoringRuleChanges = Partial<
  Pick<NewMonitoringRule, 'name' | 'min_duration_s' | 'enabled' | 'tracking'>
>;
