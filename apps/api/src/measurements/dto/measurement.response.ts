import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class MeasurementSource {
  @ApiPropertyOptional({ example: '65e08e66bfe58ba848bccee0', description: 'The fetch job it was read by' })
  job_id?: string;
  @ApiPropertyOptional({ example: 'deck-2026-11-23T10', description: 'Its resource in the job index' })
  resource_id?: string;
}

export class MeasurementResponse {
  @ApiProperty({
    example: '65e08e66bfe58ba848bccee0:deck-2026-11-23T10',
    description: 'Give it to an analysis as `input: {"source": "measurement", "measurement_id"}`',
  })
  id: string;
  @ApiProperty({ example: '6426ff08edc3cbd39eac2a93' }) structure_id: string;
  @ApiProperty({ example: ['s1', 's2', 's3'] }) channels: string[];
  @ApiProperty({ example: 360000 }) samples: number;
  @ApiProperty({ example: 100, description: 'Hz' }) sampling_rate_hz: number;
  @ApiProperty({ example: 3600, description: 'seconds' }) duration_s: number;
  @ApiPropertyOptional({ description: "When it was recorded: its resource's creation date" })
  recorded_at?: Date;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: "Environmental values at the measurement, by name (its resource's `environment`)",
    example: { temperature_c: 4.5, wind_mps: 7.2 },
  })
  environment?: Record<string, number>;
  @ApiProperty({ description: 'When it was stored' }) created_at: Date;
  @ApiProperty({ type: MeasurementSource }) source: MeasurementSource;
}

export class MeasurementPage {
  @ApiProperty({ type: [MeasurementResponse] }) items: MeasurementResponse[];
  @ApiProperty() total: number;
  @ApiProperty() offset: number;
  @ApiProperty() limit: number;
}
