import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsString, MaxLength } from 'class-validator';
import { OptionalField } from '../../common/optional-field';

export class CreateMaintenanceWindowDto {
  @ApiProperty({ description: 'Start (ISO 8601)', example: '2026-12-14T06:00:00Z', format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'starts_at must be an ISO 8601 date and time' })
  starts_at: string;

  @ApiProperty({
    description: 'End (ISO 8601), after the start, within 366 days of it',
    example: '2026-12-18T18:00:00Z',
    format: 'date-time',
  })
  @IsISO8601({ strict: true }, { message: 'ends_at must be an ISO 8601 date and time' })
  ends_at: string;

  @ApiPropertyOptional({ maxLength: 500, example: 'Bearing replacement, pier 3' })
  @OptionalField()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
