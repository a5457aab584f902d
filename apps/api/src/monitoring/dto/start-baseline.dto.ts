import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';
import { OptionalField } from '../../common/optional-field';

export class StartBaselineDto {
  @ApiPropertyOptional({
    description: 'Measurements recorded from this time on (ISO 8601) train the new baseline (default: now)',
    example: '2026-09-01T00:00:00Z',
  })
  @OptionalField()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date and time' })
  from?: string;
}
