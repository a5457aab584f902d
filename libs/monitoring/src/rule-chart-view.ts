import { type RuleChartState } from '@modalflow/oma';

/** A compensated rule's chart over all its established tracks (Hotelling T²), as a client reads it. */
export interface RuleChartView {
  rule_id: string;
  /** training: collecting the residual vectors of its first records; judging; refused (see reason). */
  state: 'training' | 'judging' | 'refused';
  /** The tracks it charts. */
  track_ids: string[];
  training_records: number;
  /** How many records it trains on. */
  training_needed: number;
  limit?: number;
  clear_limit?: number;
  alert: boolean;
  reason?: string;
  /** Its latest records (up to 200), by measurement time. */
  points: Array<{
    analysis_id: string;
    recorded_at: Date;
    t2?: number;
    limit?: number;
    judged: boolean;
    not_judged?: string;
  }>;
}

export function ruleChartView(ruleId: string, chart: RuleChartState): RuleChartView {
  return {
    rule_id: ruleId,
    state: chart.factor ? 'judging' : chart.refused ? 'refused' : 'training',
    track_ids: chart.track_ids,
    training_records: chart.training.length,
    training_needed: chart.training_needed,
    ...(chart.limit !== undefined ? { limit: chart.limit, clear_limit: chart.clear_limit } : {}),
    alert: chart.alert,
    ...(chart.refused ? { reason: chart.refused } : {}),
    points: chart.recent.map((point) => ({ ...point, recorded_at: new Date(point.recorded_at) })),
  };
}
