import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { ANALYSIS_TYPES, type AnalysisInput, type AnalysisType } from '@modalflow/contracts';
import { FDD_DEFAULTS, PREPROCESSING_DEFAULTS, SSI_DEFAULTS } from '@modalflow/oma';

export class CreateAnalysisDto {
  @ApiPropertyOptional({ example: 'Deck, first hour of 2026-11-23', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiProperty({ enum: ANALYSIS_TYPES, example: 'SSI' })
  @IsIn(ANALYSIS_TYPES)
  type: AnalysisType;

  @ApiPropertyOptional({
    description:
      'Parameters of the analysis type; every one is optional. Defaults: ' +
      `PREPROCESSING ${JSON.stringify(PREPROCESSING_DEFAULTS)}; FDD ${JSON.stringify(FDD_DEFAULTS)}; ` +
      `SSI ${JSON.stringify(SSI_DEFAULTS)}. See the README for every parameter.`,
    example: { order_max: 60, block_rows: 20 },
    type: 'object',
    additionalProperties: true,
  })
  @IsOptional()
  @IsObject()
  params?: Record<string, unknown>;

  @ApiProperty({
    description:
      'The record to analyse: `{source:"measurement", measurement_id, channels?, start_s?, end_s?}` (measures database), ' +
      '`{source:"file", path, sampling_rate_hz?}` (a CSV under DATA_PATH), `{source:"bucket", key, sampling_rate_hz?}` ' +
      '(a CSV in FILE_BUCKET) or `{source:"analysis", analysis_id}` (the output of a PREPROCESSING analysis)',
    example: { source: 'file', path: 'bridge/suspension-bridge.csv' },
    type: 'object',
    additionalProperties: true,
  })
  @IsObject()
  input: AnalysisInput;
}
