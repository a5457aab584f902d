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
}

export class ModeTrackResponse {
  @ApiProperty({ example: '6650a1f2c3d4e5f607182931' }) id: string;
  @ApiProperty() rule_id: string;
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

export class ModeTrendResponse {
  @ApiProperty({ type: [ModeTrackResponse] }) tracks: ModeTrackResponse[];
  @ApiProperty({ type: [TrendPointResponse], description: 'Every point of the tracks by measurement time' })
  points: TrendPointResponse[];
  @ApiProperty({ description: 'Whether the oldest 20,000 points were all there was room for' })
  truncated: boolean;
}
