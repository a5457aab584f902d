import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RESOURCE_STATUSES, ResourceStatus } from '@modalflow/fetch-jobs';

export class FetchResourceResponse {
  @ApiProperty({ example: '65e08e66bfe58ba848bccee0:r-0001' }) id: string;
  @ApiProperty({ example: '65e08e66bfe58ba848bccee0' }) job_id: string;
  @ApiProperty({ example: 'r-0001' }) resource_id: string;
  @ApiProperty({ example: 0, description: 'Position in the source index' }) index: number;
  @ApiProperty({ enum: RESOURCE_STATUSES, example: 'DONE' }) status: ResourceStatus;
  @ApiPropertyOptional() creation_date?: Date;
  @ApiPropertyOptional({ example: 'https://monitoring.example.org/data/r-0001.csv' }) url?: string;
  @ApiPropertyOptional({ example: 'creation_date is not a valid date (ISO 8601 or epoch milliseconds)' })
  reason?: string;
  @ApiProperty({ example: 1 }) attempts: number;
  @ApiPropertyOptional({ example: 'https://x/r.csv answered 503 Service Unavailable' }) last_error?: string;
  @ApiPropertyOptional({
    example: {
      fields: { ch1: { count: 6000, min: -0.02, max: 0.021, mean: 0, std: 0.006 } },
      time_series: { samples: 6000, sampling_rate_hz: 100, duration_s: 59.99, rms: { ch1: 0.006 } },
    },
  })
  summary?: unknown;
  @ApiPropertyOptional({
    description:
      'Measurement id in the measures database (multichannel time series of a job with a structure)',
  })
  measurement_id?: string;
  @ApiPropertyOptional() processed_at?: Date;
  @ApiPropertyOptional({ example: 'worker-7:4211', description: 'The worker (host:pid) that settled it' })
  processed_by?: string;
}

export class FetchResourcePage {
  @ApiProperty({ type: [FetchResourceResponse] }) items: FetchResourceResponse[];
  @ApiProperty() total: number;
  @ApiProperty() offset: number;
  @ApiProperty() limit: number;
}
