import { ApiProperty } from '@nestjs/swagger';
import { ANALYSIS_TYPES, type AnalysisType } from '@modalflow/oma';

export class AnalysisTypeResponse {
  @ApiProperty({ enum: ANALYSIS_TYPES, example: 'SSI' })
  type: AnalysisType;

  @ApiProperty({
    description:
      'JSON Schema of `params`: each property with its type, default, minimum/maximum, description and `x-unit`',
    example: {
      type: 'object',
      properties: { order_max: { type: 'integer', default: 60, maximum: 400, description: '…' } },
      additionalProperties: false,
    },
  })
  parameters: Record<string, unknown>;
}
