import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MONITORED_ANALYSIS_TYPES, type MonitoredAnalysisType } from '@modalflow/monitoring';
import { TRACKING_DEFAULTS } from '@modalflow/oma';

export class MonitoringRuleResponse {
  @ApiProperty({ example: '6650a1f2c3d4e5f607182930' }) id: string;
  @ApiProperty() tenant_id: number;
  @ApiProperty() structure_id: string;
  @ApiPropertyOptional() name?: string;
  @ApiProperty({ enum: MONITORED_ANALYSIS_TYPES }) type: MonitoredAnalysisType;
  @ApiProperty({ example: { order_max: 40 } }) params: Record<string, unknown>;
  @ApiPropertyOptional({ type: [String] }) channels?: string[];
  @ApiPropertyOptional() min_duration_s?: number;
  @ApiProperty({ example: TRACKING_DEFAULTS }) tracking: Record<string, number>;
  @ApiPropertyOptional({
    description: 'Environmental compensation, when the rule has it',
    example: {
      covariates: ['temperature_c'],
      training_records: 60,
      sigma: 3,
      consecutive: 3,
      clear_sigma: 1.5,
      chart: 'shewhart',
    },
  })
  compensation?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'The start of its latest new baseline' })
  baseline_from?: Date;
  @ApiProperty() enabled: boolean;
  @ApiProperty() created_by: number;
  @ApiProperty() created_at: Date;
  @ApiProperty() updated_at: Date;
}

export class MonitoringRulePage {
  @ApiProperty({ type: [MonitoringRuleResponse] }) items: MonitoringRuleResponse[];
  @ApiProperty() total: number;
  @ApiProperty() offset: number;
  @ApiProperty() limit: number;
}

export class TrackPointResponse {
  @ApiProperty() analysis_id: string;
  @ApiProperty({ description: 'When the measurement was recorded' }) recorded_at: Date;
  @ApiProperty({ example: 2.431 }) frequency_hz: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.012 }) damping_ratio: number | null;
  @ApiProperty({ description: "MAC to the track's reference shape", example: 0.998 }) mac: number;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: "Compensated rule: the measurement's covariates",
    example: { temperature_c: 4.5 },
  })
  covariates?: Record<string, number>;
  @ApiPropertyOptional({ description: "Compensated rule: the model's frequency for the covariates" })
  predicted_hz?: number;
  @ApiPropertyOptional({ description: 'Compensated rule: frequency_hz - predicted_hz' })
  residual_hz?: number;
  @ApiPropertyOptional({
    description: 'Compensated rule: the residual in standard deviations of the training residuals',
  })
  z?: number;
  @ApiPropertyOptional({ description: "Compensated rule: the residual's control limit, either way (Hz)" })
  limit_hz?: number;
  @ApiPropertyOptional({ description: 'Compensated rule: whether the point went on the control chart' })
  judged?: boolean;
  @ApiPropertyOptional({
    description: 'Why it was not judged (training, a missing covariate, a track not established)',
  })
  not_judged?: string;
}

export class TrackModelResponse {
  @ApiProperty({ type: [String] }) covariates: string[];
  @ApiProperty({ description: 'The mean training frequency' }) intercept_hz: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Hz per unit of each covariate',
    example: { temperature_c: -0.0048 },
  })
  slopes_hz: Record<string, number>;
  @ApiProperty({ description: 'Standard deviation of the training residuals' }) residual_sd_hz: number;
  @ApiProperty({ description: 'Standard deviation of the training frequencies' }) raw_sd_hz: number;
}

export class EarlierBaselineResponse {
  @ApiProperty({ description: 'When the baseline that replaced it started' }) until: Date;
  @ApiPropertyOptional() baseline_hz?: number;
  @ApiPropertyOptional({ type: TrackModelResponse }) model?: TrackModelResponse;
}

export class TrackCompensationResponse {
  @ApiProperty({ enum: ['training', 'judging', 'refused'] }) state: 'training' | 'judging' | 'refused';
  @ApiProperty() training_points: number;
  @ApiPropertyOptional({
    description: "Whether it may alert (seen in most of the rule's records over its training)",
  })
  established?: boolean;
  @ApiPropertyOptional({ description: 'Why no model could be fit' }) reason?: string;
  @ApiPropertyOptional({ type: TrackModelResponse }) model?: TrackModelResponse;
}

export class ModeTrackResponse {
  @ApiProperty({ example: '6650a1f2c3d4e5f607182931' }) id: string;
  @ApiProperty() rule_id: string;
  @ApiPropertyOptional({ description: "A user's name for it", example: '1st vertical bending' })
  name?: string;
  @ApiProperty({ description: 'Median frequency of its latest window_points points' }) value_hz: number;
  @ApiPropertyOptional({ description: 'Median of its first baseline_points points, once it has them' })
  baseline_hz?: number;
  @ApiPropertyOptional({ description: 'value_hz against baseline_hz, percent' }) change_percent?: number;
  @ApiProperty({ description: 'Whether the track is in ALERT' }) alert: boolean;
  @ApiProperty({ description: 'How many points it has' }) points: number;
  @ApiProperty({ type: TrackPointResponse }) latest: TrackPointResponse;
  @ApiProperty({ type: [Number], description: 'The shape its points are compared to (its first)' })
  reference_shape: number[];
  @ApiProperty({ type: [String] }) channels: string[];
  @ApiPropertyOptional({
    type: TrackCompensationResponse,
    description: 'Compensated rule: its model and state',
  })
  compensation?: TrackCompensationResponse;
  @ApiPropertyOptional({ description: 'After a new baseline: when it started' })
  baseline_from?: Date;
  @ApiPropertyOptional({ type: [EarlierBaselineResponse], description: 'The baselines and models before it' })
  earlier_baselines?: EarlierBaselineResponse[];
}

export class TrackHistoryPage {
  @ApiProperty({ type: [TrackPointResponse] }) items: TrackPointResponse[];
  @ApiProperty() total: number;
  @ApiProperty() offset: number;
  @ApiProperty() limit: number;
}

export class TrendPointResponse extends TrackPointResponse {
  @ApiProperty({ description: 'The track it belongs to' }) track_id: string;
}

export class RuleChartPointResponse {
  @ApiProperty() analysis_id: string;
  @ApiProperty() recorded_at: Date;
  @ApiPropertyOptional({ description: "The record's Hotelling T²" }) t2?: number;
  @ApiPropertyOptional({ description: 'The limit it was judged against' }) limit?: number;
  @ApiProperty() judged: boolean;
  @ApiPropertyOptional({ example: 'training (12 of 30 records)' }) not_judged?: string;
}

export class RuleChartResponse {
  @ApiProperty() rule_id: string;
  @ApiProperty({
    enum: ['training', 'judging', 'refused'],
    description: 'training: collecting the residual vectors of its first records; refused: see reason',
  })
  state: string;
  @ApiProperty({ type: [String], description: 'The tracks it charts (the established ones)' })
  track_ids: string[];
  @ApiProperty() training_records: number;
  @ApiProperty({ description: 'How many records it trains on' }) training_needed: number;
  @ApiPropertyOptional({ description: 'Upper limit of T² (ALERT after `consecutive` records above)' })
  limit?: number;
  @ApiPropertyOptional({ description: 'CLEARED after `consecutive` records below' }) clear_limit?: number;
  @ApiProperty() alert: boolean;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty({ type: [RuleChartPointResponse], description: 'Its latest records (up to 200)' })
  points: RuleChartPointResponse[];
}

export class ModeTrendResponse {
  @ApiProperty({ type: [ModeTrackResponse] }) tracks: ModeTrackResponse[];
  @ApiProperty({ type: [TrendPointResponse], description: 'Every point of the tracks by measurement time' })
  points: TrendPointResponse[];
  @ApiProperty({ description: 'Whether the oldest 20,000 points were all there was room for' })
  truncated: boolean;
  @ApiProperty({
    type: [RuleChartResponse],
    description: "Compensated rules' charts over all their established tracks (Hotelling T²)",
  })
  rule_charts: RuleChartResponse[];
}
