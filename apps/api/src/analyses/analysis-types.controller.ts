import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnalysisTypeResponse } from './dto/analysis-type.response';
import { ANALYSIS_TYPES, parameterJsonSchemas } from '@modalflow/oma';

const TYPES: AnalysisTypeResponse[] = (() => {
  const schemas = parameterJsonSchemas();
  return ANALYSIS_TYPES.map((type) => ({ type, parameters: schemas[type] }));
})();

@ApiTags('analyses')
@Controller('analysis-types')
export class AnalysisTypesController {
  @Get()
  @ApiOkResponse({
    type: [AnalysisTypeResponse],
    description: 'Every analysis type with the JSON Schema of its parameters (defaults, bounds, units)',
  })
  list(): AnalysisTypeResponse[] {
    return TYPES;
  }
}
