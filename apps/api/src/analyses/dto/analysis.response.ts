import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ANALYSIS_STATUSES, type AnalysisStatus } from '@modalflow/analyses';
import { ANALYSIS_TYPES, type AnalysisType } from '@modalflow/oma';

export class AnalysisResponse {
  @ApiProperty({ example: '65e08e66bfe58ba848bccee0' }) id: string;
  @ApiProperty({ example: 9 }) tenant_id: number;
  @ApiProperty({ example: '6426ff08edc3cbd39eac2a93' }) structure_id: string;
  @ApiPropertyOptional({ example: 'Deck, first hour' }) name?: string;
  @ApiProperty({ enum: ANALYSIS_TYPES, example: 'SSI' }) type: AnalysisType;
  @ApiProperty({ example: { order_max: 60 } }) params: Record<string, unknown>;
  @ApiProperty({ example: { source: 'file', path: 'bridge/suspension-bridge.csv' } }) input: Record<
    string,
    unknown
  >;
  @ApiProperty({ enum: ANALYSIS_STATUSES, example: 'DONE' }) status: AnalysisStatus;
  @ApiProperty({ example: 7 }) created_by: number;
  @ApiPropertyOptional({ example: 7 }) run_by?: number;
  @ApiProperty({ example: 1, description: 'How many runs were requested' }) runs: number;
  @ApiPropertyOptional({ example: 'CSV line 3, column 2 (s1): the value is not a number' }) error?: string;
  @ApiProperty({ example: ['65e08e66bfe58ba848bccef1'] }) result_ids: string[];
  @ApiPropertyOptional() worker_id?: string;
  @ApiProperty() created_at: Date;
  @ApiProperty() updated_at: Date;
  @ApiPropertyOptional() queued_at?: Date;
  @ApiPropertyOptional() started_at?: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true }) finished_at?: Date | null;
  @ApiPropertyOptional({
    description: 'Set when a monitoring rule created it for a new measurement',
    example: {
      rule_id: '6650a1f2c3d4e5f607182930',
      source: 'measurement',
      source_id: '…',
      recorded_at: '2026-11-23T10:00:00Z',
    },
  })
  monitoring?: Record<string, unknown>;
}

export class AnalysisPage {
  @ApiProperty({ type: [AnalysisResponse] }) items: AnalysisResponse[];
  @ApiProperty() total: number;
  @ApiProperty() offset: number;
  @ApiProperty() limit: number;
}

export class AnalysisResultResponse {
  @ApiProperty() id: string;
  @ApiProperty() analysis_id: string;
  @ApiProperty({ enum: ANALYSIS_TYPES }) type: AnalysisType;
  @ApiProperty() created_at: Date;
  @ApiProperty({
    description:
      'The analysis result as the OMA library returns it: sampling_rate_hz, channels, modes ' +
      '[{frequency_hz, damping_ratio, mode_shape, mpc?}], mac_matrix, params, and the plot data ' +
      '(FDD: singular_values, peaks; SSI: stabilization, clusters)',
    example: {
      type: 'SSI',
      sampling_rate_hz: 15,
      channels: ['s1', 's2', 's3', 's4', 's5'],
      modes: [
        {
          frequency_hz: 0.2048,
          damping_ratio: 0.0052,
          mode_shape: [0.69, 1, 0.04, -0.97, -0.76],
          mpc: 0.999,
        },
      ],
      mac_matrix: [[1]],
    },
  })
  result: Record<string, unknown>;
}
