import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CurrentPrincipal } from '@modalflow/auth';
import { type Principal } from '@modalflow/contracts';
import { StatusStreamService } from '@modalflow/live-status';

export class EventsQuery {
  @ApiPropertyOptional({
    description: 'Return events with a greater sequence (default: from the oldest kept)',
    example: 41,
    type: 'integer',
    minimum: -1,
    maximum: Number.MAX_SAFE_INTEGER,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(-1)
  @Max(Number.MAX_SAFE_INTEGER)
  after = -1;

  @ApiPropertyOptional({ type: 'integer', default: 500, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit = 500;
}

class ShiftAlertResponse {
  @ApiProperty() track_id: string;
  @ApiProperty({ example: 2.431 }) baseline_hz: number;
  @ApiProperty({ example: 2.37 }) value_hz: number;
  @ApiProperty({ example: -2.5 }) change_percent: number;
  @ApiProperty({ description: 'The analysis whose point changed the state' }) analysis_id: string;
  @ApiPropertyOptional({ description: "Compensated rule: that point's predicted frequency" })
  predicted_hz?: number;
  @ApiPropertyOptional({ description: 'Compensated rule: its residual' }) residual_hz?: number;
  @ApiPropertyOptional({ description: 'Compensated rule: its residual in standard deviations' }) z?: number;
}

class StatusEventResponse {
  @ApiProperty({ example: 42 }) seq: number;
  @ApiProperty({ example: 9 }) tenant_id: number;
  @ApiProperty({ example: 7 }) user_id: number;
  @ApiProperty({ example: '65e08e66bfe58ba848bccee0' }) document_id: string;
  @ApiProperty({ example: 'SSI' }) run_type: string;
  @ApiProperty({ example: 'RUNNING' }) status: string;
  @ApiPropertyOptional() structure_id?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' } })
  counts?: Record<string, number>;
  @ApiPropertyOptional() message?: string;
  @ApiPropertyOptional({
    type: ShiftAlertResponse,
    description: "A monitoring rule's ALERT or CLEARED: the tracked mode and its change",
  })
  alert?: ShiftAlertResponse;
  @ApiProperty() at: string;
}

@ApiTags('live status')
@Controller('events')
export class EventsController {
  constructor(private readonly stream: StatusStreamService) {}

  @Get()
  @ApiOkResponse({
    type: [StatusEventResponse],
    description:
      "Your tenant's status events after a sequence, oldest first (the same as a Socket.IO replay)",
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: EventsQuery) {
    return this.stream.replay(principal.tenantId, query.after, query.limit);
  }
}
