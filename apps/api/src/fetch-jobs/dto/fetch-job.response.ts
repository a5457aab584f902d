import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FETCH_JOB_STATUSES, FetchJobStatus } from '@modalflow/fetch-jobs';

class FetchJobCountsResponse {
  @ApiProperty({ example: 200 }) found: number;
  @ApiProperty({ example: 198 }) valid: number;
  @ApiProperty({ example: 2 }) invalid: number;
  @ApiProperty({ example: 150 }) processed: number;
  @ApiProperty({ example: 1 }) failed: number;
  @ApiProperty({ example: 155 }) attempts: number;
}

export class FetchJobResponse {
  @ApiProperty({ example: '65e08e66bfe58ba848bccee0' }) id: string;
  @ApiProperty({ example: 9 }) tenant_id: number;
  @ApiProperty({ example: 7 }) user_id: number;
  @ApiProperty({ example: 'https://monitoring.example.org/exports/2026-11-23/index.json' })
  source_url: string;
  @ApiPropertyOptional() structure_id?: string;
  @ApiProperty({ example: 3 }) max_attempts: number;
  @ApiProperty({ enum: FETCH_JOB_STATUSES, example: 'QUEUED' }) status: FetchJobStatus;
  @ApiProperty({ type: FetchJobCountsResponse }) counts: FetchJobCountsResponse;
  @ApiPropertyOptional({
    example:
      'could not fetch the source: https://monitoring.example.org/index.json answered 500 (after 3 attempts)',
  })
  last_error?: string;
  @ApiProperty({
    description: 'Running summary over the processed resources: per field count, min, max, mean, std',
    example: { ch1: { count: 1200000, min: -0.03, max: 0.031, mean: 0, std: 0.006 } },
  })
  summary: Record<string, unknown>;
  @ApiProperty() idempotency_key: string;
  @ApiPropertyOptional() started_at?: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) finished_at?: Date | null;
  @ApiProperty() created_at: Date;
  @ApiProperty() updated_at: Date;
}

export class FetchJobPage {
  @ApiProperty({ type: [FetchJobResponse] }) items: FetchJobResponse[];
  @ApiProperty() total: number;
  @ApiProperty() offset: number;
  @ApiProperty() limit: number;
}
