import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsMongoId, IsOptional } from 'class-validator';
import { PageQueryDto } from '../../common/page-query.dto';
import { ALERT_STATUSES, type AlertStatus } from '@modalflow/alerts';

export class ListStructureAlertsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: ALERT_STATUSES })
  @IsOptional()
  @IsIn(ALERT_STATUSES)
  status?: AlertStatus;

  @ApiPropertyOptional({
    description: 'Only the alerts of this monitoring rule',
    pattern: '^[0-9a-fA-F]{24}$',
  })
  @IsOptional()
  @IsMongoId()
  rule_id?: string;

  @ApiPropertyOptional({
    description: 'Raised by measurements recorded from this time (ISO 8601)',
    format: 'date-time',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO 8601 date and time' })
  from?: string;

  @ApiPropertyOptional({
    description: 'Raised by measurements recorded before this time (ISO 8601)',
    format: 'date-time',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO 8601 date and time' })
  to?: string;
}

export class ListAlertsQuery extends ListStructureAlertsQuery {
  @ApiPropertyOptional({ description: 'Only the alerts of this structure', pattern: '^[0-9a-fA-F]{24}$' })
  @IsOptional()
  @IsMongoId()
  structure_id?: string;
}
