import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsString, MaxLength, ValidateNested } from 'class-validator';
import { OptionalField } from '../../common/optional-field';
import { AnalysisInputDto, INPUT_DTOS, inputDtoFor } from './analysis-input.dto';
import {
  ANALYSIS_TYPES,
  type AnalysisType,
  FDD_DEFAULTS,
  PREPROCESSING_DEFAULTS,
  PLSCF_DEFAULTS,
  SSI_DEFAULTS,
} from '@modalflow/oma';

@ApiExtraModels(...Object.values(INPUT_DTOS))
export class CreateAnalysisDto {
  @ApiPropertyOptional({ example: 'Deck, first hour of 2026-11-23', maxLength: 200 })
  @OptionalField()
  @IsString()
  @MaxLength(200)
  name?: string;

  @ApiProperty({ enum: ANALYSIS_TYPES, example: 'SSI' })
  @IsIn(ANALYSIS_TYPES)
  type: AnalysisType;

  @ApiPropertyOptional({
    description:
      'Parameters of the analysis type; every one is optional. Defaults: ' +
      `PREPROCESSING ${JSON.stringify(PREPROCESSING_DEFAULTS)}; FDD and FSDD ${JSON.stringify(FDD_DEFAULTS)}; ` +
      `SSI and SSI-DAT ${JSON.stringify(SSI_DEFAULTS)}; PLSCF ${JSON.stringify(PLSCF_DEFAULTS)}. ` +
      'GET /analysis-types gives every parameter of every type with its bounds; docs/oma.md explains them.',
    example: { order_max: 60, block_rows: 20 },
    type: 'object',
    additionalProperties: true,
  })
  @OptionalField()
  @IsObject()
  params?: Record<string, unknown>;

  @ApiProperty({
    description:
      'The record to analyse: `{source:"measurement", measurement_id, channels?, start_s?, end_s?}` (measures database), ' +
      '`{source:"file", path, sampling_rate_hz?}` (a CSV under DATA_PATH), `{source:"bucket", key, sampling_rate_hz?}` ' +
      '(a CSV in FILE_BUCKET), `{source:"upload", upload_id}` (a finished upload, docs/uploads.md) or ' +
      '`{source:"analysis", analysis_id}` (the output of a PREPROCESSING analysis)',
    example: { source: 'file', path: 'bridge/suspension-bridge.csv' },
    type: Object, // not the base class: one of the four shapes below
    oneOf: Object.values(INPUT_DTOS).map((dto) => ({ $ref: getSchemaPath(dto) })),
  })
  @IsObject()
  @ValidateNested()
  @Type((options) => inputDtoFor((options?.object as { input?: unknown } | undefined)?.input))
  input: AnalysisInputDto;
}
