import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsString, MaxLength } from 'class-validator';
import { OptionalField } from '../../common/optional-field';
import { MAX_SNOOZE_DAYS } from '@modalflow/alerts';

const COMMENT_LENGTH = 1000;

/** A comment on an acknowledgement or a closure (kept in the audit trail). */
export class AlertCommentDto {
  @ApiPropertyOptional({ maxLength: COMMENT_LENGTH, example: 'Inspection booked for Monday' })
  @OptionalField()
  @IsString()
  @MaxLength(COMMENT_LENGTH)
  comment?: string;
}

export class SnoozeAlertDto extends AlertCommentDto {
  @ApiProperty({
    description: `Not notified until then (ISO 8601, in the future, within ${MAX_SNOOZE_DAYS} days); a new alert of the same track meanwhile is snoozed too`,
    example: '2026-12-10T08:00:00Z',
    format: 'date-time',
  })
  @IsISO8601({ strict: true }, { message: 'until must be an ISO 8601 date and time' })
  until: string;
}
