import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsString, MaxLength } from 'class-validator';
import { OptionalField } from '../../common/optional-field';
import { ANALYSIS_TYPES, type AnalysisInput, type AnalysisType } from '@modalflow/contracts';
import { FDD_DEFAULTS, PARAMETER_LIMITS, PREPROCESSING_DEFAULTS, SSI_DEFAULTS } from '@modalflow/oma';

const text = { type: 'string', minLength: 1 };
const samplingRate = { type: 'number', exclusiveMinimum: true, minimum: 0 };
const variant = (source: string, required: string[], properties: Record<string, object>) => ({
  type: 'object',
  required: ['source', ...required],
  properties: { source: { type: 'string', enum: [source] }, ...properties },
  additionalProperties: false,
});

/** The four shapes of `input`, as parseAnalysisInput checks them. */
const INPUT_SCHEMAS = [
  variant('measurement', ['measurement_id'], {
    measurement_id: text,
    channels: {
      type: 'array',
      items: text,
      minItems: 2,
      maxItems: PARAMETER_LIMITS.channels,
      uniqueItems: true,
    },
    start_s: { type: 'number', minimum: 0 },
    end_s: { type: 'number', minimum: 0 },
  }),
  variant('file', ['path'], { path: text, sampling_rate_hz: samplingRate }),
  variant('bucket', ['key'], { key: text, sampling_rate_hz: samplingRate }),
  variant('analysis', ['analysis_id'], { analysis_id: text }),
];

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
      `PREPROCESSING ${JSON.stringify(PREPROCESSING_DEFAULTS)}; FDD ${JSON.stringify(FDD_DEFAULTS)}; ` +
      `SSI ${JSON.stringify(SSI_DEFAULTS)}. See docs/oma.md for every parameter.`,
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
      '(a CSV in FILE_BUCKET) or `{source:"analysis", analysis_id}` (the output of a PREPROCESSING analysis)',
    example: { source: 'file', path: 'bridge/suspension-bridge.csv' },
    oneOf: INPUT_SCHEMAS,
  })
  @IsObject()
  input: AnalysisInput;
}
