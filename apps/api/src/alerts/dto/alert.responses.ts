import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ALERT_STATUSES, type AlertStatus } from '@modalflow/alerts';

export class AlertAuditEntryResponse {
  @ApiProperty() at: Date;
  @ApiProperty({ type: Number, nullable: true, description: 'The user; null for ModalFlow itself' }) by:
    number | null;
  @ApiProperty({ enum: ['opened', 'acknowledged', 'snoozed', 'unsnoozed', 'closed'] }) action: string;
  @ApiPropertyOptional() comment?: string;
  @ApiPropertyOptional({ description: 'snoozed: until when' }) until?: Date;
}

export class AlertAcknowledgementResponse {
  @ApiProperty() by: number;
  @ApiProperty() at: Date;
  @ApiPropertyOptional() comment?: string;
}

export class AlertClosureResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'The user; null when its track came back' })
  by: number | null;
  @ApiProperty() at: Date;
  @ApiProperty({ example: 'its track came back within its limits' }) reason: string;
  @ApiPropertyOptional() comment?: string;
}

export class AlertResponse {
  @ApiProperty({ example: '9c1f0e2d3b4a59687766a5b4' }) id: string;
  @ApiProperty() tenant_id: number;
  @ApiProperty() structure_id: string;
  @ApiProperty() rule_id: string;
  @ApiPropertyOptional() rule_name?: string;
  @ApiProperty() track_id: string;
  @ApiPropertyOptional({ description: "The track's name, when a user gave it one" }) track_name?: string;
  @ApiProperty({ enum: ALERT_STATUSES }) status: AlertStatus;
  @ApiProperty({ description: 'The analysis whose point raised it' }) analysis_id: string;
  @ApiProperty({ description: "That point's measurement time" }) recorded_at: Date;
  @ApiProperty({ example: 2.431 }) baseline_hz: number;
  @ApiProperty({ example: 2.35 }) value_hz: number;
  @ApiProperty({ example: -3.33 }) change_percent: number;
  @ApiPropertyOptional({ description: 'Compensated rules: the predicted frequency' }) predicted_hz?: number;
  @ApiPropertyOptional() residual_hz?: number;
  @ApiPropertyOptional({ description: 'The residual in standard deviations of the training residuals' })
  z?: number;
  @ApiPropertyOptional({
    description: "The rule-wide chart's alert (track_id T2): the record's Hotelling T²",
  })
  t2?: number;
  @ApiPropertyOptional({ description: 'Its limit' }) t2_limit?: number;
  @ApiPropertyOptional({ description: 'On the rule-wide chart: the mode whose residual was largest' })
  mode_track_id?: string;
  @ApiPropertyOptional({
    enum: ['maintenance', 'snooze'],
    description: 'Why it is not notified: raised inside a maintenance window, or while its track was snoozed',
  })
  silenced?: string;
  @ApiPropertyOptional() maintenance_window_id?: string;
  @ApiPropertyOptional({ description: 'Its changes are not notified until then' }) snoozed_until?: Date;
  @ApiPropertyOptional({ type: AlertAcknowledgementResponse }) acknowledged?: AlertAcknowledgementResponse;
  @ApiPropertyOptional({ type: AlertClosureResponse }) closed?: AlertClosureResponse;
  @ApiProperty({ type: [AlertAuditEntryResponse], description: 'Every change, oldest first' })
  audit: AlertAuditEntryResponse[];
  @ApiProperty() user_id: number;
  @ApiProperty() created_at: Date;
  @ApiProperty() updated_at: Date;
}

export class AlertPage {
  @ApiProperty({ type: [AlertResponse] }) items: AlertResponse[];
  @ApiProperty() total: number;
  @ApiProperty() offset: number;
  @ApiProperty() limit: number;
}

export class MaintenanceWindowResponse {
  @ApiProperty({ example: '6650a1f2c3d4e5f607182931' }) id: string;
  @ApiProperty() tenant_id: number;
  @ApiProperty() structure_id: string;
  @ApiProperty() starts_at: Date;
  @ApiProperty() ends_at: Date;
  @ApiPropertyOptional() reason?: string;
  @ApiProperty() created_by: number;
  @ApiProperty() created_at: Date;
}

export class MaintenanceWindowPage {
  @ApiProperty({ type: [MaintenanceWindowResponse] }) items: MaintenanceWindowResponse[];
  @ApiProperty() total: number;
  @ApiProperty() offset: number;
  @ApiProperty() limit: number;
}
