import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UPLOAD_STATUSES, type UploadStatus } from '@modalflow/uploads';
import { type RecordingSummary } from '@modalflow/ingestion';

export class UploadResponse {
  @ApiProperty({ example: '65e08e66bfe58ba848bccee0' }) id: string;
  @ApiProperty({ example: '6426ff08edc3cbd39eac2a93' }) structure_id: string;
  @ApiProperty({ example: 'deck-2026-11-23.csv' }) file_name: string;
  @ApiProperty({ enum: UPLOAD_STATUSES, example: 'DONE' }) status: UploadStatus;
  @ApiProperty({ example: 52428800 }) bytes_received: number;
  @ApiPropertyOptional({ example: 52428800, description: 'The whole size, once known' }) size?: number;
  @ApiPropertyOptional({ example: 100 }) sampling_rate_hz?: number;
  @ApiPropertyOptional({ description: 'When the recording was made, as the client said' })
  recorded_at?: Date;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Environmental values at the measurement, by name',
    example: { temperature_c: 4.5 },
  })
  environment?: Record<string, number>;
  @ApiPropertyOptional({
    description:
      'Once DONE: channels, samples, sampling_rate_hz, duration_s and per channel count, min, max, mean, std, rms',
    example: {
      channels: ['s1', 's2'],
      samples: 360000,
      sampling_rate_hz: 100,
      duration_s: 3600,
      summary: [{ channel: 's1', count: 360000, min: -0.8, max: 0.9, mean: 0, std: 0.2, rms: 0.2 }],
    },
  })
  recording?: RecordingSummary;
  @ApiPropertyOptional({ example: 'CSV line 3, column 2 (s1): the value is not a number' }) error?: string;
  @ApiProperty() created_at: Date;
  @ApiProperty() updated_at: Date;
  @ApiPropertyOptional() finished_at?: Date;
}

export class UploadPage {
  @ApiProperty({ type: [UploadResponse] }) items: UploadResponse[];
  @ApiProperty() total: number;
  @ApiProperty() offset: number;
  @ApiProperty() limit: number;
}
